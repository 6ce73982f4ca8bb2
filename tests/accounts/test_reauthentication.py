"""Reauthentication before sensitive changes (R-X-7): a contact's roles and flags,
deactivating, reactivating and deleting a contact, second factors and email addresses ask for
the password again unless the session confirmed it recently (allauth's
``reauthentication_required``, ``ACCOUNT_REAUTHENTICATION_TIMEOUT``). Looking stays free.

What the user sent survives: allauth keeps the POST in the session and, once the password is
confirmed, carries it out; a refused change shows the form again with what was typed."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import override_settings

from tests.conftest import client_for
from tests.factories import PASSWORD, give_totp, pass_second_factor, record_in_session

pytestmark = pytest.mark.django_db

REAUTHENTICATE = "/accounts/reauthenticate/"


def stale(contact):
    """Logged in a while ago: the password was not confirmed within the window."""
    return client_for(contact.user, reauthenticated=False)


def reauthentication_url(path: str) -> str:
    return f"{REAUTHENTICATE}?next={path.replace('/', '%2F')}"


def test_a_role_change_asks_a_stale_session_for_the_password_and_then_saves__R_X_7(cast):
    client = stale(cast.administrator)
    url = f"/contacts/{cast.no_role.pk}/"
    response = client.post(url, {"roles": ["employee"], "job_title": "Controller"})
    assert response.status_code == 302 and response["Location"] == reauthentication_url(url)
    cast.no_role.refresh_from_db()
    assert not cast.no_role.is_employee
    # A wrong password changes nothing (and is no 500).
    assert client.post(response["Location"], {"password": "wrong"}).status_code == 200
    cast.no_role.refresh_from_db()
    assert not cast.no_role.is_employee
    # The right one carries out what was sent, then the page as after any save.
    done = client.post(response["Location"], {"password": PASSWORD})
    assert done.status_code == 302 and done["Location"] == url
    cast.no_role.refresh_from_db()
    assert cast.no_role.is_employee and cast.no_role.job_title == "Controller"
    # Within the window the next change needs no password.
    assert client.post(url, {"roles": [], "job_title": ""})["Location"] == url


def test_a_refused_change_after_reauthentication_keeps_what_was_typed__R_X_7(cast):
    client = stale(cast.administrator)
    url = f"/contacts/{cast.administrator.pk}/"
    response = client.post(url, {"roles": ["employee"], "job_title": "Eigenaar"})
    page = client.post(response["Location"], {"password": PASSWORD})
    assert page.status_code == 200
    html = page.content.decode()
    assert "minstens één actieve beheerder" in html and 'value="Eigenaar"' in html
    cast.administrator.refresh_from_db()
    assert cast.administrator.is_administrator


def test_a_fresh_session_changes_roles_at_once__R_X_7(cast):
    url = f"/contacts/{cast.no_role.pk}/"
    response = client_for(cast.administrator.user).post(url, {"roles": ["employee"]})
    assert response["Location"] == url
    cast.no_role.refresh_from_db()
    assert cast.no_role.is_employee


@override_settings(ACCOUNT_REAUTHENTICATION_TIMEOUT=60)
def test_the_window_closes__R_X_7(cast):
    client = stale(cast.administrator)
    record_in_session(client, cast.administrator.user, "password", reauthenticated=True)
    session = client.session
    for record in session["account_authentication_methods"]:
        record["at"] -= 61
    session.save()
    url = f"/contacts/{cast.no_role.pk}/"
    assert client.post(url, {"roles": ["employee"]})["Location"] == reauthentication_url(url)


@pytest.mark.parametrize(("path", "data"), [
    ("/contacts/{pk}/active/", {"active": "0"}),
    ("/contacts/{pk}/active/", {"active": "1"}),
    ("/contacts/{pk}/delete/", {}),
])
def test_deactivating_reactivating_and_deleting_ask_too__R_X_7(cast, path, data):
    url = path.format(pk=cast.employee.pk)
    response = stale(cast.administrator).post(url, data)
    assert response.status_code == 302 and response["Location"] == reauthentication_url(url)
    cast.employee.refresh_from_db()
    assert cast.employee.is_active and cast.employee.removed_at is None


def test_deleting_goes_on_after_the_password__R_X_7(cast):
    client = stale(cast.administrator)
    url = f"/contacts/{cast.employee.pk}/delete/"
    response = client.post(url)
    assert client.post(response["Location"], {"password": PASSWORD})["Location"] == "/contacts/"
    cast.employee.refresh_from_db()
    assert cast.employee.removed_at is not None


def test_looking_stays_free__R_X_7(cast):
    client = stale(cast.administrator)
    assert client.get(f"/contacts/{cast.employee.pk}/").status_code == 200
    assert client.get(f"/contacts/{cast.employee.pk}/delete/").status_code == 200
    assert client.get("/contacts/").status_code == 200


def test_who_may_not_change_roles_gets_403_not_a_password_prompt__R_X_7(cast):
    response = stale(cast.employee).post(f"/contacts/{cast.no_role.pk}/", {"roles": ["employee"]})
    assert response.status_code == 403


def test_email_changes_ask_for_the_password__R_X_7(cast):
    data = {"action_add": "", "email": "nieuw-adres@test.example"}
    response = stale(cast.employee).post("/accounts/email/", data)
    assert response.status_code == 302 and response["Location"].startswith(REAUTHENTICATE)
    assert not EmailAddress.objects.filter(email="nieuw-adres@test.example").exists()
    client_for(cast.employee.user).post("/accounts/email/", data)
    assert EmailAddress.objects.filter(email="nieuw-adres@test.example").exists()


def test_second_factor_changes_ask_for_the_password__R_X_7(cast):
    client = stale(cast.employee)
    assert client.get("/accounts/2fa/totp/activate/")["Location"].startswith(REAUTHENTICATE)
    give_totp(cast.employee.user)
    pass_second_factor(client, cast.employee.user)
    response = client.post("/accounts/2fa/totp/deactivate/")
    # With an app, allauth offers the code or the password; the password comes first.
    assert response["Location"].startswith(REAUTHENTICATE)
    assert Authenticator.objects.filter(user=cast.employee.user).exists()
