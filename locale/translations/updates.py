# Dutch texts of the Update Center (R-UPD, R-ROLE-4), by msgid; merged by scripts/translate.py.
NL = {
    # Models and admin.
    "Update Center": "Update Center",
    "Give the version as numbers separated by dots, e.g. 6.4.2.":
        "Geef de versie als getallen met punten ertussen, bijvoorbeeld 6.4.2.",
    "Build": "Build",
    "Update": "Update",
    "Patch": "Patch",
    "version": "versie",
    "Numbers separated by dots, e.g. 6.4.2.":
        "Getallen met punten ertussen, bijvoorbeeld 6.4.2.",
    "release date": "releasedatum",
    "release notes": "releasenotes",
    "Markdown: headings, lists, links and emphasis.":
        "Markdown: koppen, lijsten, links en nadruk.",
    "important": "belangrijk",
    "Also email every contact who does application management.":
        "Mail ook elke contactpersoon die applicatiebeheer doet.",
    "published": "gepubliceerd",
    "published at": "gepubliceerd op",
    "published by": "gepubliceerd door",
    "release": "release",
    "releases": "releases",
    "Can publish a release and email its news": "Kan een release publiceren en het nieuws mailen",
    "size (bytes)": "grootte (bytes)",
    "SHA-256": "SHA-256",
    "release file": "releasebestand",
    "release files": "releasebestanden",
    "downloaded at": "gedownload op",
    "download": "download",
    "downloads": "downloads",
    "queued at": "in de wachtrij gezet op",
    "sent at": "verzonden op",
    "release email": "release-e-mail",
    "release emails": "release-e-mails",
    "emails sent": "e-mails verzonden",
    "Publish the selected releases and email the news":
        "Geselecteerde releases publiceren en het nieuws mailen",
    "Published: %(count)s; the news is being emailed.":
        "Gepubliceerd: %(count)s; het nieuws wordt gemaild.",
    "Already published, so nobody is emailed again: %(count)s.":
        "Al gepubliceerd, dus niemand wordt opnieuw gemaild: %(count)s.",
    # The list and its filters.
    "Release notes and downloads of every build, update and patch, newest first.":
        "Releasenotes en downloads van elke build, update en patch, de nieuwste eerst.",
    "Release notes of every build, update and patch, and their downloads.":
        "Releasenotes van elke build, update en patch, en hun downloads.",
    "Filter releases": "Releases filteren",
    "Kind": "Soort",
    "All kinds": "Alle soorten",
    "Version": "Versie",
    "Give a version such as 6.4.": "Geef een versie zoals 6.4.",
    "This version and everything within it, e.g. 6.4.":
        "Deze versie en alles daarbinnen, bijvoorbeeld 6.4.",
    "Search in the release notes": "Zoeken in de releasenotes",
    "What changed since version": "Wat is er veranderd sinds versie",
    "Give a version such as 6.3.2.": "Geef een versie zoals 6.3.2.",
    "Every release after it, oldest first.": "Elke release daarna, de oudste eerst.",
    "We did not understand that kind, so every kind is shown.":
        "Die soort begrepen we niet; daarom zie je alle soorten.",
    "Everything that changed since version %(version)s: the releases after it, oldest first "
    "(%(counter)s).":
        "Alles wat er veranderd is sinds versie %(version)s: de releases daarna, de oudste "
        "eerst (%(counter)s).",
    "Releases": "Releases",
    "Release date": "Releasedatum",
    "What is new": "Wat is nieuw",
    "Important": "Belangrijk",
    "No releases match what you asked for.": "Er zijn geen releases die hierbij passen.",
    # A release.
    "Released on": "Uitgebracht op",
    "Release notes": "Releasenotes",
    "This release has no notes.": "Deze release heeft geen releasenotes.",
    "Files": "Bestanden",
    "File": "Bestand",
    "Files of release %(version)s": "Bestanden van release %(version)s",
    "Check that the downloaded file is complete and unaltered":
        "Controleer dat het gedownloade bestand compleet en onveranderd is",
    "This release has no files to download.": "Deze release heeft geen bestanden om te downloaden.",
    # The email.
    "New: %(kind)s %(version)s is available": "Nieuw: %(kind)s %(version)s is beschikbaar",
    "Important: %(kind)s %(version)s is available":
        "Belangrijk: %(kind)s %(version)s is beschikbaar",
    "Hello %(name)s,": "Beste %(name)s,",
    "%(kind)s %(version)s was released on %(date)s.":
        "%(kind)s %(version)s is uitgebracht op %(date)s.",
    "Hello %(name)s,\n\n%(kind)s %(version)s was released on %(date)s.":
        "Beste %(name)s,\n\n%(kind)s %(version)s is uitgebracht op %(date)s.",
    "Read the notes and download the files in the Update Center":
        "Lees de releasenotes en download de bestanden in het Update Center",
    "Read the notes and download the files in the Update Center:":
        "Lees de releasenotes en download de bestanden in het Update Center:",
    "You receive this email because you chose Tips & Tricks / New in the product.":
        "Je ontvangt deze e-mail omdat je hebt gekozen voor Tips & Tricks / Nieuw in het "
        "product.",
    "You receive this important notice because you do application management for your "
    "organisation.":
        "Je ontvangt dit belangrijke bericht omdat je applicatiebeheer doet voor je "
        "organisatie.",
    "Unsubscribe": "Afmelden",
    "Unsubscribe:": "Afmelden:",
    # Unsubscribing.
    "Do you no longer want an email at %(email)s when a new release is published (Tips & "
    "Tricks / New in the product, %(organisation)s)?":
        "Wil je op %(email)s geen e-mail meer ontvangen wanneer er een nieuwe release is "
        "gepubliceerd (Tips & Tricks / Nieuw in het product, %(organisation)s)?",
    "Do you no longer want important notices about the software at %(email)s? This switches "
    "off \"role in the organisation: application management\" for %(organisation)s.":
        "Wil je op %(email)s geen belangrijke berichten over de software meer ontvangen? Dan "
        "zetten we \"rol in de organisatie: applicatiebeheer\" uit voor %(organisation)s.",
    "Yes, unsubscribe me": "Ja, meld me af",
    "You are unsubscribed": "Je bent afgemeld",
    "We no longer email %(email)s when a new release is published.":
        "We mailen %(email)s niet meer wanneer er een nieuwe release is gepubliceerd.",
    "We no longer send important notices about the software to %(email)s.":
        "We sturen geen belangrijke berichten over de software meer naar %(email)s.",
    "You can change what we email you about at any time under My details after logging in.":
        "Waarover we je mailen, wijzig je altijd onder Mijn gegevens nadat je bent ingelogd.",
    "Go to My details": "Naar Mijn gegevens",
    "This unsubscribe link is invalid or incomplete; perhaps it was cut off in the email. "
    "Nothing has been changed.":
        "Deze afmeldlink is ongeldig of onvolledig; misschien is hij in de e-mail afgebroken. "
        "Er is niets gewijzigd.",
}
