# Dutch texts of feedback and complaints (R-CARE-1) and extra support outside working hours
# (R-CARE-2). (care.py holds the periodic check of the organisation's details.)
NL = {
    "Customer care": "Klantenservice",
    # Models.
    "Feedback": "Feedback",
    "Complaint": "Klacht",
    "Received": "Ontvangen",
    "In progress": "In behandeling",
    "Closed": "Gesloten",
    "sent by": "verstuurd door",
    "message": "bericht",
    "received at": "ontvangen op",
    "first response due": "eerste reactie uiterlijk",
    "Complaints: one working day after receipt.": "Klachten: één werkdag na ontvangst.",
    "first response at": "eerste reactie op",
    "our response": "onze reactie",
    "closed at": "gesloten op",
    "feedback or complaint": "feedback of klacht",
    "feedback and complaints": "feedback en klachten",
    "Requested": "Aangevraagd",
    "Declined": "Afgewezen",
    "requested by": "aangevraagd door",
    "from": "van",
    "until": "tot",
    "what is happening": "wat er speelt",
    "billable": "factureerbaar",
    "Charged afterwards; First Class organisations are not.":
        "Achteraf in rekening gebracht; niet bij First Class-organisaties.",
    "note to the customer": "toelichting voor de klant",
    "handled by": "behandeld door",
    "handled at": "behandeld op",
    "extra support request": "aanvraag extra ondersteuning",
    "extra support requests": "aanvragen extra ondersteuning",
    # Admin.
    "first response": "eerste reactie",
    "Overdue complaints": "Klachten te laat beantwoord",
    "Complaints waiting for a first response": "Klachten die wachten op een eerste reactie",
    "Write the response the customer gets.": "Schrijf de reactie die de klant krijgt.",
    "overdue": "te laat",
    "Mark as in progress": "In behandeling nemen",
    "Marked as in progress.": "In behandeling genomen.",
    "Closed: %(count)d.": "Gesloten: %(count)d.",
    # Forms.
    "What do you want to send?": "Wat wil je sturen?",
    "Message": "Bericht",
    "From": "Van",
    "Until": "Tot",
    "What is happening, and what support do you need?":
        "Wat speelt er, en welke ondersteuning heb je nodig?",
    "Extra support can be requested up to a year ahead.":
        "Extra ondersteuning vraag je hoogstens een jaar vooruit aan.",
    "The end must be after the start.": "Het einde moet na het begin liggen.",
    "A window can last at most 7 days; send a request per window.":
        "Een periode duurt hoogstens 7 dagen; stuur een aanvraag per periode.",
    # Views.
    "We received your complaint and respond by %(when)s at the latest.":
        "We hebben je klacht ontvangen en reageren uiterlijk op %(when)s.",
    "Thank you for your feedback.": "Bedankt voor je feedback.",
    "Extra support must be requested at least %(days)s days ahead: the first date you can "
    "choose is %(date)s.":
        "Extra ondersteuning vraag je minimaal %(days)s dagen van tevoren aan: de eerste "
        "datum die je kunt kiezen is %(date)s.",
    "We received your request for extra support. You will get an email when it is "
    "confirmed.":
        "We hebben je aanvraag voor extra ondersteuning ontvangen. Je krijgt een e-mail zodra "
        "die bevestigd is.",
    # Navigation.
    "Feedback and complaints": "Feedback en klachten",
    "Tell us what you think, send a complaint and follow its handling.":
        "Laat weten wat je ervan vindt, stuur een klacht in en volg de afhandeling.",
    # Pages.
    "Tell us what you think of our software and service. We respond to a complaint within "
    "one working day, and you can follow it here.":
        "Laat ons weten wat je van onze software en service vindt. Op een klacht reageren we "
        "binnen één werkdag, en je volgt de afhandeling hier.",
    "Send feedback or a complaint": "Feedback of een klacht sturen",
    "Send": "Versturen",
    "Sent by your organisation": "Verstuurd door je organisatie",
    "Sent by you": "Door jou verstuurd",
    "Sent by": "Verstuurd door",
    "Nothing sent yet.": "Nog niets verstuurd.",
    "First response": "Eerste reactie",
    "First response on %(when)s": "Eerste reactie op %(when)s",
    "We respond by %(when)s": "We reageren uiterlijk op %(when)s",
    "Response overdue": "Reactie te laat",
    "Your message": "Je bericht",
    "Our response": "Onze reactie",
    "There is no response yet.": "Er is nog geen reactie.",
    "Extra support outside working hours": "Extra ondersteuning buiten werktijd",
    "Extra support": "Extra ondersteuning",
    "For a critical moment outside our opening hours, such as a migration or a year-end "
    "closing, the Support Center can be available for you. Request it at least 5 days ahead.":
        "Voor een kritisch moment buiten onze openingstijden, zoals een migratie of een "
        "jaarafsluiting, kan het Support Center voor je klaarstaan. Vraag het minimaal 5 dagen "
        "van tevoren aan.",
    "Request extra support": "Extra ondersteuning aanvragen",
    "The earliest start you can choose now: %(date)s. Times are Amsterdam time.":
        "Het vroegste begin dat je nu kunt kiezen: %(date)s. Tijden zijn Nederlandse tijd.",
    "As a First Class customer, you are not charged for extra support.":
        "Als First Class-klant betaal je niet voor extra ondersteuning.",
    "Extra support is charged afterwards, for the time we spent.":
        "Extra ondersteuning brengen we achteraf in rekening, naar de tijd die we eraan "
        "besteedden.",
    "Send request": "Aanvraag versturen",
    "Requests of your organisation": "Aanvragen van je organisatie",
    "Window": "Periode",
    "Requested by": "Aangevraagd door",
    "Billable": "Factureerbaar",
    "Yes": "Ja",
    "No": "Nee",
    "No requests yet.": "Nog geen aanvragen.",
    # Emails.
    "Our response to “%(subject)s”": "Onze reactie op ‘%(subject)s’",
    "Hello %(name)s,\n\nThank you for your message “%(subject)s”. This is our response:":
        "Beste %(name)s,\n\nBedankt voor je bericht ‘%(subject)s’. Dit is onze reactie:",
    "You can follow it in the Klantportal:": "Je volgt het in het Klantportal:",
    "Complaint from %(organisation)s: %(subject)s": "Klacht van %(organisation)s: %(subject)s",
    "%(organisation)s (%(sender)s) sent a complaint.":
        "%(organisation)s (%(sender)s) heeft een klacht gestuurd.",
    "First response due:": "Eerste reactie uiterlijk:",
    "Extra support requested by %(organisation)s":
        "Extra ondersteuning aangevraagd door %(organisation)s",
    "%(organisation)s (%(sender)s) asks for extra support outside working hours.":
        "%(organisation)s (%(sender)s) vraagt extra ondersteuning buiten werktijd aan.",
    "From:": "Van:",
    "Until:": "Tot:",
    "Billable afterwards.": "Achteraf factureerbaar.",
    "Not billable (First Class).": "Niet factureerbaar (First Class).",
    "Your extra support is confirmed": "Je extra ondersteuning is bevestigd",
    "Your request for extra support was declined":
        "Je aanvraag voor extra ondersteuning is afgewezen",
    "We confirm extra support outside working hours:":
        "We bevestigen extra ondersteuning buiten werktijd:",
    "We cannot give the extra support you asked for:":
        "We kunnen de gevraagde extra ondersteuning niet geven:",
    # Extra support outside opening hours, except for an outage (R-CARE-2).
    "outage": "storing",
    "The incident of the outage this support is for.":
        "Het incident van de storing waarvoor deze ondersteuning is.",
    "Charged afterwards; First Class organisations and outages are not.":
        "Achteraf in rekening gebracht; niet bij First Class-organisaties en storingen.",
    "Incident number of the outage (only for an outage)":
        "Incidentnummer van de storing (alleen bij een storing)",
    "For an outage, extra support can also be given within opening hours, and it is not "
    "charged.":
        "Bij een storing kan extra ondersteuning ook binnen de openingstijden, en die brengen "
        "we niet in rekening.",
    "An incident number has 8 digits, for example 12345678.":
        "Een incidentnummer heeft 8 cijfers, bijvoorbeeld 12345678.",
    "%(day)s %(start)s–%(end)s falls within opening hours (%(opens)s–%(closes)s)":
        "%(day)s %(start)s–%(end)s valt binnen de openingstijden (%(opens)s–%(closes)s)",
    "%(overlaps)s. Extra support is for outside our opening hours; within them, only for an "
    "outage (give its incident number).":
        "%(overlaps)s. Extra ondersteuning is voor buiten onze openingstijden; daarbinnen "
        "alleen bij een storing (geef het incidentnummer op).",
    "Your organisation has no incident with number %(number)s.":
        "Je organisatie heeft geen incident met nummer %(number)s.",
    "Incident %(number)s is not an outage. Extra support within opening hours is only for "
    "an outage.":
        "Incident %(number)s is geen storing. Extra ondersteuning binnen de openingstijden is "
        "alleen voor een storing.",
    "Our opening hours:": "Onze openingstijden:",
    "On public holidays and closure days we are closed.":
        "Op feestdagen en sluitingsdagen zijn we gesloten.",
    "Within opening hours, extra support is only for an outage: give the incident number of "
    "the outage, and it is not charged.":
        "Binnen de openingstijden is extra ondersteuning alleen voor een storing: geef het "
        "incidentnummer van de storing op, en we brengen het niet in rekening.",
    "Outage %(number)s": "Storing %(number)s",
    "For outage %(number)s: not billable.": "Voor storing %(number)s: niet factureerbaar.",
}
