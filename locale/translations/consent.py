# Dutch texts of joining with consent (R-X-6): invitations, accepting and declining, the
# organisation chooser and the last used organisation.
NL = {
    # Person's side (accounts/views.py, templates/accounts/)
    "This invitation is no longer open.": "Deze uitnodiging staat niet meer open.",
    "You are now a contact of %(organisation)s. Switch to it with the organisation menu at the top.":
        "Je bent nu contactpersoon van %(organisation)s. Wissel ernaar met het organisatiemenu bovenaan.",
    "You are now a contact of %(organisation)s.": "Je bent nu contactpersoon van %(organisation)s.",
    "You declined the invitation of %(organisation)s.":
        "Je hebt de uitnodiging van %(organisation)s afgewezen.",
    "Choose an organisation": "Kies een organisatie",
    "Which organisation do you want to work in?": "In welke organisatie wil je werken?",
    "You are a contact of several organisations. Everything you do in the portal, such as submitting an incident, is for the organisation you work in. Next time you log in, the organisation you used last is chosen for you; you can switch at any time with the organisation menu at the top.":
        "Je bent contactpersoon van meerdere organisaties. Alles wat je in het portaal doet, zoals een incident insturen, is voor de organisatie waarin je werkt. Als je de volgende keer inlogt, kiezen we de organisatie die je het laatst hebt gebruikt; je kunt altijd wisselen met het organisatiemenu bovenaan.",
    "Work in this organisation": "In deze organisatie werken",
    "Your account is not an active contact of any organisation.":
        "Je account is van geen enkele organisatie een actieve contactpersoon.",
    "Choosing your password accepts the invitation of %(organisation)s: you become one of its contacts.":
        "Met het kiezen van je wachtwoord accepteer je de uitnodiging van %(organisation)s: je wordt een van de contactpersonen.",
    "Invitations": "Uitnodigingen",
    "You only become a contact of an organisation if you accept its invitation. If you decline, the organisation sees only that you declined.":
        "Je wordt alleen contactpersoon van een organisatie als je de uitnodiging accepteert. Wijs je af, dan ziet de organisatie alleen dat je hebt afgewezen.",
    "%(inviter)s invited you on %(date)s to join %(organisation)s as a contact.":
        "%(inviter)s heeft je op %(date)s uitgenodigd om contactpersoon van %(organisation)s te worden.",
    "%(organisation)s invited you on %(date)s to join as a contact.":
        "%(organisation)s heeft je op %(date)s uitgenodigd om contactpersoon te worden.",
    "Roles offered:": "Aangeboden rollen:",
    "Accept and join %(organisation)s": "Accepteren en lid worden van %(organisation)s",
    "You have no open invitations.": "Je hebt geen openstaande uitnodigingen.",
    "Go to the dashboard": "Naar het dashboard",
    # Organisation's side (contacts/views.py, templates/contacts/)
    "%(count)s seat is reserved by a pending invitation: withdrawing it frees the seat.": (
        "%(count)s plaats is gereserveerd door een openstaande uitnodiging: intrekken maakt de plaats vrij.",
        "%(count)s plaatsen zijn gereserveerd door openstaande uitnodigingen: er een intrekken maakt een plaats vrij.",
    ),
    "%(email)s has already been invited to this organisation.":
        "%(email)s is al uitgenodigd voor deze organisatie.",
    "%(email)s has been invited and receives an email. They become a contact once they accept.":
        "%(email)s is uitgenodigd en krijgt een e-mail. Na accepteren wordt deze persoon contactpersoon.",
    "Once %(email)s has accepted, they can submit incidents after passing the starter course %(course)s with at least %(grade)s (a pass for another organisation counts).":
        "Als %(email)s heeft geaccepteerd, kan deze persoon incidenten insturen na het halen van de startcursus %(course)s met minimaal een %(grade)s (een voldoende voor een andere organisatie telt mee).",
    "Once %(email)s has accepted, they cannot submit incidents until Support has set the starter course for their submission profile.":
        "Als %(email)s heeft geaccepteerd, kan deze persoon pas incidenten insturen als Support de startcursus voor het instuurprofiel heeft ingesteld.",
    "The invitation was sent a moment ago; you can send it again from %(time)s.":
        "De uitnodiging is net verstuurd; je kunt hem vanaf %(time)s opnieuw versturen.",
    "This invitation is no longer pending.": "Deze uitnodiging staat niet meer open.",
    "The invitation has been sent again to %(email)s.":
        "De uitnodiging is opnieuw verstuurd naar %(email)s.",
    "This invitation was answered meanwhile.": "Deze uitnodiging is inmiddels beantwoord.",
    "The invitation to %(email)s has been withdrawn.":
        "De uitnodiging aan %(email)s is ingetrokken.",
    "The declined invitation to %(email)s has been removed.":
        "De afgewezen uitnodiging aan %(email)s is verwijderd.",
    "Invited": "Uitgenodigd",
    "Invitations not accepted yet": "Uitnodigingen die nog niet zijn geaccepteerd",
    "An invited person becomes a contact once they accept. An invitation with the role Submit incidents reserves a submitter seat until it is accepted, declined or withdrawn.":
        "Een uitgenodigde persoon wordt contactpersoon na accepteren. Een uitnodiging met de rol Incidenten insturen reserveert een instuurplaats tot hij is geaccepteerd, afgewezen of ingetrokken.",
    "Pages of invitations": "Pagina's met uitnodigingen",
    "%(count)s of them reserved by a pending invitation": (
        "waarvan %(count)s gereserveerd door een openstaande uitnodiging",
        "waarvan %(count)s gereserveerd door openstaande uitnodigingen",
    ),
    "The person receives an email invitation and becomes a contact only after accepting it. Until then you see the email address and the state Invited.":
        "De persoon krijgt een uitnodiging per e-mail en wordt pas na accepteren contactpersoon. Tot dan zie je het e-mailadres en de status Uitgenodigd.",
    "An invitation with the role Submit incidents reserves a submitter seat until it is accepted, declined or withdrawn.":
        "Een uitnodiging met de rol Incidenten insturen reserveert een instuurplaats tot hij is geaccepteerd, afgewezen of ingetrokken.",
    "Send invitation": "Uitnodiging versturen",
    "Invitation": "Uitnodiging",
    "This person has been invited and becomes a contact once they accept. Until then they have no access to your organisation.":
        "Deze persoon is uitgenodigd en wordt contactpersoon na accepteren. Tot dan heeft deze persoon geen toegang tot je organisatie.",
    "This invitation reserves a submitter seat until it is accepted, declined or withdrawn.":
        "Deze uitnodiging reserveert een instuurplaats tot hij is geaccepteerd, afgewezen of ingetrokken.",
    "This invitation was declined: the person did not become a contact.":
        "Deze uitnodiging is afgewezen: de persoon is geen contactpersoon geworden.",
    "Invited on": "Uitgenodigd op",
    "Last sent": "Laatst verstuurd",
    "Send again": "Opnieuw versturen",
    "Send the invitation email again, for example when it was lost or its link expired.":
        "Verstuur de uitnodiging opnieuw, bijvoorbeeld als de e-mail kwijt is of de link is verlopen.",
    "Withdraw": "Intrekken",
    "Remove": "Verwijderen",
    "Withdraw the invitation: the link no longer works and a reserved seat becomes free.":
        "Trek de uitnodiging in: de link werkt niet meer en een gereserveerde plaats komt vrij.",
    "Withdraw invitation": "Uitnodiging intrekken",
    "Remove the declined invitation from your list. You can invite the address again later.":
        "Verwijder de afgewezen uitnodiging uit je lijst. Je kunt het adres later opnieuw uitnodigen.",
    "Remove invitation": "Uitnodiging verwijderen",
    "Withdraw the invitation to %(email)s?": "De uitnodiging aan %(email)s intrekken?",
    "Remove the declined invitation to %(email)s?":
        "De afgewezen uitnodiging aan %(email)s verwijderen?",
    "The invitation link stops working and the person cannot join with it. A submitter seat the invitation reserved becomes free. You can invite the address again later.":
        "De link in de uitnodiging werkt niet meer en de persoon kan er geen contactpersoon mee worden. Een instuurplaats die de uitnodiging reserveerde, komt vrij. Je kunt het adres later opnieuw uitnodigen.",
    # The invitation email (templates/contacts/email/invitation_*.txt)
    "%(organisation)s invites you to the Klantportal":
        "%(organisation)s nodigt je uit voor de Klantportal",
    "%(inviter)s invites you to join %(organisation)s as a contact in the Klantportal.":
        "%(inviter)s nodigt je uit om contactpersoon van %(organisation)s te worden in de Klantportal.",
    "%(organisation)s invites you to join as a contact in the Klantportal.":
        "%(organisation)s nodigt je uit om contactpersoon te worden in de Klantportal.",
    "You only become a contact if you accept. Until then the organisation sees nothing but your email address.":
        "Je wordt alleen contactpersoon als je accepteert. Tot dan ziet de organisatie niets dan je e-mailadres.",
    "To accept, choose your password with this link (valid for a few days):":
        "Kies je wachtwoord met deze link om te accepteren (een paar dagen geldig):",
    "Log in to accept or decline the invitation:":
        "Log in om de uitnodiging te accepteren of af te wijzen:",
    "If you did not expect this invitation, you can ignore this email.":
        "Verwachtte je deze uitnodiging niet, dan kun je deze e-mail negeren.",
    # Fields (contacts/models.py)
    "last used at": "laatst gebruikt op",
    "login created for this invitation": "login aangemaakt voor deze uitnodiging",
    "The address had no login yet: choosing a password accepts.":
        "Het adres had nog geen login: een wachtwoord kiezen is accepteren.",
    "invited by": "uitgenodigd door",
    "invited at": "uitgenodigd op",
    "last sent at": "laatst verstuurd op",
    "seen at": "gezien op",
    "declined at": "afgewezen op",
    "invitation": "uitnodiging",
    "invitations": "uitnodigingen",
}
