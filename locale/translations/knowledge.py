# Dutch texts of the knowledge base (R-INC-2): pages, suggestions, admin.
NL = {
    # Models and admin.
    "Knowledge base": "Kennisbank",
    "Dutch and English": "Nederlands en Engels",
    "name (Dutch)": "naam (Nederlands)",
    "name (English)": "naam (Engels)",
    "slug": "slug",
    "position": "volgorde",
    "Lower numbers come first.": "Lagere nummers komen eerst.",
    "category": "categorie",
    "categories": "categorieën",
    "summary": "samenvatting",
    "One or two sentences, shown in lists and suggestions.":
        "Een of twee zinnen, getoond in lijsten en suggesties.",
    "text": "tekst",
    "Markdown. Raw HTML is removed when shown.":
        "Markdown. Losse HTML wordt bij het tonen verwijderd.",
    "updated at": "bijgewerkt op",
    "article": "artikel",
    "articles": "artikelen",
    "This slug is reserved for a page of the knowledge base; choose another.":
        "Deze slug is gereserveerd voor een pagina van de kennisbank; kies een andere.",
    "deflection": "beantwoorde vraag",
    "deflections": "beantwoorde vragen",
    "at": "op",
    "answered questions": "beantwoorde vragen",
    "Publish the selected articles": "De geselecteerde artikelen publiceren",
    "Articles published: %(count)d.": "Artikelen gepubliceerd: %(count)d.",
    "Withdraw the selected articles": "De geselecteerde artikelen terugtrekken",
    "Articles withdrawn: %(count)d.": "Artikelen teruggetrokken: %(count)d.",
    # Navigation.
    "Answers to most questions, day and night: search the articles by category.":
        "Antwoord op de meeste vragen, dag en nacht: zoek in de artikelen per categorie.",
    # The list.
    "Answers to most questions about the software, day and night. Can't find yours? Then "
    "submit an incident.":
        "Antwoord op de meeste vragen over de software, dag en nacht. Staat jouw vraag er niet "
        "bij? Stuur dan een incident in.",
    "Search the knowledge base": "Zoeken in de kennisbank",
    "Categories": "Categorieën",
    "All categories": "Alle categorieën",
    "Articles found for “%(q)s”: %(found)s": "Artikelen gevonden voor ‘%(q)s’: %(found)s",
    "All articles": "Alle artikelen",
    "No article matches your search. Try other words, or submit an incident.":
        "Geen artikel past bij je zoekvraag. Probeer andere woorden, of stuur een incident in.",
    "There are no articles here yet.": "Hier staan nog geen artikelen.",
    # An article and the suggestions.
    "Updated on %(date)s": "Bijgewerkt op %(date)s",
    "Did this answer your question?": "Is je vraag hiermee beantwoord?",
    "Your question: “%(subject)s”": "Je vraag: ‘%(subject)s’",
    "This answers my question": "Dit beantwoordt mijn vraag",
    "These articles may answer your question":
        "Deze artikelen beantwoorden misschien je vraag",
    "Read the whole article": "Lees het hele artikel",
    "Good to hear that “%(title)s” answered your question. You do not need to submit an "
    "incident.":
        "Fijn dat ‘%(title)s’ je vraag heeft beantwoord. Je hoeft geen incident in te sturen.",
}
