"""The active organisation at login is the last one used (R-X-6), stored per contact; a
person with several organisations who used none yet is asked once which one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.actions import remember_organisation
from accounts.roles import Role
from contacts.models import Contact
from tests.conftest import client_for
from tests.factories import PASSWORD, make_contact, make_organisation

pytestmark = pytest.mark.django_db


def log_in(email: str) -> Client:
    """A real login through allauth's form (a new session, as on another day)."""
    client = Client()
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def working_in(client: Client) -> str:
    page = client.get("/").content.decode()
    assert 'data-testid="roles"' in page, page[:2000]
    return page.split('data-testid="roles"')[1].split("</p>")[0]


@pytest.fixture
def consultant(cast) -> Contact:
    """The employee of Demo BV is also an employee of Andere BV (alphabetically first)."""
    return make_contact(cast.other_organisation, Role.EMPLOYEE, user=cast.employee.user)


def test_a_person_with_several_organisations_is_asked_once__R_X_6(cast, consultant):
    client = log_in("employee@test.example")
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/organisation/choose/?next=%2F"
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="choose-organisation"' in page
    assert "Demo BV" in page and "Andere BV" in page and " checked" not in page  # no default
    chosen = client.post("/organisation/choose/", {"organisation": cast.organisation.pk,
                                                   "next": "/"})
    assert chosen["Location"] == "/"
    assert "Demo BV" in working_in(client)
    # Never again: the next login opens the organisation chosen.
    assert "Demo BV" in working_in(log_in("employee@test.example"))


def test_every_organisation_page_waits_for_the_choice__R_X_6(cast, consultant):
    client = log_in("employee@test.example")
    for url in ("/organisation/", "/profile/", "/courses/", "/support/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/organisation/choose/?next="), url
    # Pages that need no organisation still open.
    assert client.get("/invitations/").status_code == 200
    assert client.get("/partners/").status_code == 200
    assert not Contact.objects.filter(user=cast.employee.user,
                                      last_used_at__isnull=False).exists()


def test_the_chooser_goes_on_to_the_page_asked_for__R_X_6(cast, consultant):
    client = log_in("employee@test.example")
    asked = client.get("/organisation/")["Location"]
    page = client.get(asked).content.decode()
    assert 'name="next" value="/organisation/"' in page
    response = client.post("/organisation/choose/", {"organisation": cast.other_organisation.pk,
                                                      "next": "/organisation/"})
    assert response["Location"] == "/organisation/"
    assert "Andere BV" in client.get("/organisation/").content.decode()


def test_the_header_switcher_also_chooses__R_X_6(cast, consultant):
    client = log_in("employee@test.example")
    response = client.post("/organisation/switch/", {"organisation": cast.other_organisation.pk,
                                                     "next": "/"})
    assert response.status_code == 307 and response["Location"] == "/organisation/choose/"
    followed = client.post("/organisation/switch/", {"organisation": cast.other_organisation.pk,
                                                     "next": "/"}, follow=True)
    assert followed.status_code == 200
    assert "Andere BV" in working_in(client)


def test_the_last_used_organisation_is_active_at_the_next_login__R_X_6(cast, consultant):
    remember_organisation(contact=cast.employee, now=timezone.now() - dt.timedelta(days=1))
    client = log_in("employee@test.example")
    assert "Demo BV" in working_in(client)  # not Andere BV, alphabetically first
    client.post("/organisation/switch/", {"organisation": cast.other_organisation.pk})
    assert "Andere BV" in working_in(client)
    # Working in Andere BV made it the last used: the next login opens it.
    assert "Andere BV" in working_in(log_in("employee@test.example"))
    client.post("/organisation/switch/", {"organisation": cast.organisation.pk})
    client.get("/")
    assert "Demo BV" in working_in(log_in("employee@test.example"))


def test_without_a_valid_session_organisation_the_last_used_one_is_active__R_X_6(
        cast, consultant):
    third = make_contact(make_organisation("Cooperatie BV"), Role.EMPLOYEE,
                         user=cast.employee.user)
    remember_organisation(contact=consultant, now=timezone.now() - dt.timedelta(days=2))
    remember_organisation(contact=third, now=timezone.now() - dt.timedelta(days=1))
    client = client_for(cast.employee.user)
    client.post("/organisation/switch/", {"organisation": cast.organisation.pk})
    assert "Demo BV" in working_in(client)
    # Demo BV deactivates them: the session's organisation is no longer valid.
    Contact.objects.filter(pk=cast.employee.pk).update(is_active=False)
    assert "Cooperatie BV" in working_in(client)  # the last used of the remaining ones


def test_one_organisation_needs_no_choice(cast):
    assert "Demo BV" in working_in(log_in("employee@test.example"))
    assert client_for(cast.employee.user).get("/organisation/choose/").status_code == 200


def test_choosing_another_persons_organisation_answers_404__R_X_6_R_ROLE_14(cast, consultant):
    client = log_in("employee@test.example")
    for value in (cast.partner_organisation.pk, "", "abc", "999999"):
        assert client.post("/organisation/choose/", {"organisation": value}).status_code == 404
    assert not Contact.objects.filter(user=cast.employee.user,
                                      last_used_at__isnull=False).exists()


def test_the_chooser_refuses_an_offsite_next(cast, consultant):
    client = log_in("employee@test.example")
    response = client.post("/organisation/choose/", {"organisation": cast.organisation.pk,
                                                     "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_working_in_the_last_used_organisation_writes_nothing__R_X_3(cast, consultant):
    client = client_for(cast.employee.user)
    client.post("/organisation/choose/", {"organisation": cast.organisation.pk})
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/organisation/")
    assert not [q for q in queries if q["sql"].startswith("UPDATE \"contacts_contact\"")]
