# Dutch texts of uploads (R-INC-9, R-X-2): the page for a request body over the cap
# (templates/413.html); merged by scripts/translate.py.
NL = {
    "Too large to send": "Te groot om te versturen",
    "What you sent is larger than the %(maximum)s the portal accepts at once, so we stopped "
    "receiving it. Nothing has been saved.":
        "Wat je verstuurde is groter dan de %(maximum)s die het portal in één keer aanneemt, "
        "dus we zijn gestopt met ontvangen. Er is niets opgeslagen.",
    "Go back to the form (your browser usually still has what you typed there) and send fewer "
    "or smaller files, for example one message per file or a compressed (.zip) file.":
        "Ga terug naar het formulier (je browser heeft daar meestal nog wat je typte) en "
        "verstuur minder of kleinere bestanden, bijvoorbeeld één bericht per bestand of een "
        "gecomprimeerd (.zip-)bestand.",
    "Back to the form": "Terug naar het formulier",
}
