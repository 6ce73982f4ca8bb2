"""Categories and articles for tests; articles are saved by Support staff through the real
action (which indexes them)."""

from __future__ import annotations

import itertools

from knowledge.actions import save_article
from knowledge.models import Article, ArticleLanguage, Category
from tests.factories import staff_member

_numbers = itertools.count(1)


def make_category(name: str | None = None, *, name_en: str | None = None,
                  position: int = 0) -> Category:
    number = next(_numbers)
    name = name or f"Categorie {number}"
    return Category.objects.create(name_nl=name, name_en=name_en or f"Category {number}",
                                   slug=f"categorie-{number}", position=position)


def make_article(title: str | None = None, *, category: Category | None = None,
                 language: str = ArticleLanguage.DUTCH, published: bool = True,
                 summary: str = "Een korte samenvatting.", body: str = "Tekst van het artikel.",
                 slug: str | None = None) -> Article:
    number = next(_numbers)
    return save_article(article=Article(
        title=title or f"Artikel {number}", slug=slug or f"artikel-{number}", summary=summary,
        body=body, category=category or make_category(), language=language,
        is_published=published), actor=staff_member("Support"))
