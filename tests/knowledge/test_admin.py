"""Staff maintain the knowledge base in the admin; the Support group may edit articles and
sees how often each answered a question instead of an incident (R-INC-2)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from knowledge.actions import record_deflection
from knowledge.models import Article
from tests.conftest import client_for
from tests.knowledge.factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def support(cast):
    cast.staff.groups.add(Group.objects.get(name="Support"))
    return client_for(cast.staff)


def test_support_writes_an_article_through_the_admin(cast, support):
    category = make_category("Inloggen")
    response = support.post("/admin/knowledge/article/add/", {
        "title": "Tweestapsverificatie", "slug": "tweestapsverificatie",
        "category": category.pk, "language": "nl", "summary": "Zo stel je het in.",
        "body": "## Stappen\n\n1. Open je profiel", "is_published": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="tweestapsverificatie")
    assert article.is_published and article.updated_at is not None
    page = client_for(cast.employee.user).get("/knowledge/").content.decode()
    assert "Tweestapsverificatie" in page


def test_a_reserved_slug_is_refused(cast, support):
    response = support.post("/admin/knowledge/article/add/", {
        "title": "Suggest", "slug": "suggest", "category": make_category().pk,
        "language": "nl", "summary": "x", "body": "x"})
    assert response.status_code == 200
    assert not Article.objects.exists()


def test_the_list_shows_deflections_per_article__R_INC_2(cast, support):
    popular = make_article("Wachtwoord vergeten")
    make_article("Afdrukken")
    for contact in (cast.employee, cast.submitter, cast.viewer):
        record_deflection(contact=contact, article=popular, subject="Inloggen lukt niet")
    response = support.get("/admin/knowledge/article/?o=6")
    assert response.status_code == 200
    rows = {article.title: article.deflection_total
            for article in response.context["cl"].result_list}
    assert rows == {"Wachtwoord vergeten": 3, "Afdrukken": 0}
    deflections = support.get("/admin/knowledge/deflection/").content.decode()
    assert "Inloggen lukt niet" in deflections


def test_publish_and_withdraw_actions(cast, support):
    article = make_article(published=False)
    support.post("/admin/knowledge/article/", {"action": "publish",
                                               "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.is_published
    support.post("/admin/knowledge/article/", {"action": "withdraw",
                                               "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert not article.is_published


def test_partner_management_cannot_edit_articles(cast):
    cast.staff.groups.add(Group.objects.get(name="Partner management"))
    assert client_for(cast.staff).get("/admin/knowledge/article/").status_code == 403
