# Dutch texts of second factors and reauthentication (R-X-7): staff and organisations that
# require it set up an authenticator app; the rest of these pages are allauth's own texts.
NL = {
    # Organisation.require_mfa, on /organisation/ and in the audit trail.
    "require two-factor authentication": "twee-factor-authenticatie verplicht",
    "Every contact sets up an authenticator app before using the portal.":
        "Elke contactpersoon stelt eerst een authenticator-app in en kan daarna pas het "
        "Klantportal gebruiken.",
    # accounts.middleware: why you are sent to set up an app or to enter a code.
    "Enter a code from your authenticator app to continue.":
        "Vul een code uit je authenticator-app in om verder te gaan.",
    "Staff members need two-factor authentication. Set up an authenticator app to continue.":
        "Supportmedewerkers hebben twee-factor-authenticatie nodig. Stel een authenticator-app "
        "in om verder te gaan.",
    "%(organisation)s requires two-factor authentication. Set up an authenticator app to "
    "continue.":
        "%(organisation)s vraagt twee-factor-authenticatie. Stel een authenticator-app in om "
        "verder te gaan.",
    # After the recovery codes: back to the page that asked for the second factor.
    "Continue": "Verder",
}
