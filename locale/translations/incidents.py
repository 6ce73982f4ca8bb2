# Dutch texts of the incidents: the customer's pages, the reporter's emails, the support
# queue in the admin and the model names (R-INC-1 … R-INC-15).
NL = {
    # Navigation.
    "Incidents": "Incidenten",
    "Submit an incident to the Support Center and follow its handling.":
        "Stuur een incident in bij het Support Center en volg de afhandeling.",
    # Choices.
    "Fault": "Fout",
    "Outage": "Storing",
    "Wish": "Wens",
    "Question": "Gebruikersvraag",
    "Online environment": "Online omgeving",
    "Other": "Overig",
    "Production": "Productie",
    "Test": "Test",
    "Submitted": "Ingestuurd",
    "Waiting for you": "Wacht op jou",
    "Resolved": "Opgelost",
    "1 – production-disrupting (First Class)": "1 – productieverstorend (First Class)",
    "2 – production-disrupting": "2 – productieverstorend",
    "3 – not production-disrupting": "3 – niet productieverstorend",
    "4 – informative question": "4 – informatieve vraag",
    "5 – wish": "5 – wens",
    "Reply from the customer": "Reactie van de klant",
    "Reply from support": "Reactie van Support",
    "Internal note": "Interne notitie",
    "Watch my screen": "Meekijken op mijn scherm",
    "Log in as a read-only user": "Inloggen als gebruiker die alleen mag lezen",
    "Log in as a user who may change data": "Inloggen als gebruiker die gegevens mag wijzigen",
    # Model and field names.
    "support team": "supportteam",
    "support teams": "supportteams",
    "product area": "productgebied",
    "type": "soort",
    "Leave empty for every type of this product area.":
        "Laat leeg voor elke soort van dit productgebied.",
    "team": "team",
    "routing rule": "routeringsregel",
    "routing rules": "routeringsregels",
    "any type": "elke soort",
    "number": "nummer",
    "environment": "omgeving",
    "priority": "prioriteit",
    "assignee": "behandelaar",
    "submitted at": "ingestuurd op",
    "last change": "laatste wijziging",
    "resolved at": "opgelost op",
    "at risk from": "in gevaar vanaf",
    "waiting for the customer since": "wacht op de klant sinds",
    "working time waiting for the customer": "werktijd gewacht op de klant",
    "incident": "incident",
    "incidents": "incidenten",
    "support staff": "supportmedewerker",
    "messages": "berichten",
    "file name": "bestandsnaam",
    "size in bytes": "grootte in bytes",
    "content type": "bestandstype",
    "uploaded by": "geüpload door",
    "attachment": "bijlage",
    "attachments": "bijlagen",
    "to": "aan",
    "by contact": "door contactpersoon",
    "by support staff": "door supportmedewerker",
    "status change": "statuswijziging",
    "status changes": "statuswijzigingen",
    "access level": "toegangsniveau",
    "granted by": "gegeven door",
    "granted at": "gegeven op",
    "expires at": "verloopt op",
    "revoked at": "ingetrokken op",
    "revoked by": "ingetrokken door",
    "remote-access grant": "toegang op afstand",
    "remote-access grants": "toegang op afstand",
    "score": "score",
    "comment": "toelichting",
    "satisfaction survey": "tevredenheidsvraag",
    "satisfaction surveys": "tevredenheidsvragen",
    "key": "sleutel",
    "incident email": "incidentmail",
    "incident emails": "incidentmails",
    # Attachments (R-INC-9).
    "%(name)s: this type of file is not accepted. Accepted: %(types)s.":
        "%(name)s: dit soort bestand accepteren we niet. Wel: %(types)s.",
    "%(name)s is larger than %(maximum)s.": "%(name)s is groter dan %(maximum)s.",
    "%(name)s is empty.": "%(name)s is leeg.",
    "%(name)s does not look like a .%(extension)s file.":
        "%(name)s lijkt geen .%(extension)s-bestand te zijn.",
    "Attachments": "Bijlagen",
    "Attach at most %(count)s files.": "Voeg hoogstens %(count)s bestanden toe.",
    "At most %(count)s files of at most %(size)s each: %(types)s.":
        "Hoogstens %(count)s bestanden van elk hoogstens %(size)s: %(types)s.",
    # Forms.
    "Type": "Soort",
    "Product area": "Productgebied",
    "Environment": "Omgeving",
    "What did you do, what happened, what did you expect? Error messages help us most.":
        "Wat deed je, wat gebeurde er en wat verwachtte je? Foutmeldingen helpen ons het meest.",
    "Your reply": "Je reactie",
    "Access level": "Toegangsniveau",
    "For": "Voor",
    "2 hours": "2 uur",
    "8 hours": "8 uur",
    "1 day": "1 dag",
    "3 days": "3 dagen",
    "7 days": "7 dagen",
    "How satisfied are you with how your incident was handled?":
        "Hoe tevreden ben je over de afhandeling van je incident?",
    "1 – very dissatisfied": "1 – zeer ontevreden",
    "5 – very satisfied": "5 – zeer tevreden",
    "Comment (optional)": "Toelichting (niet verplicht)",
    "All statuses": "Alle statussen",
    "All types": "Alle soorten",
    "Priority": "Prioriteit",
    "All priorities": "Alle prioriteiten",
    # Messages after a POST.
    "This incident is closed: submit a new incident instead.":
        "Dit incident is gesloten: stuur een nieuw incident in.",
    "Your reply has been added.": "Je reactie is toegevoegd.",
    "Choose an access level and for how long.": "Kies een toegangsniveau en hoe lang.",
    "Access cannot be granted on this incident.":
        "Op dit incident kun je geen toegang geven.",
    "Support has access until the time shown.": "Support heeft toegang tot het getoonde tijdstip.",
    "Access for support has been ended.": "De toegang voor Support is beëindigd.",
    "Choose a score from 1 to 5.": "Kies een score van 1 tot en met 5.",
    "This incident cannot be rated (yet).": "Dit incident kun je (nog) niet beoordelen.",
    "Thank you for your answer.": "Dank je wel voor je antwoord.",
    # The list.
    "Submit an incident": "Incident insturen",
    "All incidents of your organisation.": "Alle incidenten van je organisatie.",
    "The incidents you submitted.": "De incidenten die je hebt ingestuurd.",
    "Filter incidents": "Incidenten filteren",
    "Search (number or text)": "Zoeken (nummer of tekst)",
    "Target": "Streeftijd",
    "No incidents match these filters.": "Geen incidenten met deze filters.",
    "There are no incidents yet.": "Er zijn nog geen incidenten.",
    "not set yet": "nog niet bepaald",
    # Submitting (R-INC-2, R-INC-10).
    "Most answers are in the knowledge base: while you type the subject, we show articles that may help.":
        "De meeste antwoorden staan in de kennisbank: terwijl je het onderwerp typt, tonen we artikelen die kunnen helpen.",
    "Support sets the priority after reading your incident; you will see it, with the target time, on the incident's page.":
        "Support bepaalt de prioriteit na het lezen van je incident; die en de streeftijd zie je op de pagina van het incident.",
    "Submit incident": "Incident insturen",
    "Incident %(number)s submitted": "Incident %(number)s ingestuurd",
    "Thank you, we received your incident": "Dank je wel, we hebben je incident ontvangen",
    "Your incident number:": "Je incidentnummer:",
    "Support will set its priority and pick it up; you get an email at every change of its status.":
        "Support bepaalt de prioriteit en pakt het op; bij elke statuswijziging krijg je een e-mail.",
    "Urgent?": "Spoed?",
    "Call the Support Center and enter your incident number: you are put through to the person handling it.":
        "Bel het Support Center en toets je incidentnummer in: je wordt doorverbonden met wie het behandelt.",
    "Follow this incident": "Dit incident volgen",
    "All my incidents": "Al mijn incidenten",
    # The incident page.
    "Incident %(number)s": "Incident %(number)s",
    "Messages": "Berichten",
    "No messages yet.": "Nog geen berichten.",
    "Reply": "Reageren",
    "Not solved after all? Your reply reopens the incident.":
        "Toch niet opgelost? Met je reactie gaat het incident weer open.",
    "Send reply": "Reactie versturen",
    "How did we do?": "Hoe hebben we het gedaan?",
    "Thank you: you gave %(score)s out of 5. You can change your answer.":
        "Dank je wel: je gaf %(score)s van de 5. Je kunt je antwoord nog wijzigen.",
    "Details": "Gegevens",
    "Number": "Nummer",
    "Reporter": "Melder",
    "Remote assistance": "Meekijken op afstand",
    "Support asks for access to your environment.": "Support vraagt toegang tot je omgeving.",
    "Decline": "Weigeren",
    "Support has access (%(level)s) until %(until)s.":
        "Support heeft toegang (%(level)s) tot %(until)s.",
    "End access now": "Toegang nu beëindigen",
    "Support has no access to your environment.": "Support heeft geen toegang tot je omgeving.",
    "Grant access": "Toegang geven",
    "Status history": "Statusgeschiedenis",
    # The target (R-INC-4).
    "Paused – waiting for you": "Gepauzeerd – wacht op jou",
    "The clock stands still until you reply; %(left)s of working time will then be left.":
        "De klok staat stil tot je reageert; daarna is er nog %(left)s werktijd over.",
    "%(hours)d h %(minutes)d min": "%(hours)d u %(minutes)d min",
    "%(hours)d h": "%(hours)d u",
    "%(minutes)d min": "%(minutes)d min",
    "The clock stands still until you reply.": "De klok staat stil tot je reageert.",
    "%(name)s (Support)": "%(name)s (Support)",
    "Target: %(when)s": "Streeftijd: %(when)s",
    "Past the target by %(late)s of working time. We are on it.":
        "%(late)s werktijd over de streeftijd. We zijn ermee bezig.",
    "Time left: %(left)s of working time (Mon–Thu 08:30–17:00, Fri 08:30–16:00).":
        "Nog %(left)s werktijd (ma–do 08:30–17:00, vr 08:30–16:00).",
    "Resolved: there is no target any more.": "Opgelost: er geldt geen streeftijd meer.",
    "A wish has no target time.": "Voor een wens geldt geen streeftijd.",
    "Support will set the priority soon, and with it the target time.":
        "Support bepaalt binnenkort de prioriteit en daarmee de streeftijd.",
    # Emails (R-INC-7).
    "Dear %(name)s,": "Beste %(name)s,",
    "Support replied to your incident %(number)s \"%(subject)s\":":
        "Support heeft gereageerd op je incident %(number)s \"%(subject)s\":",
    "Files with this reply, to download in the portal:":
        "Bestanden bij deze reactie, te downloaden in het portaal:",
    "Follow the incident and reply": "Het incident volgen en reageren",
    "Follow the incident and reply:": "Het incident volgen en reageren:",
    "Kind regards,": "Met vriendelijke groet,",
    "AFAS Support Center": "AFAS Support Center",
    "Incident %(number)s: a reply from support": "Incident %(number)s: reactie van Support",
    "The status of your incident %(number)s \"%(subject)s\" changed from %(from)s to %(to)s.":
        "De status van je incident %(number)s \"%(subject)s\" is gewijzigd van %(from)s naar %(to)s.",
    "We received your incident \"%(subject)s\". Its number is %(number)s: mention it when you call us.":
        "We hebben je incident \"%(subject)s\" ontvangen. Het nummer is %(number)s: noem dat als je ons belt.",
    "We are waiting for your answer; until then the target time stands still.":
        "We wachten op je antwoord; tot dan staat de streeftijd stil.",
    "If the problem is not solved, reply on the incident page and we will pick it up again.":
        "Is het probleem niet opgelost? Reageer op de pagina van het incident, dan pakken we het weer op.",
    "Incident %(number)s: %(status)s": "Incident %(number)s: %(status)s",
    "Incident %(number)s received": "Incident %(number)s ontvangen",
    # The admin queue (R-INC-3/4/6/8/10/12).
    "target": "streeftijd",
    "past the target": "over de streeftijd",
    "at risk": "in gevaar",
    "waiting for the customer": "wacht op de klant",
    "Public reply (emailed to the reporter)": "Openbare reactie (per e-mail naar de melder)",
    "Internal note (never shown to the customer)": "Interne notitie (nooit zichtbaar voor de klant)",
    "Files with the public reply": "Bestanden bij de openbare reactie",
    "Write the public reply these files go with.":
        "Schrijf de openbare reactie waar deze bestanden bij horen.",
    "Ask the customer for remote access (reason)": "De klant om toegang op afstand vragen (reden)",
    "Number, organisation, reporter or subject.": "Nummer, organisatie, melder of onderwerp.",
    "Handling": "Afhandeling",
    "reporter": "melder",
    "time left": "resterende tijd",
    "from": "van",
    "paused": "gepauzeerd",
    "%(time)s over": "%(time)s te laat",
    "%(time)s left": "nog %(time)s",
    "From “%(from)s” the status cannot go to “%(to)s”.":
        "Van “%(from)s” kan de status niet naar “%(to)s”.",
    "Priority 1 is only for First Class organisations.":
        "Prioriteit 1 is alleen voor First Class-organisaties.",
    "A priority, once set, can be changed but not removed.":
        "Een prioriteit kun je wijzigen maar niet meer weghalen.",
    "This incident is closed: it takes no more changes.":
        "Dit incident is gesloten: er kan niets meer aan worden gewijzigd.",
    "%(count)s incident(s) changed.": "%(count)s incident(en) gewijzigd.",
    "Not possible for: %(numbers)s.": "Niet mogelijk voor: %(numbers)s.",
    "Assign to me": "Aan mij toewijzen",
    "Status: in progress": "Status: in behandeling",
    "Status: resolved": "Status: opgelost",
    "Priority 2": "Prioriteit 2",
    "Priority 3": "Prioriteit 3",
    "Priority 4": "Prioriteit 4",
    "Priority 5": "Prioriteit 5",
    "Questions to Support in the last %(days)s days": "Vragen aan Support in de laatste %(days)s dagen",
    "Questions report (Customer Care)": "Overzicht gebruikersvragen (Customer Care)",
    "Home": "Start",
    "Organisations and contacts with the most incidents of the type “question”. Many questions can call for a course, a visit from an adviser or a consultant (Customer Care).":
        "Organisaties en contactpersonen met de meeste incidenten van de soort “gebruikersvraag”. Veel vragen kunnen aanleiding zijn voor een cursus, een bezoek van een adviseur of van een consultant (Customer Care).",
    "Organisations": "Organisaties",
    "Questions": "Vragen",
    "No questions in this period.": "Geen vragen in deze periode.",
    "Contacts": "Contactpersonen",
    # Owner, hand-over, the end of waiting, solved and withdrawn (R-INC-13/14/15).
    "hand an incident over to another contact": "een incident overdragen aan een andere contactpersoon",
    "Waiting for the customer": "Wacht op de klant",
    "Waiting for the reporter": "Wacht op de melder",
    "Marked solved by the customer": "Door de klant als opgelost gemeld",
    "Withdrawn by the customer": "Ingetrokken door de klant",
    "Resolved automatically: no answer from the customer":
        "Automatisch opgelost: geen antwoord van de klant",
    "Closed automatically: the period to reopen it has ended":
        "Automatisch gesloten: de termijn om het te heropenen is voorbij",
    "owner": "eigenaar",
    "reminded of the wait at": "herinnerd aan het wachten op",
    "Message from the portal": "Bericht van het klantportaal",
    "by": "door",
    "owner change": "overdracht",
    "owner changes": "overdrachten",
    "former contact": "voormalig contactpersoon",
    "We resolved this incident because no answer came for %(days)s working days. Not solved after all? A reply until %(until)s reopens it.":
        "We hebben dit incident opgelost omdat er %(days)s werkdagen geen antwoord kwam. Toch niet opgelost? Een reactie tot %(until)s heropent het.",
    "I withdraw this incident; I understand this cannot be undone.":
        "Ik trek dit incident in; ik begrijp dat dit niet ongedaan kan worden.",
    "%(name)s – gets the role Submit incidents": "%(name)s – krijgt de rol Incidenten insturen",
    "New owner": "Nieuwe eigenaar",
    "Choose a contact": "Kies een contactpersoon",
    "This incident can no longer be marked solved.":
        "Dit incident kun je niet meer als opgelost melden.",
    "Thank you: the incident is marked solved.": "Dank je wel: het incident is als opgelost gemeld.",
    "Tick the box to confirm that you withdraw the incident.":
        "Vink het vakje aan om te bevestigen dat je het incident intrekt.",
    "Support has picked this incident up already: it can no longer be withdrawn. Reply to tell us it is no longer needed.":
        "Support heeft dit incident al opgepakt: intrekken kan niet meer. Laat ons in een reactie weten dat het niet meer nodig is.",
    "The incident has been withdrawn.": "Het incident is ingetrokken.",
    "This contact has no submission profile yet, which the role Submit incidents needs. Choose one on their contact page first.":
        "Deze contactpersoon heeft nog geen instuurprofiel, en dat is nodig voor de rol Incidenten insturen. Kies er eerst een op de pagina van de contactpersoon.",
    "This hand-over is not possible.": "Deze overdracht is niet mogelijk.",
    "Only an open incident can be handed over.": "Alleen een openstaand incident kun je overdragen.",
    "The incident has been handed over to %(name)s.": "Het incident is overgedragen aan %(name)s.",
    "Paused – waiting for the reporter": "Gepauzeerd – wacht op de melder",
    "now with %(name)s": "nu bij %(name)s",
    "Cannot reply any more": "Kan niet meer reageren",
    "The clock stands still until the reporter replies.": "De klok staat stil tot de melder reageert.",
    "The clock stands still until the reporter replies; %(left)s of working time will then be left.":
        "De klok staat stil tot de melder reageert; daarna is er nog %(left)s werktijd over.",
    "The reporter can no longer reply: an administrator can hand this over.":
        "De melder kan niet meer reageren: een beheerder kan dit overdragen.",
    "Hand over": "Overdragen",
    "The customer portal": "Het klantportaal",
    "Not solved after all? A reply until %(until)s reopens the incident.":
        "Toch niet opgelost? Een reactie tot %(until)s zet het incident weer open.",
    "Solved or no longer needed?": "Opgelost of niet meer nodig?",
    "Tell us when the problem is solved: the incident is then resolved. A reply reopens it for a while.":
        "Laat het ons weten als het probleem is opgelost: het incident krijgt dan de status Opgelost. Met een reactie zet je het nog een tijd weer open.",
    "Mark as solved": "Melden als opgelost",
    "Support has not picked it up yet, so you can still withdraw it. A withdrawn incident is closed for good.":
        "Support heeft het nog niet opgepakt, dus je kunt het nog intrekken. Een ingetrokken incident is definitief gesloten.",
    "Withdraw the incident": "Incident intrekken",
    "Handled on your side by": "Bij jullie behandeld door",
    "Hand over to a colleague": "Overdragen aan een collega",
    "History": "Geschiedenis",
    "Handed over from %(from)s to %(to)s": "Overgedragen van %(from)s aan %(to)s",
    "Hand over incident %(number)s": "Incident %(number)s overdragen",
    "The new owner can reply, follows the incident and gets its emails; the reporter can still read it. Both are told by email.":
        "De nieuwe eigenaar kan reageren, volgt het incident en krijgt de e-mails erover; de melder kan het blijven lezen. Beiden krijgen een e-mail.",
    "A contact without the role Submit incidents gets it with the hand-over, when a submitter seat is free.":
        "Een contactpersoon zonder de rol Incidenten insturen krijgt die bij de overdracht, als er een instuurplaats vrij is.",
    "You withdrew this incident; it is closed. Submit a new incident if you need us after all.":
        "Je hebt dit incident ingetrokken; het is gesloten. Stuur een nieuw incident in als je ons toch nodig hebt.",
    "The period in which a reply reopens the incident has ended, so it is closed now. Submit a new incident if you need us again.":
        "De termijn waarin een reactie het incident weer opent is voorbij, dus het is nu gesloten. Stuur een nieuw incident in als je ons opnieuw nodig hebt.",
    "If the problem is not solved, reply on the incident page until %(until)s and we will pick it up again.":
        "Is het probleem niet opgelost? Reageer tot %(until)s op de pagina van het incident, dan pakken we het weer op.",
    "Incident %(number)s has been handed over to you": "Incident %(number)s is aan jou overgedragen",
    "%(by)s handed the incident %(number)s \"%(subject)s\" over to you: you now follow it, get its emails and can reply.":
        "%(by)s heeft het incident %(number)s \"%(subject)s\" aan jou overgedragen: je volgt het nu, krijgt de e-mails erover en kunt reageren.",
    "Its status: %(status)s.": "De status: %(status)s.",
    "Incident %(number)s has been handed over to a colleague":
        "Incident %(number)s is overgedragen aan een collega",
    "%(by)s handed the incident %(number)s \"%(subject)s\" over to %(to)s, who now follows it and gets its emails. You no longer receive emails about it.":
        "%(by)s heeft het incident %(number)s \"%(subject)s\" overgedragen aan %(to)s, die het nu volgt en de e-mails erover krijgt. Je ontvangt er geen e-mails meer over.",
    "You reported it, so you can still read it in the portal:":
        "Je hebt het ingestuurd, dus je kunt het nog steeds lezen in het portaal:",
    "You reported it, so you can still read it in the portal.":
        "Je hebt het ingestuurd, dus je kunt het nog steeds lezen in het portaal.",
    "Incident %(number)s: we are waiting for your answer":
        "Incident %(number)s: we wachten op je antwoord",
    "Since %(since)s we have been waiting for your answer on incident %(number)s \"%(subject)s\".":
        "Sinds %(since)s wachten we op je antwoord op incident %(number)s \"%(subject)s\".",
    "Please reply on the incident page. Without an answer we resolve the incident on %(until)s.":
        "Reageer alsjeblieft op de pagina van het incident. Zonder antwoord melden we het incident op %(until)s als opgelost.",
}
