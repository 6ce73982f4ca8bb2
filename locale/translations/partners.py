# Dutch texts of partners and registered integrations (SPEC §9, R-PART-1 … 5): the public
# partner page, the partner portal, its email, the 403 for non-partners and the admin.
NL = {
    # The role matrix, navigation and the 403 page.
    "use the partner portal (only contacts of a partner organisation)":
        "het partnerportaal gebruiken (alleen contactpersonen van een partnerorganisatie)",
    "Partner portal": "Partnerportaal",
    "Your integrations and quickscans, agreements, benefits and questions.":
        "Je koppelingen en quickscans, overeenkomsten, voordelen en vragen.",
    "This page is only for contacts of a partner organisation: a partner that offers a registered integration. No role gives access to it.":
        "Deze pagina is alleen voor contactpersonen van een partnerorganisatie: een partner die een geregistreerde koppeling aanbiedt. Geen enkele rol geeft hier toegang toe.",
    "See the public list of registered integrations": "Bekijk de openbare lijst van geregistreerde koppelingen",
    # Models.
    "Partners and registered integrations": "Partners en geregistreerde koppelingen",
    "Notice given": "Opgezegd",
    "Terminated": "Beëindigd",
    "Normal notice": "Opzegging met normale termijn",
    "Invoices not paid": "Facturen niet betaald",
    "Code of conduct not followed": "Gedragscode niet nageleefd",
    "Periodic certification missing": "Periodieke certificatie ontbreekt",
    "Red": "Rood",
    "Orange": "Oranje",
    "Green": "Groen",
    "partner": "partner",
    "agreement start": "ingang overeenkomst",
    "subscription end": "einde abonnement",
    "Empty while the subscription runs on.": "Leeg zolang het abonnement doorloopt.",
    "reason for ending": "reden van beëindiging",
    "notice given or ended on": "opgezegd of beëindigd op",
    "last quickscan": "laatste quickscan",
    "next quickscan due": "volgende quickscan uiterlijk",
    "on the partner page": "op de partnerpagina",
    "integration": "koppeling",
    "integrations": "koppelingen",
    "Only a partner organisation can have registered integrations.":
        "Alleen een partnerorganisatie kan geregistreerde koppelingen hebben.",
    "date of the scan": "datum van de scan",
    "colour": "kleur",
    "report (PDF)": "rapport (pdf)",
    "recorded at": "vastgelegd op",
    "recorded by": "vastgelegd door",
    "quickscan": "quickscan",
    "quickscans": "quickscans",
    "Leave empty for an agreement about the partnership as a whole.":
        "Laat leeg voor een overeenkomst over het partnerschap als geheel.",
    "uploaded at": "geüpload op",
    "agreement document": "overeenkomstdocument",
    "agreement documents": "overeenkomstdocumenten",
    "Only a partner organisation can have agreement documents.":
        "Alleen een partnerorganisatie kan overeenkomstdocumenten hebben.",
    "This integration belongs to another partner.": "Deze koppeling hoort bij een andere partner.",
    "asked by": "gesteld door",
    "subject": "onderwerp",
    "question": "vraag",
    "asked at": "gesteld op",
    "answer": "antwoord",
    "answered at": "beantwoord op",
    "answered by": "beantwoord door",
    "partner question": "partnervraag",
    "partner questions": "partnervragen",
    # The public partner page.
    "Registered integrations": "Geregistreerde koppelingen",
    "Integrations of our partners whose security certification is current: they passed an independent security quickscan and are retested on time.":
        "Koppelingen van onze partners met een geldige beveiligingscertificering: ze doorstonden een onafhankelijke security quickscan en worden op tijd opnieuw getest.",
    "Search integrations": "Koppelingen zoeken",
    "Search by integration, description or partner": "Zoek op koppeling, omschrijving of partner",
    "All certified integrations are shown.": "Alle gecertificeerde koppelingen worden getoond.",
    "Certified integrations: %(count)s": "Gecertificeerde koppelingen: %(count)s",
    "Integration": "Koppeling",
    "Partner": "Partner",
    "Last security scan": "Laatste security scan",
    "No certified integration matches your search.":
        "Geen gecertificeerde koppeling past bij je zoekopdracht.",
    "There are no certified integrations to show.": "Er zijn geen gecertificeerde koppelingen om te tonen.",
    # The partner portal.
    "The public list of registered integrations": "De openbare lijst van geregistreerde koppelingen",
    "Your registered integrations and their security quickscans, your agreements, what the partnership offers you, and your questions to the partner managers.":
        "Je geregistreerde koppelingen en hun security quickscans, je overeenkomsten, wat het partnerschap je biedt en je vragen aan de partnermanagers.",
    "Your integrations": "Je koppelingen",
    "On the partner page": "Op de partnerpagina",
    "Not on the partner page": "Niet op de partnerpagina",
    "Agreement start": "Ingang overeenkomst",
    "Subscription end": "Einde abonnement",
    "Runs on": "Loopt door",
    "Reason for ending": "Reden van beëindiging",
    "Next quickscan due": "Volgende quickscan uiterlijk",
    "Past its due date": "Termijn verstreken",
    "Due soon": "Binnenkort",
    "No quickscan yet: plan the first one to be listed on the partner page.":
        "Nog geen quickscan: plan de eerste om op de partnerpagina te komen.",
    "If the next quickscan has not taken place by its due date, the integration is removed from the partner page and its subscription is given notice: it then ends %(months)s months later. A new quickscan puts it back and withdraws that notice.":
        "Heeft de volgende quickscan niet uiterlijk op die datum plaatsgevonden, dan verdwijnt de koppeling van de partnerpagina en wordt het abonnement opgezegd: het eindigt dan %(months)s maanden later. Een nieuwe quickscan zet de koppeling terug en trekt die opzegging in.",
    "Quickscans of %(name)s": "Quickscans van %(name)s",
    "Colour": "Kleur",
    "Report": "Rapport",
    "Download the report": "Download het rapport",
    "No report": "Geen rapport",
    "Your organisation has no registered integrations yet.":
        "Je organisatie heeft nog geen geregistreerde koppelingen.",
    "Quickscan colours: red — a new quickscan after 6 months; orange — after one year; green — after three years.":
        "Kleuren van de quickscan: rood — een nieuwe quickscan na 6 maanden; oranje — na één jaar; groen — na drie jaar.",
    "Agreement documents": "Overeenkomsten",
    "There are no agreement documents yet.": "Er zijn nog geen overeenkomsten.",
    "Questions to the partner managers": "Vragen aan de partnermanagers",
    "Subject": "Onderwerp",
    "Your question": "Je vraag",
    "Send the question": "Vraag versturen",
    "Your question has been sent to the partner managers. Their answer appears on this page.":
        "Je vraag is naar de partnermanagers gestuurd. Hun antwoord verschijnt op deze pagina.",
    "Answered": "Beantwoord",
    "Waiting for an answer": "Wacht op antwoord",
    "Asked by %(name)s on %(when)s": "Gesteld door %(name)s op %(when)s",
    "Answer of the partner managers, %(when)s": "Antwoord van de partnermanagers, %(when)s",
    "No questions have been asked yet.": "Er zijn nog geen vragen gesteld.",
    "Pages of questions": "Pagina's met vragen",
    # The benefits and expectations of seed 004.
    "What a registered integration offers you": "Wat een geregistreerde koppeling je biedt",
    "A partnership we work on together, reviewed, extended or ended once a year.":
        "Een samenwerking waar we samen aan werken, die jaarlijks kan worden herzien, uitgebreid of beëindigd.",
    "This partner portal, with all agreements, questions and other information.":
        "Dit partnerportaal, waar alle afspraken, vragen en overige informatie terug te vinden zijn.",
    "Specific and general events to get to know each other and to work together.":
        "Specifieke en algemene evenementen om elkaar beter te leren kennen en samen te werken.",
    "A listing on the partner website and in the Help Center, so customers find your integration.":
        "Een vermelding op de partnerwebsite en in het Help Center, zodat klanten je koppeling makkelijk vinden.",
    "Support from the System Integrators, the team that specialises in setting up integrations.":
        "Ondersteuning van de System Integrators, het team dat gespecialiseerd is in het opzetten van koppelingen.",
    "The free course ‘Connectors’: everything about integrating with our software.":
        "De gratis cursus ‘Connectoren’: alles over het koppelen met onze software.",
    "A licence including a demo environment (ERP1).": "Een licentie inclusief demo-omgeving (ERP1).",
    # Templates escape "%" as "%%" in msgids.
    "20%% discount on the Success Management traineeship to train an application manager.":
        "20%% korting op het Succesbeheer Traineeship voor het opleiden van een beheerder.",
    "Knowledge of the Connector for the programmers of your integrations.":
        "Kennis en kunde van de Connector voor de programmeurs van je koppelingen.",
    "What we expect of you": "Wat we van je verwachten",
    "Periodic certification by an independent security tester (such as Computest), reported to us as a colour only: the full report with recommendations is yours.":
        "Periodieke certificatie door een onafhankelijke securitytester (zoals Computest), die ons alleen een kleurcode doorgeeft: het volledige rapport met aanbevelingen is voor jou.",
    "Following the code of conduct.": "Het naleven van de gedragscode.",
    "Telling us proactively when a customer has a challenge or is less satisfied with our software.":
        "Proactief contact met ons als een klant een uitdaging heeft of minder tevreden is over onze software.",
    "The agreement can be ended with the same notice as a normal agreement. It can be ended at once, with good reason, for unpaid invoices, not following the code of conduct, or missing periodic certification.":
        "De overeenkomst kan met dezelfde termijn als een normale overeenkomst worden opgezegd. Met een gedegen onderbouwing kan ze per direct worden beëindigd: bij niet betaalde facturen, het niet naleven van de gedragscode of het ontbreken van de periodieke certificatie.",
    # The email of the nightly check.
    "Quickscan missing: integrations of %(organisation)s removed from the partner page":
        "Quickscan ontbreekt: koppelingen van %(organisation)s van de partnerpagina verwijderd",
    "The periodic security quickscan of these integrations of %(organisation)s is overdue:":
        "De periodieke security quickscan van deze koppelingen van %(organisation)s is te laat:",
    "due %(date)s": "uiterlijk %(date)s",
    "subscription ends %(date)s": "abonnement eindigt %(date)s",
    "They have been removed from the partner page, and their subscription has been given notice: it ends %(months)s months from today. A new quickscan puts an integration back on the partner page and withdraws this notice.":
        "Ze zijn van de partnerpagina verwijderd en hun abonnement is opgezegd: het eindigt %(months)s maanden na vandaag. Een nieuwe quickscan zet een koppeling terug op de partnerpagina en trekt deze opzegging in.",
    "See your integrations and quickscans in the partner portal:":
        "Bekijk je koppelingen en quickscans in het partnerportaal:",
    "See your integrations and quickscans in the partner portal":
        "Bekijk je koppelingen en quickscans in het partnerportaal",
    "Quickscan missing": "Quickscan ontbreekt",
    # The admin.
    "Certification and agreement": "Certificering en overeenkomst",
    "Agreements changed: %(count)s.": "Overeenkomsten gewijzigd: %(count)s.",
    "Not changed because the agreement has already ended or notice was already given: %(count)s.":
        "Niet gewijzigd omdat de overeenkomst al beëindigd of al opgezegd is: %(count)s.",
    "End with normal notice (the subscription ends 12 months later)":
        "Opzeggen met normale termijn (het abonnement eindigt 12 maanden later)",
    "End at once: invoices not paid": "Per direct beëindigen: facturen niet betaald",
    "End at once: code of conduct not followed": "Per direct beëindigen: gedragscode niet nageleefd",
    "End at once: periodic certification missing":
        "Per direct beëindigen: periodieke certificatie ontbreekt",
    "The date of the scan cannot be in the future.": "De datum van de scan kan niet in de toekomst liggen.",
    "This integration already has a scan on that date.": "Deze koppeling heeft al een scan op die datum.",
    "answered": "beantwoord",
    "Write the answer the partner will see.": "Schrijf het antwoord dat de partner te zien krijgt.",
}
