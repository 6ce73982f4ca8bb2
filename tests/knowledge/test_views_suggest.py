"""Suggestions while an incident's subject is typed, and "this answers my question"
recording a deflection instead of an incident (R-INC-2)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge.models import ArticleLanguage, Deflection
from tests.conftest import client_for
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db

URL = "/knowledge/suggest/"


def _suggested(response) -> list[str]:
    return [article.title for article in response.context["suggestions"]]


def test_it_requires_login(client):
    assert client.get(URL, {"subject": "wachtwoord"}).status_code == 302


def test_it_suggests_matching_articles_as_a_partial__R_INC_2(cast):
    article = make_article("Wachtwoord vergeten", summary="Stel een nieuw wachtwoord in.")
    make_article("Afdrukken")
    response = client_for(cast.submitter.user).get(URL, {"subject": "Mijn wachtwoord werkt niet"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page and "<nav" not in page  # no layout
    assert _suggested(response) == ["Wachtwoord vergeten"]
    assert "Stel een nieuw wachtwoord in." in page
    assert (f'href="/knowledge/{article.slug}/?subject=Mijn%20wachtwoord%20werkt%20niet"'
            in page)
    assert f'action="/knowledge/{article.slug}/answered/"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'value="Mijn wachtwoord werkt niet"' in page


def test_it_suggests_at_most_five__R_INC_2(cast):
    for number in range(8):
        make_article(f"Printer {number}")
    response = client_for(cast.submitter.user).get(URL, {"subject": "printer"})
    assert len(_suggested(response)) == 5


def test_it_skips_unpublished_and_other_language_articles__R_INC_2(cast):
    make_article("Printer concept", published=False)
    make_article("Printer English", language=ArticleLanguage.ENGLISH)
    make_article("Printer tweetalig", language=ArticleLanguage.BOTH)
    response = client_for(cast.submitter.user).get(URL, {"subject": "printer"})
    assert _suggested(response) == ["Printer tweetalig"]


@pytest.mark.parametrize("subject", ["", "  ", "pr", " a ", None])
def test_a_short_or_empty_subject_gives_an_empty_partial__R_INC_2(cast, subject):
    make_article("Printer")
    query = {} if subject is None else {"subject": subject}
    response = client_for(cast.submitter.user).get(URL, query)
    assert response.status_code == 200
    assert response.content.decode().strip() == ""


@pytest.mark.parametrize("subject", ["x" * 5000, "!!! ??? ***", "<script>", "\x00\x01"])
def test_bad_subjects_never_500__R_X_2(cast, subject):
    make_article("Printer")
    response = client_for(cast.submitter.user).get(URL, {"subject": subject})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_answered_records_a_deflection_and_redirects_to_the_article__R_INC_2(cast):
    article = make_article("Wachtwoord vergeten")
    client = client_for(cast.submitter.user)
    response = client.post(f"/knowledge/{article.slug}/answered/",
                           {"subject": "  Mijn   wachtwoord werkt niet "})
    assert response.status_code == 302
    assert response["Location"] == f"/knowledge/{article.slug}/"
    deflection = Deflection.objects.get()
    assert (deflection.contact, deflection.article, deflection.subject) == (
        cast.submitter, article, "Mijn wachtwoord werkt niet")
    page = client.get(response["Location"]).content.decode()
    assert "hoeft geen incident in te sturen" in page


def test_answered_keeps_at_most_200_characters_of_the_subject__R_X_2(cast):
    article = make_article()
    client_for(cast.employee.user).post(f"/knowledge/{article.slug}/answered/",
                                        {"subject": "x" * 5000})
    assert len(Deflection.objects.get().subject) == 200


def test_answered_drops_nul_characters__R_X_2(cast):
    article = make_article()
    response = client_for(cast.employee.user).post(f"/knowledge/{article.slug}/answered/",
                                                   {"subject": "print\x00er"})
    assert response.status_code == 302
    assert Deflection.objects.get().subject == "print er"


def test_answered_is_post_only(cast):
    article = make_article()
    assert client_for(cast.employee.user).get(
        f"/knowledge/{article.slug}/answered/").status_code == 405


@pytest.mark.parametrize("published", [True, False])
def test_answered_for_an_unknown_or_unpublished_article_is_404(cast, published):
    article = make_article(published=published)
    slug = "bestaat-niet" if published else article.slug
    response = client_for(cast.employee.user).post(f"/knowledge/{slug}/answered/",
                                                   {"subject": "x"})
    assert response.status_code == 404
    assert not Deflection.objects.exists()


def test_staff_cannot_record_a_deflection(cast):
    article = make_article()
    response = client_for(cast.staff).post(f"/knowledge/{article.slug}/answered/")
    assert response.status_code == 403


def test_query_count_is_the_same_for_1_and_5_suggestions__R_X_3(cast):
    client = client_for(cast.submitter.user)
    make_article("Printer 0")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(URL, {"subject": "printer"})
        return len(queries)

    one = count()
    for number in range(1, 50):
        make_article(f"Printer {number}")
    assert count() == one
