# Dutch texts of the courses models (field names, choices) and of the courses admin for staff:
# events and waiting lists, results and their CSV import (R-COURSE-1/2), starter courses per
# submission profile (R-GATE-3).
NL = {
    # courses/models.py
    "Starter": "Starter",
    "Basic": "Basis",
    "Advanced": "Gevorderd",
    "Expert": "Expert",
    "code": "code",
    "title": "titel",
    "level": "niveau",
    "starter course": "startcursus",
    "A starter course can be required before submitting incidents.":
        "Een startcursus kan verplicht zijn voordat iemand incidenten mag insturen.",
    "in the catalogue": "in het cursusaanbod",
    "course": "cursus",
    "courses": "cursussen",
    "file": "bestand",
    "link": "link",
    "course material": "cursusmateriaal",
    "event": "cursusdatum",
    "events": "cursusdata",
    "starts at": "begint om",
    "ends at": "eindigt om",
    "place": "plaats",
    "capacity": "aantal plaatsen",
    "cancelled": "geannuleerd",
    "Enrolled": "Ingeschreven",
    "On the waiting list": "Op de wachtlijst",
    "Cancelled": "Geannuleerd",
    "enrolment": "inschrijving",
    "enrolments": "inschrijvingen",
    "enrolled at": "ingeschreven op",
    "moved from the waiting list at": "van de wachtlijst gehaald op",
    "cancelled at": "geannuleerd op",
    "result": "resultaat",
    "results": "resultaten",
    "grade": "cijfer",
    "recorded at": "vastgelegd op",
    "starter course per submission profile": "startcursus per instuurprofiel",
    "starter courses per submission profile": "startcursussen per instuurprofiel",
    # courses/admin.py
    "Give either a file or a link, not both.": "Geef een bestand of een link, niet allebei.",
    "Enrolled now: %(count)s. The capacity cannot be lower; cancel enrolments first.":
        "Nu ingeschreven: %(count)s. Het aantal plaatsen kan niet lager; annuleer eerst "
        "inschrijvingen.",
    "The event cannot end before it starts.": "De cursusdatum kan niet eindigen voordat hij begint.",
    "Give the place, or tick online.": "Vul de plaats in, of vink online aan.",
    "Moved up from the waiting list of %(event)s: %(count)s (they get an email).":
        "Van de wachtlijst van %(event)s ingeschreven: %(count)s (ze krijgen een e-mail).",
    "when": "wanneer",
    "Upcoming": "Komend",
    "Past": "Voorbij",
    "Online": "Online",
    "enrolled": "ingeschreven",
    "waiting list": "wachtlijst",
    "Cancel the selected enrolments (the waiting list moves up)":
        "Geselecteerde inschrijvingen annuleren (de wachtlijst schuift door)",
    "Enrolments cancelled: %(count)s.": "Inschrijvingen geannuleerd: %(count)s.",
    "Not cancelled because the event has started: %(count)s.":
        "Niet geannuleerd omdat de cursus al begonnen is: %(count)s.",
    "passed": "gehaald",
    "Passed": "Gehaald",
    "Not passed": "Niet gehaald",
    "Nothing was imported: correct the lines below and try again.":
        "Er is niets geïmporteerd: verbeter de regels hieronder en probeer het opnieuw.",
    "Import": "Importeren",
    "Import finished: %(new)s results added, %(updated)s corrected.":
        "Import klaar: %(new)s resultaten toegevoegd, %(updated)s verbeterd.",
    # texts of django-import-export without a Dutch translation of their own
    "No valid data to import. Ensure your file has the correct headers or data for import.":
        "Er staan geen gegevens in het bestand. Controleer de kolomnamen op de eerste regel en "
        "de regels daaronder.",
    "%(exc_name)s encountered while trying to read file. Ensure you have chosen the correct format for the file.":
        "%(exc_name)s bij het lezen van het bestand. Controleer of je het juiste formaat hebt "
        "gekozen.",
    # courses/resources.py (the CSV import of results)
    "Fill in the grade.": "Vul het cijfer in.",
    "“%(value)s” is not a grade: give a number from 1.0 to 10.0, such as 7.5 or 7,5.":
        "“%(value)s” is geen cijfer: geef een getal van 1,0 tot en met 10,0, zoals 7,5 of 7.5.",
    "The grade %(value)s is not between 1.0 and 10.0.":
        "Het cijfer %(value)s ligt niet tussen 1,0 en 10,0.",
    "Give the grade with at most one decimal, such as 7.5.":
        "Geef het cijfer met hoogstens één decimaal, zoals 7,5.",
    "Fill in the date.": "Vul de datum in.",
    "“%(value)s” is not a date: use YYYY-MM-DD (2026-03-14) or DD-MM-YYYY (14-03-2026).":
        "“%(value)s” is geen datum: gebruik JJJJ-MM-DD (2026-03-14) of DD-MM-JJJJ (14-03-2026).",
    "The date %(date)s lies in the future.": "De datum %(date)s ligt in de toekomst.",
    "The file has no column %(missing)s. The first line must name the columns: %(columns)s.":
        "Het bestand heeft geen kolom %(missing)s. De eerste regel moet de kolommen noemen: "
        "%(columns)s.",
    "The column %(columns)s appears more than once.": "De kolom %(columns)s staat er meer dan eens in.",
    "This line has %(cells)s values but the first line names %(columns)s columns. Is there a comma in a grade? Put it between quotes (\"7,5\") or separate the columns with semicolons.":
        "Deze regel heeft %(cells)s waarden, maar de eerste regel noemt %(columns)s kolommen. "
        "Staat er een komma in een cijfer? Zet het cijfer dan tussen aanhalingstekens (\"7,5\") "
        "of scheid de kolommen met puntkomma's.",
    "The same person, course and date as line %(line)s: give each result once.":
        "Dezelfde persoon, cursus en datum als regel %(line)s: geef elk resultaat één keer.",
    "Fill in the email address.": "Vul het e-mailadres in.",
    "No contact has the email address %(email)s.":
        "Geen contactpersoon heeft het e-mailadres %(email)s.",
    "%(email)s is not a contact of %(organisation)s (but of %(names)s).":
        "%(email)s is geen contactpersoon van %(organisation)s (wel van %(names)s).",
    "%(email)s is a contact of several organisations (%(names)s): fill in the organisation column.":
        "%(email)s is contactpersoon van meerdere organisaties (%(names)s): vul de kolom "
        "organisation in.",
    "Fill in the course code.": "Vul de cursuscode in.",
    "There is no course with the code %(code)s.": "Er is geen cursus met de code %(code)s.",
    # templates/admin/courses/result/
    "A CSV file with a first line naming the columns, separated by commas or semicolons:":
        "Een CSV-bestand waarvan de eerste regel de kolommen noemt, gescheiden door komma's of "
        "puntkomma's:",
    "the contact's email address": "het e-mailadres van de contactpersoon",
    "the organisation's name; needed only when the email address belongs to contacts of several organisations":
        "de naam van de organisatie; alleen nodig als het e-mailadres hoort bij contactpersonen "
        "van meerdere organisaties",
    "the course code": "de cursuscode",
    "from 1.0 to 10.0, written as 7.5 or 7,5": "van 1,0 tot en met 10,0, geschreven als 7,5 of 7.5",
    "the day of the exam, as YYYY-MM-DD or DD-MM-YYYY":
        "de dag van het examen, als JJJJ-MM-DD of DD-MM-JJJJ",
    "A result belongs to the person: it counts in every organisation they are a contact of. A result for the same person, course and date is corrected, not added twice. If any line has a problem, nothing is imported and every problem is listed with its line.":
        "Een resultaat hoort bij de persoon: het telt in elke organisatie waarvan die "
        "contactpersoon is. Een resultaat voor dezelfde persoon, cursus en datum wordt "
        "verbeterd, niet dubbel toegevoegd. Heeft een regel een probleem, dan wordt er niets "
        "geïmporteerd en staat elk probleem met zijn regelnummer in de lijst.",
    "Nothing was imported": "Er is niets geïmporteerd",
    "Problems found: %(count)s. Correct the file and upload it again.":
        "Gevonden problemen: %(count)s. Verbeter het bestand en upload het opnieuw.",
    "Line %(line)s": "Regel %(line)s",
}
