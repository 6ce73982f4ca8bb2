# Dutch texts of the course pages: the catalogue, "My courses", enrolling and cancelling
# (R-ROLE-2/3, R-COURSE-1/2/3). The admin and import texts are in courses_admin.py.
NL = {
    # Navigation and dashboard tiles.
    "Courses": "Cursussen",
    "The course catalogue: enrol for an event, or join its waiting list when it is full.":
        "Het cursusaanbod: schrijf je in voor een cursusdatum, of kom op de wachtlijst als die vol is.",
    "My courses": "Mijn cursussen",
    "Your enrolments and waiting-list places, your results and the course material.":
        "Je inschrijvingen en wachtlijstplaatsen, je resultaten en het cursusmateriaal.",
    # The catalogue.
    "Level": "Niveau",
    "All levels": "Alle niveaus",
    "Level:": "Niveau:",
    "My courses and results": "Mijn cursussen en resultaten",
    "Enrol for an event of a course. When an event is full you join its waiting list: when a seat becomes free, the first in line gets it and an email.":
        "Schrijf je in voor een cursusdatum. Is die vol, dan kom je op de wachtlijst: komt er een plaats vrij, dan krijgt de eerste op de wachtlijst die plaats en een e-mail.",
    "Filter courses": "Cursussen filteren",
    "We did not understand that level, so all courses are shown.":
        "Dat niveau herkennen we niet, daarom zie je alle cursussen.",
    "Starter course": "Startcursus",
    "Upcoming events of %(course)s": "Komende cursusdata van %(course)s",
    "Date and time": "Datum en tijd",
    "Place": "Plaats",
    "Seats": "Plaatsen",
    "Enrolment": "Inschrijving",
    "%(left)s of %(capacity)s seats free": "%(left)s van %(capacity)s plaatsen vrij",
    "Full — waiting list": "Vol — wachtlijst",
    "You are enrolled": "Je bent ingeschreven",
    "On the waiting list: number %(position)s": "Op de wachtlijst: nummer %(position)s",
    "Enrol": "Inschrijven",
    "Join the waiting list": "Zet me op de wachtlijst",
    "No events are planned at the moment.": "Er zijn op dit moment geen cursusdata gepland.",
    "There are no courses to show.": "Er zijn geen cursussen om te tonen.",
    # Enrolling and cancelling.
    "You cannot enrol for %(course)s on %(date)s: the event has started or was cancelled.":
        "Je kunt je niet inschrijven voor %(course)s op %(date)s: de cursus is al begonnen of gaat niet door.",
    "You are already enrolled for %(course)s on %(date)s.":
        "Je bent al ingeschreven voor %(course)s op %(date)s.",
    "You are already on the waiting list for %(course)s on %(date)s: you are number %(position)s.":
        "Je staat al op de wachtlijst voor %(course)s op %(date)s: je bent nummer %(position)s.",
    "You are enrolled for %(course)s on %(date)s.":
        "Je bent ingeschreven voor %(course)s op %(date)s.",
    "The event is full: you are number %(position)s on the waiting list for %(course)s on %(date)s. When a seat becomes free, it is yours and we email you.":
        "De cursus is vol: je bent nummer %(position)s op de wachtlijst voor %(course)s op %(date)s. Komt er een plaats vrij, dan is die voor jou en krijg je een e-mail.",
    "You can no longer cancel your enrolment for %(course)s on %(date)s: the event has started.":
        "Je kunt je inschrijving voor %(course)s op %(date)s niet meer annuleren: de cursus is al begonnen.",
    "You left the waiting list for %(course)s on %(date)s.":
        "Je staat niet meer op de wachtlijst voor %(course)s op %(date)s.",
    "Your enrolment for %(course)s on %(date)s is cancelled.":
        "Je inschrijving voor %(course)s op %(date)s is geannuleerd.",
    # My courses.
    "Course catalogue": "Cursusaanbod",
    "Your enrolments, your place on waiting lists, your results and the course material.":
        "Je inschrijvingen, je plaats op wachtlijsten, je resultaten en het cursusmateriaal.",
    "Your enrolments": "Je inschrijvingen",
    "Your enrolments for events that have not ended, soonest first":
        "Je inschrijvingen voor cursussen die nog niet voorbij zijn, de eerstvolgende eerst",
    "Course": "Cursus",
    "Event cancelled": "Gaat niet door",
    "Leave the waiting list": "Van de wachtlijst af",
    "Cancel enrolment": "Inschrijving annuleren",
    "Has started": "Is begonnen",
    "You are not enrolled for any upcoming event.":
        "Je bent niet ingeschreven voor een komende cursus.",
    "See the course catalogue": "Bekijk het cursusaanbod",
    "Your results": "Je resultaten",
    "Your results, newest first": "Je resultaten, de nieuwste eerst",
    "Date": "Datum",
    "Grade": "Cijfer",
    "Result": "Resultaat",
    "You have no results yet.": "Je hebt nog geen resultaten.",
    "Course material": "Cursusmateriaal",
    "opens in a new tab": "opent in een nieuw tabblad",
    "Here you find the material of the courses you are enrolled for. There is none for you at the moment.":
        "Hier vind je het materiaal van de cursussen waarvoor je bent ingeschreven. Op dit moment is er geen materiaal voor je.",
    "The digital course material is for contacts with the role Employee or Administrator. Your administrator can give you the role.":
        "Het digitale cursusmateriaal is voor contactpersonen met de rol Medewerker of Beheerder. De beheerder van je organisatie kan je die rol geven.",
    "Enrolments at %(organisation)s": "Inschrijvingen bij %(organisation)s",
    "Enrolments of your organisation's contacts for events that have not ended, soonest first":
        "Inschrijvingen van de contactpersonen van je organisatie voor cursussen die nog niet voorbij zijn, de eerstvolgende eerst",
    "Contact": "Contactpersoon",
    "Pages of enrolments": "Pagina's met inschrijvingen",
    "Nobody in your organisation is enrolled for an upcoming event.":
        "Niemand in je organisatie is ingeschreven voor een komende cursus.",
    "Results at %(organisation)s": "Resultaten bij %(organisation)s",
    "Results of your organisation's contacts, newest first":
        "Resultaten van de contactpersonen van je organisatie, de nieuwste eerst",
    "Pages of results": "Pagina's met resultaten",
    "There are no results in your organisation yet.":
        "Er zijn nog geen resultaten in je organisatie.",
}
