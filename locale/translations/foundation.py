# Dutch texts of the foundation (layout, accounts, organisation page), by msgid. Each area has a
# file of its own in this folder; scripts/translate.py merges them into locale/nl.
NL = {
    "Personal details": "Persoonlijke gegevens",
    "Permissions": "Rechten",
    "Important dates": "Belangrijke data",
    "Accounts": "Accounts",
    "Enter a phone number with at least 6 digits, e.g. +31 20 123 4567.":
        "Vul een telefoonnummer in met minstens 6 cijfers, bijvoorbeeld +31 20 123 4567.",
    "email address": "e-mailadres",
    "phone number": "telefoonnummer",
    "user": "gebruiker",
    "users": "gebruikers",
    "view and change your own details and preferences":
        "je eigen gegevens en voorkeuren te bekijken en te wijzigen",
    "see the course catalogue, enrol and see your results":
        "het cursusaanbod te zien, je in te schrijven en je resultaten te zien",
    "use the digital course material": "het digitale cursusmateriaal te gebruiken",
    "read release notes and download updates":
        "releasenotes te lezen en updates te downloaden",
    "see the organisation's name, address and service level":
        "de naam, het adres en het serviceniveau van de organisatie te zien",
    "submit incidents, reply and follow your own incidents":
        "incidenten in te sturen, te reageren en je eigen incidenten te volgen",
    "see all incidents of the organisation": "alle incidenten van de organisatie te zien",
    "manage contacts and assign roles": "contactpersonen te beheren en rollen toe te kennen",
    "change the organisation's details and invoice contact":
        "de organisatiegegevens en de contactpersoon voor facturen te wijzigen",
    "see invoices and subscriptions": "facturen en abonnementen te zien",
    "send feedback and complaints": "feedback en klachten te sturen",
    "request extra support outside working hours":
        "extra ondersteuning buiten werktijd aan te vragen",
    "Your details have been saved.": "Je gegevens zijn opgeslagen.",
    "Unknown language.": "Onbekende taal.",
    "contacts (memberships of organisations)": "contactpersonen (lidmaatschappen van organisaties)",
    "Address": "Adres",
    "Contact details": "Contactgegevens",
    "Size": "Omvang",
    "Roles": "Rollen",
    "Flags": "Kenmerken",
    "Preferences": "Voorkeuren",
    "Organisations and contacts": "Organisaties en contactpersonen",
    "Employee": "Medewerker",
    "Administrator": "Beheerder",
    "Submit incidents": "Incidenten insturen",
    "View incidents": "Incidenten bekijken",
    "Customer": "Klant",
    "Integration partner": "Koppelpartner",
    "Standard": "Standaard",
    "First Class": "First Class",
    "Business services": "Zakelijke dienstverlening",
    "Healthcare": "Zorg",
    "Education": "Onderwijs",
    "Government": "Overheid",
    "Industry": "Industrie",
    "Retail and wholesale": "Handel",
    "Non-profit": "Non-profit",
    "Software and IT": "Software en ICT",
    "Finance": "Financieel",
    "HRM/Payroll": "HRM/Payroll",
    "CRM": "CRM",
    "Projects": "Projecten",
    "Dutch": "Nederlands",
    "English": "Engels",
    "name": "naam",
    "kind": "soort",
    "street and number": "straat en huisnummer",
    "postal code": "postcode",
    "city": "plaats",
    "country": "land",
    "general email address": "algemeen e-mailadres",
    "segment": "branche",
    "number of employees": "aantal medewerkers",
    "service level": "serviceniveau",
    "contact for digital invoices": "contactpersoon voor digitale facturen",
    "active": "actief",
    "created at": "aangemaakt op",
    "organisation": "organisatie",
    "organisations": "organisaties",
    "employee": "medewerker",
    "administrator": "beheerder",
    "submit incidents": "incidenten insturen",
    "view incidents": "incidenten bekijken",
    "certified expert": "gecertificeerd expert",
    "submission profile": "instuurprofiel",
    "language": "taal",
    "role in the organisation: application management": "rol in de organisatie: applicatiebeheer",
    "You receive important notices about the software proactively.":
        "Je ontvangt proactief alle belangrijke informatie over de software.",
    "Tips & Tricks / New in the product": "Tips & Trucs / Nieuw in het product",
    "You receive an email when a new release is published.":
        "Je ontvangt een e-mail wanneer er een nieuwe release verschijnt.",
    "job title": "functie",
    "contact": "contactpersoon",
    "contacts": "contactpersonen",
    "You are now working in %(name)s.": "Je werkt nu in %(name)s.",
    "Organisation": "Organisatie",
    "Name, address and service level of your organisation.":
        "Naam, adres en serviceniveau van je organisatie.",
    "My details": "Mijn gegevens",
    "Your name, phone number, language and what we may email you about.":
        "Je naam, telefoonnummer, taal en waarover we je mogen mailen.",
    "Klantportal administration": "Beheer Klantportal",
    "Support staff": "Supportmedewerkers",
    "No access": "Geen toegang",
    "You do not have access to this page": "Je hebt geen toegang tot deze pagina",
    "To %(what)s you need one of these roles:": "Om %(what)s heb je een van deze rollen nodig:",
    "To %(what)s you need the role <strong>%(role)s</strong>.":
        "Om %(what)s heb je de rol <strong>%(role)s</strong> nodig.",
    "To %(what)s, or to %(other)s, you need the role <strong>%(role)s</strong>.":
        "Om %(what)s, of om %(other)s, heb je de rol <strong>%(role)s</strong> nodig.",
    "To %(what)s, or to %(other)s, you need one of these roles:":
        "Om %(what)s, of om %(other)s, heb je een van deze rollen nodig:",
    "The administrators of %(organisation)s can give you a role:":
        "De beheerders van %(organisation)s kunnen je een rol geven:",
    "%(organisation)s has no active administrator. Please contact us to appoint one.":
        "%(organisation)s heeft geen actieve beheerder. Neem contact met ons op om er een aan te stellen.",
    "Your account is not an active contact of any organisation. Ask your organisation's administrator to add you.":
        "Je account is geen actief contactpersoon van een organisatie. Vraag de beheerder van je organisatie om je toe te voegen.",
    "Back to the dashboard": "Terug naar het overzicht",
    "Page not found": "Pagina niet gevonden",
    "This page does not exist, or it is not available to you.":
        "Deze pagina bestaat niet, of is niet voor jou beschikbaar.",
    "Too many attempts": "Te veel pogingen",
    "For your security we paused this for a few minutes. Please wait and try again, or reset your password.":
        "Voor je veiligheid is dit een paar minuten geblokkeerd. Wacht even en probeer het opnieuw, of stel je wachtwoord opnieuw in.",
    "Reset your password": "Wachtwoord opnieuw instellen",
    "Something went wrong": "Er ging iets mis",
    "We have been notified. Please try again in a moment.":
        "We hebben een melding gekregen. Probeer het over een moment opnieuw.",
    "Questions about the portal? Ask your organisation's administrator.":
        "Vragen over de portal? Stel ze aan de beheerder van je organisatie.",
    "Main": "Hoofdmenu",
    "Show or hide the menu": "Menu tonen of verbergen",
    "Dashboard": "Overzicht",
    "Administration": "Beheer",
    "Active organisation:": "Actieve organisatie:",
    "Language:": "Taal:",
    "Change password": "Wachtwoord wijzigen",
    "Two-factor authentication": "Twee-factor-authenticatie",  # the term allauth's pages use
    "Log out": "Uitloggen",
    "Log in": "Inloggen",
    "Close": "Sluiten",
    "Log in to the Klantportal": "Inloggen bij de Klantportal",
    "Forgot your password?": "Wachtwoord vergeten?",
    "No account yet? Your organisation's administrator adds you as a contact and you receive an email to set your password.":
        "Nog geen account? De beheerder van je organisatie voegt je toe als contactpersoon en je ontvangt een e-mail om je wachtwoord in te stellen.",
    "Email address": "E-mailadres",
    "Change email address": "E-mailadres wijzigen",
    "Preferences at %(organisation)s": "Voorkeuren bij %(organisation)s",
    "Save": "Opslaan",
    "Security": "Beveiliging",
    "My roles": "Mijn rollen",
    "You have no role.": "Je hebt geen rol.",
    "Only your organisation's administrators can change roles.":
        "Alleen de beheerders van je organisatie kunnen rollen wijzigen.",
    "Skip to main content": "Naar de hoofdinhoud",
    "Name": "Naam",
    "No address recorded.": "Geen adres vastgelegd.",
    "Service level": "Serviceniveau",
    "Is something wrong? Your organisation's administrators can change these details.":
        "Klopt er iets niet? De beheerders van je organisatie kunnen deze gegevens wijzigen.",
    "Welcome, %(name)s": "Welkom, %(name)s",
    "You are working in %(organisation)s.": "Je werkt in %(organisation)s.",
    "Your roles:": "Je rollen:",
    "You have no role yet: you can change your own details. Your administrator can give you more.":
        "Je hebt nog geen rol: je kunt je eigen gegevens wijzigen. Je beheerder kan je meer rechten geven.",
    "You are support staff: your work is in the administration.":
        "Je bent supportmedewerker: je werk staat in het beheer.",
    "Go to the administration": "Naar het beheer",
    "Your account is not an active contact of any organisation. Ask your organisation's administrator to add you, or contact us.":
        "Je account is geen actief contactpersoon van een organisatie. Vraag de beheerder van je organisatie om je toe te voegen, of neem contact met ons op.",
    # Django's password help texts (portal/third_party_texts.py): "je" instead of Django's "u".
    # A plural text has a (singular, plural) pair.
    "Your password can’t be too similar to your other personal information.":
        "Je wachtwoord mag niet te veel lijken op je andere persoonlijke gegevens.",
    "Your password must contain at least %(min_length)d character.":
        ("Je wachtwoord moet minstens %(min_length)d teken lang zijn.",
         "Je wachtwoord moet minstens %(min_length)d tekens lang zijn."),
    "Your password can’t be a commonly used password.":
        "Je wachtwoord mag geen veelgebruikt wachtwoord zijn.",
    "Your password can’t be entirely numeric.": "Je wachtwoord mag niet alleen uit cijfers bestaan.",
}
