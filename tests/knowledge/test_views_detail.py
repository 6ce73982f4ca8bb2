"""/knowledge/<slug>/: one article, its Markdown rendered and sanitized (R-INC-2, R-X-2)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge.models import ArticleLanguage
from tests.conftest import client_for
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db


def test_it_requires_login(client):
    article = make_article()
    response = client.get(f"/knowledge/{article.slug}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_renders_the_markdown(cast):
    article = make_article("Wachtwoord", body="## Stappen\n\n1. **Open** de pagina\n2. Kies")
    page = client_for(cast.no_role.user).get(f"/knowledge/{article.slug}/").content.decode()
    assert "<h2>Stappen</h2>" in page
    assert "<li><strong>Open</strong> de pagina</li>" in page
    assert '<h1 class="h2 mb-1">Wachtwoord</h1>' in page


def test_it_removes_scripts_and_dangerous_links_from_the_text__R_X_2(cast):
    article = make_article(body=(
        "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "[klik](javascript:alert(1)) [goed](https://example.com)\n\n<b style='x'>vet</b>"))
    page = client_for(cast.employee.user).get(f"/knowledge/{article.slug}/").content.decode()
    body = page.split('data-testid="article-body">')[1].split("</div>")[0]
    assert "<script" not in body and "onerror" not in body and "javascript:" not in body
    assert "style=" not in body
    assert 'href="https://example.com" rel="noopener noreferrer"' in body


def test_an_article_in_another_language_is_readable_by_link(cast):
    article = make_article("Printing", language=ArticleLanguage.ENGLISH)
    assert client_for(cast.employee.user).get(f"/knowledge/{article.slug}/").status_code == 200


@pytest.mark.parametrize("slug", ["bestaat-niet", "x" * 300, "suggest-me"])
def test_an_unknown_slug_is_404(cast, slug):
    make_article()
    assert client_for(cast.employee.user).get(f"/knowledge/{slug}/").status_code == 404


def test_an_unpublished_article_is_404(cast):
    article = make_article(published=False)
    assert client_for(cast.employee.user).get(f"/knowledge/{article.slug}/").status_code == 404


def test_from_a_suggestion_it_offers_this_answers_my_question__R_INC_2(cast):
    article = make_article()
    client = client_for(cast.submitter.user)
    plain = client.get(f"/knowledge/{article.slug}/").content.decode()
    assert 'data-testid="answered"' not in plain
    page = client.get(f"/knowledge/{article.slug}/", {"subject": "Inloggen <lukt> niet"}
                      ).content.decode()
    assert f'action="/knowledge/{article.slug}/answered/"' in page
    assert 'value="Inloggen &lt;lukt&gt; niet"' in page


def test_query_count_is_fixed(cast):
    article = make_article()
    client = client_for(cast.employee.user)
    with CaptureQueriesContext(connection) as first:
        client.get(f"/knowledge/{article.slug}/")
    with CaptureQueriesContext(connection) as second:
        client.get(f"/knowledge/{article.slug}/", {"subject": "iets"})
    assert len(first) == len(second) <= 6
