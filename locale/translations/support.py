# Dutch texts of the support page (/support/): seats, phone number, opening hours (R-INC-5,
# R-INC-10, R-QUOTA-4) and the closure days staff keep in the admin.
NL = {
    # incidents app and closure days (admin)
    "Incidents and support": "Incidenten en support",
    "date": "datum",
    "reason": "reden",
    "Shown to customers on the support page, e.g. “Company day”.":
        "Klanten zien dit op de supportpagina, bijvoorbeeld “Bedrijfsdag”.",
    "closure day": "sluitingsdag",
    "closure days": "sluitingsdagen",
    # navigation
    "Support": "Support",
    "Opening hours, the phone number and who may submit incidents.":
        "Openingstijden, het telefoonnummer en wie incidenten mag insturen.",
    # opening hours
    "Opening hours": "Openingstijden",
    "Open now until %(time)s": "Nu open tot %(time)s",
    "Closed today (%(reason)s)": "Vandaag gesloten (%(reason)s)",
    "Closed now": "Nu gesloten",
    "Opens today at %(time)s": "Opent vandaag om %(time)s",
    "Opens tomorrow at %(time)s": "Opent morgen om %(time)s",
    "Opens on %(day)s at %(time)s": "Opent %(day)s om %(time)s",
    "Opening hours per weekday": "Openingstijden per weekdag",
    "Day": "Dag",
    "Hours": "Tijden",
    "closed": "gesloten",
    "Closed on Dutch public holidays. Times are Dutch time (Europe/Amsterdam).":
        "Gesloten op Nederlandse feestdagen. Tijden zijn Nederlandse tijd (Europe/Amsterdam).",
    "Closed in the coming weeks": "Gesloten in de komende weken",
    # phone (R-ROLE-6)
    "Phone": "Telefoon",
    "Call the Support Center during opening hours:":
        "Bel het Support Center tijdens openingstijden:",
    "The Support Center's phone number is available to contacts with the role Submit incidents.":
        "Het telefoonnummer van het Support Center is er voor contactpersonen met de rol "
        "Incidenten insturen.",
    # submitting incidents
    "Submitting incidents": "Incidenten insturen",
    "You may submit incidents: you have the role Submit incidents.":
        "Je mag incidenten insturen: je hebt de rol Incidenten insturen.",
    "You may not submit incidents yet: for that you need the role Submit incidents.":
        "Je mag nog geen incidenten insturen: daarvoor heb je de rol Incidenten insturen nodig.",
    "As an administrator you can give yourself this role on the contacts page, if a seat is free.":
        "Als beheerder kun je jezelf deze rol geven bij je contactpersonen, als er een "
        "instuurplaats vrij is.",
    "The administrators of %(organisation)s can give you this role:":
        "De beheerders van %(organisation)s kunnen je deze rol geven:",
    "All submitter seats are taken: a seat has to be freed before the role can be given.":
        "Alle instuurplaatsen zijn bezet: er moet eerst een plaats vrijkomen voordat je de "
        "rol kunt krijgen.",
    "You are a certified expert: with the role Submit incidents you do not take a submitter seat.":
        "Je bent gecertificeerd expert: met de rol Incidenten insturen neem je geen "
        "instuurplaats in.",
    # seats (R-QUOTA-1, R-QUOTA-4)
    # "Submitter seats" and "%(in_use)s of %(maximum)s submitter seats in use" are in contacts.py.
    "Submitter seats in use: %(in_use)s (integration partners have no limit)":
        "Instuurplaatsen in gebruik: %(in_use)s (koppelpartners hebben geen maximum)",
    "Number of seats computed at: %(when)s": "Aantal plaatsen berekend op: %(when)s",
    "The number of seats has not been computed yet.":
        "Het aantal plaatsen is nog niet berekend.",
    "Certified experts with the role Submit incidents do not take a seat.":
        "Gecertificeerde experts met de rol Incidenten insturen nemen geen plaats in.",
    "Seat holders": "Wie een plaats inneemt",
    "you": "jij",
    "Nobody holds a seat yet.": "Nog niemand neemt een plaats in.",
}
