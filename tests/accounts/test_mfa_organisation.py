"""Organisations can require a second factor of their contacts (R-X-7): only their
administrators switch it, on /organisation/ (audited), and switching it on sends everyone,
the administrator too, to enrolment instead of locking them out."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from auditlog.models import LogEntry
from django.test import Client

from accounts.mfa import current_totp_code
from accounts.roles import Role
from tests.conftest import client_for
from tests.factories import give_totp, make_contact, pass_second_factor, totp_code

pytestmark = pytest.mark.django_db

ENROL = "/accounts/2fa/totp/activate/"


def organisation_form(organisation, **changes) -> dict:
    data = {"name": organisation.name, "street": organisation.street,
            "postal_code": organisation.postal_code, "city": organisation.city,
            "country": organisation.country, "phone": organisation.phone,
            "email": organisation.email, "invoice_contact": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not False}


def require_mfa(organisation) -> None:
    organisation.require_mfa = True
    organisation.save(update_fields=["require_mfa"])


def test_it_is_off_by_default(cast):
    assert not cast.organisation.require_mfa
    assert client_for(cast.employee.user).get("/").status_code == 200


@pytest.mark.parametrize("who", ["administrator", "employee", "submitter", "viewer", "no_role",
                                 "expert"])
def test_it_sends_every_contact_to_enrolment__R_X_7(cast, who):
    require_mfa(cast.organisation)
    client = client_for(getattr(cast, who).user)
    for url in ("/", "/profile/", "/support/", "/courses/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == ENROL, url


def test_a_live_block_reloads_the_page_instead_of_showing_enrolment_in_it__R_X_7(cast):
    require_mfa(cast.organisation)
    response = client_for(cast.employee.user).get("/knowledge/suggest/?subject=factuur",
                                                  HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Refresh"] == "true"


def test_another_organisations_contacts_are_unaffected__R_X_7(cast):
    require_mfa(cast.organisation)
    for contact in (cast.other_administrator, cast.partner):
        client = client_for(contact.user)
        assert client.get("/").status_code == 200
        assert client.get("/organisation/").status_code == 200


def test_the_way_to_enrolment_stays_open__R_X_7(cast):
    require_mfa(cast.organisation)
    client = client_for(cast.employee.user)
    assert client.get("/healthz").status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200
    assert client.get(ENROL).status_code == 200  # the password was just confirmed
    assert client.post("/language/", {"language": "en", "next": ENROL})["Location"] == ENROL
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302 and "_auth_user_id" not in client.session


def test_a_contact_with_an_app_is_asked_for_its_code__R_X_7(cast):
    require_mfa(cast.organisation)
    give_totp(cast.employee.user)
    client = client_for(cast.employee.user)
    response = client.get("/courses/")
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fcourses%2F"
    assert client.post(response["Location"], {"code": totp_code()})["Location"] == "/courses/"
    assert client.get("/courses/").status_code == 200


def test_a_consultant_is_asked_only_where_it_is_required__R_X_7(cast):
    """The requirement follows the active organisation; the switcher stays open."""
    consultant = make_contact(cast.other_organisation, Role.EMPLOYEE, email="c@test.example")
    make_contact(cast.organisation, Role.EMPLOYEE, user=consultant.user)
    require_mfa(cast.organisation)
    client = client_for(consultant.user)
    client.post("/organisation/switch/", {"organisation": cast.organisation.pk}, follow=True)
    assert client.get("/")["Location"] == ENROL
    client.post("/organisation/switch/", {"organisation": cast.other_organisation.pk},
                follow=True)
    assert client.get("/").status_code == 200


def test_only_the_organisations_administrators_switch_it__R_X_7(cast):
    form = organisation_form(cast.organisation, require_mfa="on")
    for who in ("employee", "submitter", "viewer", "no_role", "expert"):
        response = client_for(getattr(cast, who).user).post("/organisation/", form)
        assert response.status_code == 403, who
    # Another organisation's administrator only ever changes their own organisation.
    client_for(cast.other_administrator.user).post(
        "/organisation/", organisation_form(cast.other_organisation, require_mfa="on"))
    cast.organisation.refresh_from_db()
    assert not cast.organisation.require_mfa
    cast.other_organisation.refresh_from_db()
    assert cast.other_organisation.require_mfa

    page = client_for(cast.administrator.user).get("/organisation/").content.decode()
    assert 'name="require_mfa"' in page
    response = client_for(cast.administrator.user).post("/organisation/", form)
    assert response.status_code == 302
    cast.organisation.refresh_from_db()
    assert cast.organisation.require_mfa
    entry = LogEntry.objects.get_for_object(cast.organisation).latest("timestamp")
    assert "require_mfa" in entry.changes_dict
    assert entry.actor == cast.administrator.user


def test_switching_it_on_does_not_lock_the_administrator_out__R_X_7(cast):
    client = client_for(cast.administrator.user)
    client.post("/organisation/", organisation_form(cast.organisation, require_mfa="on"))
    assert client.get("/organisation/")["Location"] == ENROL
    assert client.get(ENROL).status_code == 200  # the password was just confirmed
    secret = client.session["mfa.totp.secret"]
    response = client.post(ENROL, {"code": current_totp_code(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=cast.administrator.user).count() == 2  # + codes
    pass_second_factor(client, cast.administrator.user)  # allauth's record, after commit
    assert client.get("/second-factor/continue/")["Location"] == "/organisation/"
    assert client.get("/organisation/").status_code == 200
    # And switching it off again works like any other detail.
    response = client.post("/organisation/", organisation_form(cast.organisation))
    cast.organisation.refresh_from_db()
    assert response.status_code == 302 and not cast.organisation.require_mfa


def test_contacts_of_an_organisation_that_requires_it_keep_their_app__R_X_7(cast):
    give_totp(cast.employee.user)
    give_totp(cast.other_administrator.user)
    require_mfa(cast.organisation)
    client = client_for(cast.employee.user)
    pass_second_factor(client, cast.employee.user)
    assert client.post("/accounts/2fa/totp/deactivate/").status_code == 200  # refused
    assert Authenticator.objects.filter(user=cast.employee.user).exists()
    # Where nothing requires it, the app can go.
    other = client_for(cast.other_administrator.user)
    assert other.post("/accounts/2fa/totp/deactivate/").status_code == 302
    assert not Authenticator.objects.filter(user=cast.other_administrator.user).exists()


def test_an_invited_contact_enrols_after_choosing_a_password__R_X_7(cast):
    """A login that skips allauth (the invitation link) meets the same rule."""
    require_mfa(cast.organisation)
    client = Client()
    client.force_login(cast.no_role.user)
    assert client.get("/")["Location"] == ENROL
