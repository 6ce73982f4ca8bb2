"""/updates/unsubscribe/<token>/: the link in a release email switches the preference off
without logging in; GET asks, POST does it (R-UPD-4, R-X-2)."""

from __future__ import annotations

import pytest
from django.test import Client

from updates.news import unsubscribe_token

pytestmark = pytest.mark.django_db


def _url(contact, purpose: str = "release_news") -> str:
    return f"/updates/unsubscribe/{unsubscribe_token(contact_id=contact.pk, purpose=purpose)}/"


def test_get_asks_and_changes_nothing__R_UPD_4(cast):
    cast.employee.release_news = True
    cast.employee.save()
    response = Client().get(_url(cast.employee))
    assert response.status_code == 200
    assert 'data-testid="unsubscribe-question"' in response.content.decode()
    cast.employee.refresh_from_db()
    assert cast.employee.release_news is True  # a mail scanner fetching the link changes nothing


def test_post_unsubscribes_and_redirects_to_the_confirmation__R_UPD_4(cast):
    cast.employee.release_news = cast.employee.application_management = True
    cast.employee.save()
    client = Client(enforce_csrf_checks=True)  # one-click unsubscribe from a mail client
    response = client.post(_url(cast.employee))
    assert response.status_code == 302 and response["Location"] == _url(cast.employee)
    cast.employee.refresh_from_db()
    assert cast.employee.release_news is False
    assert cast.employee.application_management is True  # only what the email was for
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="unsubscribed"' in page


def test_the_application_management_link_switches_that_off__R_UPD_4(cast):
    cast.employee.application_management = True
    cast.employee.save()
    Client().post(_url(cast.employee, "application_management"))
    cast.employee.refresh_from_db()
    assert cast.employee.application_management is False


def test_it_speaks_the_contacts_language__R_X_1(cast):
    cast.employee.language, cast.employee.release_news = "en", True
    cast.employee.save()
    page = Client().get(_url(cast.employee)).content.decode()
    assert "Yes, unsubscribe me" in page


@pytest.mark.parametrize("token", ["nonsense", "eyJjb250YWN0IjoxfQ:1abc:def"])
def test_a_bad_or_altered_link_is_400_and_changes_nothing__R_X_2(cast, token):
    cast.employee.release_news = True
    cast.employee.save()
    for method in ("get", "post"):
        response = getattr(Client(), method)(f"/updates/unsubscribe/{token}/")
        assert response.status_code == 400
    cast.employee.refresh_from_db()
    assert cast.employee.release_news is True


def test_a_link_for_another_purpose_or_a_deleted_contact_is_400(cast):
    from django.core import signing

    forged = signing.dumps({"contact": cast.employee.pk, "purpose": "is_administrator"},
                           salt="updates.unsubscribe")
    assert Client().get(f"/updates/unsubscribe/{forged}/").status_code == 400
    url = _url(cast.viewer)
    cast.viewer.delete()
    assert Client().get(url).status_code == 400
