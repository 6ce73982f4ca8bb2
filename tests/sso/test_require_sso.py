"""R-SSO-1: an organisation that requires single sign-on refuses its contacts' passwords
(login and reset), staff excepted; strict for a person of several organisations."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from sso.models import SingleSignOn
from tests.factories import PASSWORD, make_contact, make_user
from tests.sso.conftest import set_up_sso

pytestmark = pytest.mark.django_db

ISSUER = "https://idp.test.example"
RESET = "/accounts/password/reset/"
LINK = re.compile(r"http://testserver(/accounts/password/reset/key/\S+)")


def login(client: Client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


@pytest.fixture
def required(cast) -> SingleSignOn:
    return set_up_sso(cast.organisation, issuer=ISSUER, require_sso=True)


def test_a_password_login_is_refused_when_the_organisation_requires_sso__R_SSO_1(
        cast, required):
    client = Client()
    response = login(client, "employee@test.example")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Demo BV" in page and "organisatie" in page
    assert 'value="employee@test.example"' in page  # what was typed stays
    assert client.get("/").status_code == 302


def test_a_wrong_password_still_says_only_that_it_is_wrong__R_SSO_1(cast, required):
    page = login(Client(), "employee@test.example", "wrong-password").content.decode()
    assert "wachtwoord is niet correct" in page and "Demo BV" not in page


def test_other_organisations_and_a_switched_off_provider_keep_passwords__R_SSO_1(
        cast, required):
    assert login(Client(), "admin@other.example").status_code == 302
    SingleSignOn.objects.filter(pk=required.pk).update(is_enabled=False)
    assert login(Client(), "employee@test.example").status_code == 302


def test_a_contact_of_several_organisations_is_refused_if_one_requires_it__R_SSO_1(
        cast, required):
    """Strict: the password would open the organisation that requires single sign-on as
    well (the active organisation is chosen after login)."""
    make_contact(cast.organisation, user=cast.other_administrator.user)
    assert login(Client(), "admin@other.example").status_code == 200


def test_staff_are_excepted__R_SSO_1(cast, required):
    staff = make_user("helpdesk@test.example", is_staff=True)
    make_contact(cast.organisation, user=staff)
    response = login(Client(), "helpdesk@test.example")
    assert response.status_code == 302  # on to the second factor, never refused


def test_a_password_reset_sends_the_way_to_the_provider_instead__R_SSO_1(
        cast, required, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(RESET, {"email": "employee@test.example"})
    assert response.status_code == 302  # the same answer as for any address
    assert len(mail.outbox) == 1
    assert not LINK.search(mail.outbox[0].body)
    assert "/sso/login/" in mail.outbox[0].body and "Demo BV" in mail.outbox[0].body


def test_a_reset_link_sent_before_sso_was_required_sets_no_password__R_SSO_1(
        cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(RESET, {"email": "employee@test.example"})
    link = LINK.search(mail.outbox[0].body).group(1)
    set_up_sso(cast.organisation, issuer=ISSUER, require_sso=True)
    client = Client()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    response = client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                           {"password1": "A-new-long-password-9", "password2":
                            "A-new-long-password-9"})
    assert response.status_code == 200 and "Demo BV" in response.content.decode()
    cast.employee.user.refresh_from_db()
    assert cast.employee.user.check_password(PASSWORD)


def test_an_invited_person_of_such_an_organisation_joins_but_is_sent_to_the_provider__R_SSO_1(
        cast, required, django_capture_on_commit_callbacks):
    """The invitation's choose-password link still means consent (R-X-6), but it logs no
    one in with a password: the person continues at the organisation's provider."""
    from accounts.roles import Role
    from contacts.models import Contact
    from tests.accounts.test_views_invitations import _link, invite

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(cast.administrator, "nina@test.example", Role.EMPLOYEE)
    link = _link(mail.outbox[0].body)
    client = Client()
    response = client.post(link, {"new_password1": "Een-nieuw-wachtwoord-9",
                                  "new_password2": "Een-nieuw-wachtwoord-9"})
    assert response.status_code == 302 and response["Location"] == "/sso/login/"
    assert Contact.objects.get(user=invitation.user).organisation == cast.organisation
    assert client.get("/").status_code == 302  # not logged in
