"""Demo knowledge base (part of ``seed_demo``): four categories with articles in Dutch and
in English, one in both languages and one unpublished draft. Safe to run again: categories
and articles are keyed by slug and put back as listed here."""

from __future__ import annotations

from contacts.demo import staff_of

from .actions import save_article
from .models import Article, ArticleLanguage, Category

# slug: (position, Dutch name, English name)
CATEGORIES: dict[str, tuple[int, str, str]] = {
    "inloggen": (1, "Inloggen en toegang", "Logging in and access"),
    "salaris": (2, "Salarisverwerking", "Payroll"),
    "facturen": (3, "Facturen", "Invoices"),
    "afdrukken": (4, "Afdrukken", "Printing"),
}

NL, EN, BOTH = ArticleLanguage.DUTCH, ArticleLanguage.ENGLISH, ArticleLanguage.BOTH

# English slug: the Dutch article it translates (issue 14).
TRANSLATIONS = {"forgot-password": "wachtwoord-vergeten",
                "payslip-correction": "loonstrook-corrigeren"}

# slug: (category, language, published, title, summary, body)
ARTICLES: dict[str, tuple[str, str, bool, str, str, str]] = {
    "wachtwoord-vergeten": (
        "inloggen", NL, True, "Wachtwoord vergeten of inloggen lukt niet",
        "Stel zelf een nieuw wachtwoord in en controleer je twee-factor-authenticatie.",
        "## Nieuw wachtwoord\n\nKies op de inlogpagina **Wachtwoord vergeten** en vul je "
        "e-mailadres in. Je krijgt binnen een paar minuten een e-mail met een link.\n\n"
        "## Twee-factor-authenticatie\n\n1. Controleer of de tijd op je telefoon klopt.\n"
        "2. Gebruik een herstelcode als je je telefoon kwijt bent.\n\n"
        "Lukt het daarna nog niet? Vraag de beheerder van je organisatie om je account "
        "te controleren."),
    "forgot-password": (
        "inloggen", EN, True, "Forgot your password or cannot log in",
        "Set a new password yourself and check your two-factor authentication.",
        "## New password\n\nChoose **Forgot password** on the login page and enter your "
        "email address. You will receive an email with a link within a few minutes.\n\n"
        "## Two-factor authentication\n\n1. Check that the time on your phone is right.\n"
        "2. Use a recovery code if you have lost your phone.\n\n"
        "Still no luck? Ask your organisation's administrator to check your account."),
    "loonstrook-corrigeren": (
        "salaris", NL, True, "Een loonstrook corrigeren na verwerking",
        "Zo corrigeer je een verwerkte salarisperiode met een correctieverloning.",
        "Een verwerkte periode pas je niet meer aan. Maak in plaats daarvan een "
        "**correctieverloning** in de volgende periode:\n\n"
        "- Open de medewerker en kies *Correctie*.\n- Vul de juiste bedragen in.\n"
        "- Verwerk de periode opnieuw.\n\nDe correctie staat daarna op de volgende "
        "loonstrook en in de loonaangifte."),
    "payslip-correction": (
        "salaris", EN, True, "Correcting a payslip after processing",
        "How to correct a processed payroll period with a correction run.",
        "A processed period is never changed. Instead, create a **correction run** in the "
        "next period:\n\n- Open the employee and choose *Correction*.\n- Enter the right "
        "amounts.\n- Process the period again.\n\nThe correction then shows on the next "
        "payslip and in the payroll tax return."),
    "factuur-als-pdf": (
        "facturen", NL, True, "Je factuur als pdf downloaden",
        "Beheerders vinden alle facturen van de organisatie als pdf in de portal.",
        "Ga naar **Facturen** in het menu. Daar staan alle facturen van je organisatie, "
        "met wat nog openstaat. Klik op het factuurnummer om de pdf te downloaden.\n\n"
        "Wil je de facturen op een ander e-mailadres ontvangen? Wijzig de contactpersoon "
        "voor digitale facturen op de pagina Organisatie."),
    "invoice-questions": (
        "facturen", BOTH, True, "Invoice questions / Vragen over je factuur",
        "Who to ask about an invoice, and what to include. Wie je vragen stelt over een factuur.",
        "**English** — Send your question about an invoice with the invoice number to our "
        "finance department; they answer within five working days.\n\n"
        "**Nederlands** — Stuur je vraag over een factuur met het factuurnummer naar onze "
        "financiële administratie; zij antwoorden binnen vijf werkdagen."),
    "printer-instellen": (
        "afdrukken", NL, True, "Afdrukken lukt niet: printer instellen",
        "Controleer de standaardprinter en het papierformaat als afdrukken mislukt.",
        "Als afdrukken mislukt, controleer dan:\n\n1. de **standaardprinter** in je "
        "instellingen;\n2. het papierformaat (A4);\n3. of de printer bereikbaar is.\n\n"
        "Blijft het misgaan, maak dan een schermafdruk van de melding."),
    "printing-problems": (
        "afdrukken", EN, True, "Printing fails: setting up your printer",
        "Check the default printer and the paper size when printing fails.",
        "When printing fails, check:\n\n1. the **default printer** in your settings;\n"
        "2. the paper size (A4);\n3. whether the printer can be reached.\n\n"
        "If it keeps failing, take a screenshot of the message."),
    "nieuwe-functies-concept": (
        "inloggen", NL, False, "Concept: inloggen met een passkey",
        "Binnenkort: inloggen zonder wachtwoord.",
        "Dit artikel is nog niet gepubliceerd."),
}


def seed() -> list[Article]:
    """Create or reset the demo categories and articles (written by the demo's Support
    member)."""
    support = staff_of("Support")
    categories = {}
    for slug, (position, name_nl, name_en) in CATEGORIES.items():
        categories[slug], _created = Category.objects.update_or_create(
            slug=slug, defaults={"position": position, "name_nl": name_nl, "name_en": name_en})
    articles = []
    for slug, (category, language, published, title, summary, body) in ARTICLES.items():
        article = Article.objects.filter(slug=slug).first() or Article(slug=slug)
        article.category, article.language, article.is_published = (
            categories[category], language, published)
        article.title, article.summary, article.body = title, summary, body
        articles.append(save_article(article=article, actor=support))
    # The English articles are translations of Dutch ones: each page links to the other.
    for english, dutch in TRANSLATIONS.items():
        Article.objects.filter(slug=english).update(
            translation_of=Article.objects.get(slug=dutch))
    return articles
