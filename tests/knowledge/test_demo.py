"""Demo knowledge base (seed_demo): categories and articles in Dutch and English, one draft;
idempotent."""

from __future__ import annotations

import pytest

from contacts import demo as contacts_demo
from knowledge import demo
from knowledge.models import Article, ArticleLanguage, Category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_staff():
    contacts_demo.seed()  # the demo's Support member writes the articles


def test_it_seeds_articles_in_both_languages_in_four_categories():
    demo.seed()
    assert Category.objects.count() == 4
    published = Article.objects.filter(is_published=True)
    assert published.filter(language=ArticleLanguage.DUTCH).count() >= 4
    assert published.filter(language=ArticleLanguage.ENGLISH).count() >= 3
    assert published.filter(language=ArticleLanguage.BOTH).exists()
    assert Article.objects.filter(is_published=False).count() == 1


def test_it_is_idempotent_and_puts_articles_back():
    demo.seed()
    article = Article.objects.get(slug="wachtwoord-vergeten")
    article.title, article.is_published = "Gewijzigd", False
    article.save()
    demo.seed()
    assert Article.objects.count() == len(demo.ARTICLES)
    article.refresh_from_db()
    assert (article.title, article.is_published) == ("Wachtwoord vergeten of inloggen lukt niet",
                                                     True)
