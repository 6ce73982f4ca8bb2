"""Full-text search on PostgreSQL: Dutch and English stemming by article language, the
stored search vector kept current by the save action, a GIN index (R-INC-2)."""

from __future__ import annotations

import pytest
from django.db import connection

from knowledge.actions import save_article, set_published
from knowledge.models import Article, ArticleLanguage
from knowledge.queries import article_list, search, suggestions_for
from tests.factories import staff_member
from tests.knowledge.factories import make_article

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _found(contact, text: str, language: str = "nl") -> list[str]:
    return [a.title for a in article_list(contact, language=language, text=text)]


def test_dutch_words_match_their_stem__R_INC_2(cast):
    make_article("Wachtwoord vergeten", body="Je kunt zelf wachtwoorden herstellen.")
    make_article("Afdrukken", body="De printer instellen.")
    assert _found(cast.employee, "wachtwoorden") == ["Wachtwoord vergeten"]
    assert _found(cast.employee, "wachtwoord herstellen") == ["Wachtwoord vergeten"]


def test_english_words_match_their_stem__R_INC_2(cast):
    make_article("Printing fails", language=ArticleLanguage.ENGLISH,
                 body="Check the printers you configured.")
    assert _found(cast.employee, "printer configuration", language="en") == ["Printing fails"]
    assert _found(cast.employee, "printed", language="en") == ["Printing fails"]


def test_an_article_in_both_languages_is_found_by_either__R_INC_2(cast):
    make_article("Facturen / Invoices", language=ArticleLanguage.BOTH,
                 body="Betalingen van facturen. Paying invoices.")
    assert _found(cast.employee, "betaling") == ["Facturen / Invoices"]
    assert _found(cast.employee, "paying invoice", language="en") == ["Facturen / Invoices"]


def test_a_title_match_ranks_above_a_text_match(cast):
    make_article("Algemeen", body="Hier staat ook iets over de printer.")
    make_article("Printer instellen")
    assert _found(cast.employee, "printer") == ["Printer instellen", "Algemeen"]


def test_suggestions_match_any_word_of_the_subject__R_INC_2(cast):
    make_article("Wachtwoord vergeten")
    make_article("Loonstrook corrigeren")
    make_article("Afdrukken")
    titles = [a.title for a in suggestions_for(cast.submitter, language="nl",
                                               subject="wachtwoord en loonstrook kwijt")]
    assert sorted(titles) == ["Loonstrook corrigeren", "Wachtwoord vergeten"]


@pytest.mark.parametrize("text", ["de het een", "& | ! :* <->", "'\"", "x" * 5000,
                                  "wacht:* | !x"])
def test_stop_words_and_query_syntax_find_nothing_without_error__R_X_2(cast, text):
    make_article("Wachtwoord vergeten")
    articles = Article.objects.filter(is_published=True)
    assert list(search(articles, text)) == []
    assert list(search(articles, text, any_word=True)) == []


def test_saving_keeps_the_search_vector_current(cast):
    article = make_article("Wachtwoord vergeten")
    article.title = "Printer instellen"
    save_article(article=article, actor=staff_member("Support"))
    assert _found(cast.employee, "printer") == ["Printer instellen"]
    assert _found(cast.employee, "wachtwoord") == []
    set_published(article=article, published=False, actor=staff_member("Support"))
    assert _found(cast.employee, "printer") == []


def test_search_uses_the_gin_index(cast):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = "
                       "'knowledge_article_search_gin'")
        assert "USING gin (search_vector)" in cursor.fetchone()[0]
