"""/knowledge/: categories, search and articles for every contact (R-INC-2, R-ROLE-1,
R-X-1/2/3)."""

from __future__ import annotations

import pytest

from knowledge.models import ArticleLanguage
from tests.conftest import client_for
from tests.knowledge.factories import make_article, make_category
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

URL = "/knowledge/"


def _titles(response) -> list[str]:
    return [article.title for article in response.context["page"].object_list]


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["no_role", "employee", "administrator", "submitter",
                                 "viewer", "expert", "other_administrator", "partner"])
def test_every_contact_reads_the_knowledge_base(cast, who):
    make_article("Wachtwoord vergeten")
    response = client_for(getattr(cast, who).user).get(URL)
    assert response.status_code == 200
    assert "Wachtwoord vergeten" in response.content.decode()


def test_staff_without_a_contact_get_403(cast):
    assert client_for(cast.staff).get(URL).status_code == 403


def test_it_lists_published_articles_in_the_contacts_language_and_both(cast):
    make_article("Nederlands")
    make_article("Tweetalig", language=ArticleLanguage.BOTH)
    make_article("English", language=ArticleLanguage.ENGLISH)
    make_article("Concept", published=False)
    assert sorted(_titles(client_for(cast.employee.user).get(URL))) == ["Nederlands",
                                                                        "Tweetalig"]
    cast.employee.language = "en"
    cast.employee.save()
    assert sorted(_titles(client_for(cast.employee.user).get(URL))) == ["English", "Tweetalig"]


def test_it_lists_categories_with_counts_and_filters_by_one(cast):
    payroll = make_category("Salaris", position=2)
    login = make_category("Inloggen", position=1)
    make_category("Leeg")
    make_article("Loonstrook", category=payroll)
    make_article("Wachtwoord", category=login)
    make_article("Tweestaps", category=login)
    client = client_for(cast.employee.user)
    response = client.get(URL)
    assert [c.name for c in response.context["categories"]] == ["Inloggen", "Salaris"]
    assert [c.article_count for c in response.context["categories"]] == [2, 1]
    filtered = client.get(URL, {"category": payroll.slug})
    assert _titles(filtered) == ["Loonstrook"]
    current = filtered.content.decode().split('aria-current="page">')[1]
    assert current.split("</a>")[0].strip().startswith("<span>Salaris</span>")


def test_it_searches_title_summary_and_text_on_sqlite__R_INC_2(cast):
    make_article("Wachtwoord vergeten")
    make_article("Afdrukken", summary="De printer doet het niet.")
    make_article("Factuur", body="Download de factuur als PDF.")
    client = client_for(cast.employee.user)
    assert _titles(client.get(URL, {"q": "wachtwoord"})) == ["Wachtwoord vergeten"]
    assert _titles(client.get(URL, {"q": "PRINTER"})) == ["Afdrukken"]
    assert _titles(client.get(URL, {"q": "factuur pdf"})) == ["Factuur"]
    assert _titles(client.get(URL, {"q": "factuur printer"})) == []  # every word must match
    page = client.get(URL, {"q": "onbekend"}).content.decode()
    assert 'data-testid="no-articles"' in page


def test_a_search_within_a_category(cast):
    login = make_category("Inloggen")
    make_article("Wachtwoord vergeten", category=login)
    make_article("Wachtwoord van de printer")
    response = client_for(cast.employee.user).get(URL, {"q": "wachtwoord",
                                                        "category": login.slug})
    assert _titles(response) == ["Wachtwoord vergeten"]


@pytest.mark.parametrize("query", [
    {"q": "x" * 5000}, {"q": "'; DROP TABLE knowledge_article; --"}, {"q": "a & | ! :*"},
    {"q": "\x00"}, {"category": "bestaat-niet"}, {"category": "<script>"},
    {"category": "a\x00b"}, {"q": "a\x00b"}, {"page": "abc"},
    {"page": "-1"}, {"page": "999999"}, {"q": "<script>alert(1)</script>"},
])
def test_bad_input_gives_200_not_500__R_X_2(cast, query):
    make_article("Wachtwoord vergeten")
    response = client_for(cast.employee.user).get(URL, query)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_it_paginates_and_keeps_the_search(cast):
    for number in range(12):
        make_article(f"Printer {number:02d}")
    client = client_for(cast.employee.user)
    first = client.get(URL, {"q": "printer"})
    assert len(_titles(first)) == 10
    assert "?q=printer&amp;page=2" in first.content.decode()
    assert _titles(client.get(URL, {"q": "printer", "page": 2})) == ["Printer 10", "Printer 11"]


def test_it_is_in_english_for_an_english_contact__R_X_1(cast):
    cast.employee.language = "en"
    cast.employee.save()
    make_article("Printing", category=make_category("Afdrukken", name_en="Printing"),
                 language=ArticleLanguage.ENGLISH)
    page = client_for(cast.employee.user).get(URL).content.decode()
    assert "<h1 class=\"h2 mb-1\">Knowledge base</h1>" in page
    assert "<span>Printing</span>" in page and "All categories" in page


def test_it_is_in_dutch_by_default__R_X_1(cast):
    page = client_for(cast.employee.user).get(URL).content.decode()
    assert "Kennisbank" in page and "Alle categorieën" in page


def _queries(client, query: dict) -> int:
    return queries_of(client, URL, query)


@pytest.mark.parametrize("query", [{}, {"q": "artikel"}])
def test_query_count_is_the_same_for_1_and_50_articles__R_X_3(cast, query):
    client = client_for(cast.employee.user)
    categories = [make_category() for _ in range(5)]
    make_article("Artikel 0", category=categories[0])
    one = _queries(client, query)
    for number in range(1, 50):
        make_article(f"Artikel {number}", category=categories[number % 5])
    assert _queries(client, query) == one
