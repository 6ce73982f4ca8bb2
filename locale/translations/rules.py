# Dutch texts of the rules that cannot be talked around: expert status as the vendor's fact
# (R-QUOTA-7), seat shortages (R-QUOTA-6), the strict starter-course gate and results per
# person (R-GATE-4/5), deleting a contact (R-ROLE-18), and the outbox in the admin (R-X-8).
NL = {
    # Expert status (R-QUOTA-7).
    "A certified expert needs the certificate's date and the date it is valid until.":
        "Een gecertificeerd expert heeft de datum van het certificaat nodig en de datum tot "
        "wanneer het geldig is.",
    "The certificate cannot expire before its date.":
        "Het certificaat kan niet verlopen vóór de datum waarop het is behaald.",
    "Recorded by AFAS: a certified expert with the role Submit incidents takes no seat until the certificate expires.":
        "Vastgelegd door AFAS: een gecertificeerd expert met de rol Incidenten insturen neemt "
        "geen instuurplaats in tot het certificaat verloopt.",
    "You may not change certified-expert status.":
        "Je mag de status gecertificeerd expert niet wijzigen.",
    "An AFAS Expert with the role Submit incidents does not take a seat.":
        "Een AFAS Expert met de rol Incidenten insturen neemt geen instuurplaats in.",
    "expert certificate date": "datum expertcertificaat",
    "expert certificate valid until": "expertcertificaat geldig tot",
    "Yes, certified on %(since)s, valid until %(until)s: with the role Submit incidents this contact takes no seat.":
        "Ja, gecertificeerd op %(since)s, geldig tot %(until)s: met de rol Incidenten insturen "
        "neemt deze contactpersoon geen instuurplaats in.",
    "No: the certificate was valid until %(until)s.":
        "Nee: het certificaat was geldig tot %(until)s.",
    "AFAS records certified experts (a certificate or a passed expert course); ask Customer Care if this is not right.":
        "AFAS legt gecertificeerde experts vast (een certificaat of een gehaalde expertcursus); "
        "vraag Customer Care als dit niet klopt.",
    # Seats (R-QUOTA-5/6).
    "All %(maximum)s submitter seats are in use, by %(holders)s. To give this contact the role Submit incidents, first take the role from one of them.":
        "Alle %(maximum)s instuurplaatsen zijn in gebruik, door %(holders)s. Haal eerst bij een "
        "van hen de rol Incidenten insturen weg om deze contactpersoon de rol te geven.",
    "You may not change the submitter seats.": "Je mag de instuurplaatsen niet wijzigen.",
    "Over seat maximum": "Boven het maximum aantal instuurplaatsen",
    "Over seat maximum, no administrator":
        "Boven het maximum aantal instuurplaatsen, zonder beheerder",
    "Too few submitter seats at %(organisation)s, which has no administrator":
        "Te weinig instuurplaatsen bij %(organisation)s, dat geen beheerder heeft",
    "The maximum number of contacts of %(organisation)s that may submit incidents is now %(maximum)s, while %(in_use)s contacts hold the role Submit incidents.\n\nThe organisation has no active administrator who could be told, so nobody there can free a seat. Please contact the organisation to appoint an administrator:":
        "Het maximum aantal contactpersonen van %(organisation)s dat incidenten mag insturen is "
        "nu %(maximum)s, terwijl %(in_use)s contactpersonen de rol Incidenten insturen "
        "hebben.\n\nDe organisatie heeft geen actieve beheerder die we kunnen inlichten, dus "
        "niemand daar kan een plaats vrijmaken. Neem contact op met de organisatie om een "
        "beheerder aan te stellen:",
    # The submission profile and the gate (R-GATE-4/5).
    "Decides which starter course the contact needs before submitting incidents; required with the role Submit incidents.":
        "Bepaalt welke startcursus de contactpersoon nodig heeft voordat hij of zij incidenten "
        "kan insturen; verplicht bij de rol Incidenten insturen.",
    "Decides which starter course the contact is advised to take.":
        "Bepaalt welke startcursus de contactpersoon wordt aangeraden.",
    "Choose a submission profile: it decides which starter course this contact needs before they can submit incidents.":
        "Kies een instuurprofiel: dat bepaalt welke startcursus deze contactpersoon nodig heeft "
        "voordat hij of zij incidenten kan insturen.",
    "submits incidents since": "stuurt incidenten in sinds",
    "%(name)s has the role Submit incidents but cannot submit incidents yet: the starter course for their submission profile has not been set. Support is arranging it.":
        "%(name)s heeft de rol Incidenten insturen, maar kan nog geen incidenten insturen: de "
        "startcursus voor het instuurprofiel is nog niet vastgesteld. Support regelt dit.",
    "Contacts with the role Submit incidents who cannot submit yet":
        "Contactpersonen met de rol Incidenten insturen die nog niet kunnen insturen",
    "since %(since)s": "sinds %(since)s",
    "Needs %(course)s (at least %(grade)s).":
        "Heeft %(course)s nodig (minimaal een %(grade)s).",
    "Next event: %(when)s.": "Volgende datum: %(when)s.",
    "No event planned yet.": "Nog geen datum gepland.",
    "Has no submission profile: choose one on the contact's page.":
        "Heeft geen instuurprofiel: kies er een op de pagina van de contactpersoon.",
    "The starter course for this submission profile has not been set: Support is arranging it.":
        "De startcursus voor dit instuurprofiel is nog niet vastgesteld: Support regelt dit.",
    "Cannot submit yet": "Kan nog niet insturen",
    "Cannot submit incidents yet: first the starter course %(course)s with at least %(grade)s.":
        "Kan nog geen incidenten insturen: eerst de startcursus %(course)s met minimaal een "
        "%(grade)s.",
    "Cannot submit incidents yet: choose a submission profile below.":
        "Kan nog geen incidenten insturen: kies hieronder een instuurprofiel.",
    "Cannot submit incidents yet: the starter course for this submission profile has not been set. Support is arranging it.":
        "Kan nog geen incidenten insturen: de startcursus voor dit instuurprofiel is nog niet "
        "vastgesteld. Support regelt dit.",
    "You have the role Submit incidents, but no submission profile yet: it decides which starter course you need before you can submit incidents. Ask an administrator of your organisation to choose your submission profile.":
        "Je hebt de rol Incidenten insturen, maar nog geen instuurprofiel: dat bepaalt welke "
        "startcursus je nodig hebt voordat je incidenten kunt insturen. Vraag een beheerder "
        "van je organisatie om je instuurprofiel te kiezen.",
    "You have the role Submit incidents, but the starter course for your submission profile has not been set yet. Support is arranging it; until then you cannot submit incidents.":
        "Je hebt de rol Incidenten insturen, maar de startcursus voor je instuurprofiel is nog "
        "niet vastgesteld. Support regelt dit; tot die tijd kun je geen incidenten insturen.",
    "No starter course is set for the submission profile(s) %(profiles)s: new contacts with such a profile cannot submit incidents until one is set.":
        "Voor het instuurprofiel of de instuurprofielen %(profiles)s is geen startcursus "
        "ingesteld: nieuwe contactpersonen met zo'n profiel kunnen pas incidenten insturen als "
        "die er is.",
    # Results belong to the person (R-GATE-5).
    "person": "persoon",
    "recorded for contact": "vastgelegd voor contactpersoon",
    "recorded for": "vastgelegd voor",
    "The person's membership the result is recorded for; it counts in every organisation they are a contact of.":
        "De contactpersoon waarvoor het resultaat wordt vastgelegd; het telt in elke "
        "organisatie waarvan de persoon contactpersoon is.",
    "This person already has a result for this course on this date: correct that one instead.":
        "Deze persoon heeft al een resultaat voor deze cursus op deze datum: verbeter dat "
        "resultaat.",
    # Deleting a contact (R-ROLE-18).
    "removed at": "verwijderd op",
    "This change is not possible.": "Deze wijziging is niet mogelijk.",
    "%(name)s has been deleted from your contacts.":
        "%(name)s is verwijderd uit je contactpersonen.",
    "Delete contact": "Contactpersoon verwijderen",
    "Delete": "Verwijderen",
    "Delete %(name)s?": "%(name)s verwijderen?",
    "%(name)s leaves %(organisation)s: they can no longer use the portal for your organisation, their roles end and a submitter seat they hold becomes free. Course places they booked are given up.":
        "%(name)s verlaat %(organisation)s: hij of zij kan de portal niet meer gebruiken voor "
        "je organisatie, de rollen vervallen en een instuurplaats komt vrij. Geboekte "
        "cursusplaatsen worden vrijgegeven.",
    "The incidents they reported stay with your organisation and are shown as reported by a former contact. Their personal details are erased when they are no contact of any other organisation. The history keeps that they were deleted, and by whom.":
        "De incidenten die hij of zij heeft ingestuurd blijven bij je organisatie en staan "
        "op naam van een voormalig contactpersoon. De persoonsgegevens worden gewist als de "
        "persoon geen contactpersoon van een andere organisatie is. De geschiedenis bewaart "
        "dat de contactpersoon is verwijderd, en door wie.",
    "They have %(count)s open incident: hand it over to a colleague afterwards so someone can reply.": (
        "Er staat %(count)s open incident op naam van deze contactpersoon: draag het daarna "
        "over aan een collega, zodat iemand kan reageren.",
        "Er staan %(count)s open incidenten op naam van deze contactpersoon: draag ze daarna "
        "over aan een collega, zodat iemand kan reageren."),
    "You are deleting yourself: you will no longer have access to this organisation.":
        "Je verwijdert jezelf: je hebt daarna geen toegang meer tot deze organisatie.",
    "This cannot be undone. Deactivate the contact instead if they may come back.":
        "Dit kan niet ongedaan worden gemaakt. Deactiveer de contactpersoon als die misschien "
        "terugkomt.",
    "Delete a contact who will not come back: their incidents stay, their personal details are erased when they belong to no other organisation.":
        "Verwijder een contactpersoon die niet terugkomt: de incidenten blijven, de "
        "persoonsgegevens worden gewist als de persoon bij geen andere organisatie hoort.",
    # The outbox in the admin (R-X-8).
    "state": "stand",
    "Waiting": "Wacht",
    "Failed at least once, waiting": "Minstens één keer mislukt, wacht",
    "Done": "Klaar",
    "Nothing to send": "Niets te versturen",
    "Send the selected waiting items now": "Verstuur de geselecteerde wachtende items nu",
    "%(count)d item queued.": ("%(count)d item in de wachtrij gezet.",
                               "%(count)d items in de wachtrij gezet."),
    "payload": "inhoud",
    "failed attempts": "mislukte pogingen",
    "last error": "laatste fout",
    "next attempt from": "volgende poging vanaf",
    "done at": "klaar op",
    "outcome": "uitkomst",
    "sent to": "verstuurd aan",
    "outbox item": "item in de uitgaande post",
    "outbox": "uitgaande post",
    # Worker and beat liveness (R-X-8).
    "alive": "in leven",
    "process id": "procesnummer",
    "last seen at": "laatst gezien op",
    "heartbeat": "levensteken",
    "heartbeats": "levenstekens",
}
