# Dutch texts of customer care: the periodic check of the organisation's details (R-CARE-3).
NL = {
    # Email to the administrators.
    "Are the details of %(organisation)s still correct?":
        "Kloppen de gegevens van %(organisation)s nog?",
    "Hello %(name)s,\n\nA few times a year we ask the administrators of %(organisation)s to "
    "check the organisation's details in the Klantportal. These are the details we have now:":
        "Hallo %(name)s,\n\nEen paar keer per jaar vragen we de beheerders van %(organisation)s "
        "om de organisatiegegevens in het Klantportal te controleren. Dit zijn de gegevens die we "
        "nu hebben:",
    "Is everything still correct? Then confirm it with one click (this link is personal and "
    "valid for %(days)s days):":
        "Klopt alles nog? Bevestig het dan met één klik (deze link is persoonlijk en "
        "%(days)s dagen geldig):",
    "Does something need to change? Log in and change it on the organisation page:":
        "Moet er iets veranderen? Log in en pas het aan op de pagina Organisatie:",
    "Name": "Naam",
    "Address": "Adres",
    "Phone number": "Telefoonnummer",
    "General email address": "Algemeen e-mailadres",
    "Contact for digital invoices": "Contactpersoon voor digitale facturen",
    "not recorded": "niet vastgelegd",
    # The one-click confirmation page.
    "Check of your organisation's details": "Controle van je organisatiegegevens",
    "Thank you": "Bedankt",
    "Recorded: the details of %(organisation)s are still correct.":
        "Vastgelegd: de gegevens van %(organisation)s kloppen nog.",
    "Already confirmed": "Al bevestigd",
    "The details of %(organisation)s were already confirmed as still correct on %(when)s "
    "by %(name)s.":
        "Op %(when)s heeft %(name)s al bevestigd dat de gegevens van %(organisation)s nog "
        "kloppen.",
    "a former user": "een voormalige gebruiker",
    "Does something need to change after all?": "Moet er toch iets veranderen?",
    "Change it on the organisation page": "Pas het aan op de pagina Organisatie",
    "You cannot confirm these details": "Je kunt deze gegevens niet bevestigen",
    "Only active administrators of %(organisation)s can confirm that its details are still "
    "correct, and you are no longer one. Nothing has been recorded.":
        "Alleen actieve beheerders van %(organisation)s kunnen bevestigen dat de gegevens nog "
        "kloppen, en dat ben je niet meer. Er is niets vastgelegd.",
    "This link has expired": "Deze link is verlopen",
    "A link to confirm your organisation's details is valid for %(days)s days. Nothing has "
    "been recorded.":
        "Een link om je organisatiegegevens te bevestigen is %(days)s dagen geldig. Er is niets "
        "vastgelegd.",
    "This link is invalid": "Deze link is ongeldig",
    "This link to confirm your organisation's details is invalid or incomplete; perhaps it was "
    "cut off in the email. Nothing has been recorded.":
        "Deze link om je organisatiegegevens te bevestigen is ongeldig of onvolledig; misschien "
        "is hij in de e-mail afgebroken. Er is niets vastgelegd.",
    "You can always check and change the details on the organisation page after logging in.":
        "Je kunt de gegevens altijd controleren en aanpassen op de pagina Organisatie nadat je "
        "bent ingelogd.",
    "Go to the organisation page": "Naar de pagina Organisatie",
    # The organisation page.
    "Last confirmed still correct on %(date)s by %(name)s.":
        "Laatst bevestigd dat alles klopt op %(date)s door %(name)s.",
    "A check of these details was requested from the administrators on %(date)s, not yet "
    "confirmed.":
        "Op %(date)s is de beheerders gevraagd deze gegevens te controleren; nog niet bevestigd.",
    # Admin.
    "confirmed": "bevestigd",
    "Confirmed": "Bevestigd",
    "Not yet confirmed": "Nog niet bevestigd",
}
