# Dutch texts of "My contacts", submitter seats, the organisation page and invitations.
NL = {
    "Welcome! Your password has been set.": "Welkom! Je wachtwoord is ingesteld.",
    "Search": "Zoeken",
    "Administrators manage contacts and the organisation; submitting incidents takes one of the organisation's seats, unless the contact is a certified expert.":
        "Beheerders beheren contactpersonen en de organisatie; incidenten insturen kost een van de instuurplaatsen van de organisatie, behalve voor een gecertificeerd expert.",
    "A certified expert with the role Submit incidents does not take a seat.":
        "Een gecertificeerd expert met de rol Incidenten insturen telt niet mee voor de instuurplaatsen.",
    "submitter seats (override)": "instuurplaatsen (afwijkend)",
    "Leave empty to use the allowance rules.": "Laat leeg om de toekenningsregels te gebruiken.",
    "submitter seats (last computed)": "instuurplaatsen (laatst berekend)",
    "submitter seats computed at": "instuurplaatsen berekend op",
    "administrators told about too few seats at": "beheerders gemeld over te weinig plaatsen op",
    "Leave empty for any segment; a rule for the segment itself wins.":
        "Laat leeg voor elke branche; een regel voor de branche zelf gaat voor.",
    "Leave empty for no upper limit.": "Laat leeg voor geen bovengrens.",
    "seat allowance rule": "toekenningsregel instuurplaatsen",
    "seat allowance rules": "toekenningsregels instuurplaatsen",
    "from number of employees": "vanaf aantal medewerkers",
    "up to and including number of employees": "tot en met aantal medewerkers",
    "submitter seats": "instuurplaatsen",
    "Submitter seats": "Instuurplaatsen",
    "any segment": "elke branche",
    "period": "periode",
    "requested at": "gevraagd op",
    "confirmed at": "bevestigd op",
    "confirmed by": "bevestigd door",
    "organisation details check": "controle organisatiegegevens",
    "organisation details checks": "controles organisatiegegevens",
    "All %(maximum)s submitter seats are in use (%(holders)s). Remove the role Submit incidents from one of them first, or make this contact a certified expert.":
        "Alle %(maximum)s instuurplaatsen zijn in gebruik (%(holders)s). Haal eerst bij een van hen de rol Incidenten insturen weg, of maak deze contactpersoon gecertificeerd expert.",
    "The organisation must keep at least one active administrator. Appoint another administrator first.":
        "De organisatie moet minstens één actieve beheerder houden. Stel eerst een andere beheerder aan.",
    "%(email)s is already a contact of this organisation.":
        "%(email)s is al contactpersoon van deze organisatie.",
    "%(email)s has been added and receives an email.":
        "%(email)s is toegevoegd en ontvangt een e-mail.",
    "The changes for %(name)s have been saved.": "De wijzigingen voor %(name)s zijn opgeslagen.",
    "All %(maximum)s submitter seats are in use: remove the role Submit incidents from this contact first.":
        "Alle %(maximum)s instuurplaatsen zijn in gebruik: haal eerst de rol Incidenten insturen bij deze contactpersoon weg.",
    "The organisation must keep at least one active administrator.":
        "De organisatie moet minstens één actieve beheerder houden.",
    "%(name)s has been reactivated.": "%(name)s is weer actief.",
    "%(name)s has been deactivated.": "%(name)s is gedeactiveerd.",
    "The organisation's details have been saved.": "De organisatiegegevens zijn opgeslagen.",
    "My contacts": "Mijn contactpersonen",
    "Add contacts, give them roles and see who holds the submitter seats.":
        "Voeg contactpersonen toe, geef ze rollen en zie wie de instuurplaatsen heeft.",
    "Role": "Rol",
    "Any role": "Elke rol",
    "No role": "Geen rol",
    "Status": "Status",
    "Active and inactive": "Actief en inactief",
    "Active": "Actief",
    "Inactive": "Inactief",
    "Certified expert": "Gecertificeerd expert",
    "Submission profile": "Instuurprofiel",
    "Job title": "Functie",
    "First name": "Voornaam",
    "Last name": "Achternaam",
    "Receives the digital invoices.": "Ontvangt de digitale facturen.",
    "Pages": "Pagina's",
    "Previous": "Vorige",
    "Page %(number)s of %(count)s": "Pagina %(number)s van %(count)s",
    "Next": "Volgende",
    "Choose your password": "Kies je wachtwoord",
    "You log in to the Klantportal with %(email)s and the password you choose here.":
        "Je meldt je aan bij de Klantportal met %(email)s en het wachtwoord dat je hier kiest.",
    "Set password and log in": "Wachtwoord instellen en inloggen",
    "Link no longer valid": "Link niet meer geldig",
    "This link is no longer valid": "Deze link is niet meer geldig",
    "The link has expired or has already been used. If you already chose a password, log in; otherwise request a new password with your email address.":
        "De link is verlopen of al gebruikt. Heb je al een wachtwoord gekozen, meld je dan aan; vraag anders een nieuw wachtwoord aan met je e-mailadres.",
    "History of changes": "Wijzigingsgeschiedenis",
    "When": "Wanneer",
    "Who": "Wie",
    "What": "Wat",
    "Before": "Voor",
    "After": "Na",
    "Klantportal staff or system": "Team Klantportal of systeem",
    "No changes recorded yet.": "Nog geen wijzigingen vastgelegd.",
    "%(in_use)s of %(maximum)s submitter seats in use": "%(in_use)s van %(maximum)s instuurplaatsen in gebruik",
    "more than the maximum: new assignments are refused until fewer contacts hold the role.":
        "meer dan het maximum: nieuwe toekenningen worden geweigerd tot minder contactpersonen de rol hebben.",
    "Who holds them?": "Wie heeft ze?",
    "Add a contact": "Contactpersoon toevoegen",
    "Search contacts": "Contactpersonen zoeken",
    "Contacts of the organisation": "Contactpersonen van de organisatie",
    "Breadcrumb": "Kruimelpad",
    "The contact receives an email to choose a password. Someone who already has an account (for example at another organisation) is linked to yours with the same login.":
        "De contactpersoon ontvangt een e-mail om een wachtwoord te kiezen. Iemand die al een account heeft (bijvoorbeeld bij een andere organisatie) wordt met dezelfde aanmelding aan jouw organisatie gekoppeld.",
    "Add contact": "Contactpersoon toevoegen",
    "Cancel": "Annuleren",
    "Properties": "Eigenschappen",
    "Phone number": "Telefoonnummer",
    "Contact since": "Contactpersoon sinds",
    "You cannot remove your own administrator role while you are the only active administrator.":
        "Je kunt je eigen beheerdersrol niet weghalen zolang je de enige actieve beheerder bent.",
    "Access": "Toegang",
    "Deactivate a contact who has left: they can no longer use the portal for your organisation, and their seat becomes free.":
        "Deactiveer een contactpersoon die vertrokken is: die kan de portal dan niet meer voor je organisatie gebruiken en de instuurplaats komt vrij.",
    "Deactivate": "Deactiveren",
    "This contact is inactive and cannot use the portal for your organisation.":
        "Deze contactpersoon is inactief en kan de portal niet voor je organisatie gebruiken.",
    "Reactivate": "Weer activeren",
    "Change the details": "Gegevens wijzigen",
    "No contacts match your search.": "Geen contactpersonen gevonden.",
    "Hello %(name)s,\n\nYou have been added as a contact of %(organisation)s in the Klantportal.":
        "Hallo %(name)s,\n\nJe bent toegevoegd als contactpersoon van %(organisation)s in de Klantportal.",
    "Choose your password with this link (valid for a few days):":
        "Kies je wachtwoord met deze link (een paar dagen geldig):",
    "Log in with your existing email address and password:":
        "Meld je aan met je bestaande e-mailadres en wachtwoord:",
    "If you did not expect this email, you can ignore it.":
        "Verwachtte je deze e-mail niet? Dan kun je hem negeren.",
    "You have been added to the Klantportal of %(organisation)s":
        "Je bent toegevoegd aan de Klantportal van %(organisation)s",
    "Fewer submitter seats for %(organisation)s": "Minder instuurplaatsen voor %(organisation)s",
    "The number of contacts of %(organisation)s that may submit incidents has been recalculated: it is now %(maximum)s, while %(in_use)s contacts hold the role Submit incidents.\n\nNobody loses the role. New assignments are refused until fewer than %(maximum)s contacts hold it. You can remove the role from contacts who no longer need it:":
        "Het aantal contactpersonen van %(organisation)s dat incidenten mag insturen is opnieuw berekend: het is nu %(maximum)s, terwijl %(in_use)s contactpersonen de rol Incidenten insturen hebben.\n\nNiemand verliest de rol. Nieuwe toekenningen worden geweigerd tot minder dan %(maximum)s contactpersonen de rol hebben. Je kunt de rol weghalen bij contactpersonen die hem niet meer nodig hebben:",
    "Open your contact properties": "Open je eigenschappen als contactpersoon",
}
