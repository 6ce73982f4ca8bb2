# Dutch texts of the starter-course gate (R-GATE) and the waiting-list email (R-COURSE-1).
NL = {
    "%(name)s has the role Submit incidents but cannot submit incidents until they pass the starter course %(course)s with at least %(grade)s.":
        "%(name)s heeft de rol Incidenten insturen, maar kan pas incidenten insturen na het halen van de startcursus ‘%(course)s’ met minimaal een %(grade)s.",
    "You have the role Submit incidents, but you may submit incidents only after passing the starter course %(course)s with at least %(grade)s.":
        "Je hebt de rol Incidenten insturen, maar je mag pas incidenten insturen als je de startcursus ‘%(course)s’ hebt gehaald met minimaal een %(grade)s.",
    "Your best grade so far: %(grade)s.": "Je hoogste cijfer tot nu toe: %(grade)s.",
    "Enrol for the starter course": "Schrijf je in voor de startcursus",
    "A seat is free: you are enrolled for %(course)s": "Er is een plaats vrij: je bent ingeschreven voor %(course)s",
    "Hello %(name)s,\n\nA seat became free for %(course)s and you were first on the waiting list: you are now enrolled.":
        "Hallo %(name)s,\n\nEr is een plaats vrijgekomen voor %(course)s en je stond als eerste op de wachtlijst: je bent nu ingeschreven.",
    "When:": "Wanneer:",
    "Where:": "Waar:",
    "online": "online",
    "Can you not come after all? Cancel on your courses page so that the next person gets the seat:":
        "Kun je toch niet? Schrijf je dan uit op je cursuspagina, zodat de volgende de plaats krijgt:",
}
