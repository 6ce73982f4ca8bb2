"""Joining an organisation needs the person's consent (R-X-6), the person's side: the
invitations page with accept and decline, the one-time display after login, and the
invitation link of a new person."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.roles import Role
from contacts import actions
from contacts.actions import ContactChanges
from contacts.models import Contact, Invitation, SubmissionProfile
from tests.conftest import client_for
from tests.factories import PASSWORD, make_organisation
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def invite(actor: Contact, email: str, *roles: Role) -> Invitation:
    return actions.invite_contact(
        actor=actor, email=email, first_name="Nina", last_name="Nieuw",
        changes=ContactChanges(roles=frozenset(roles or {Role.EMPLOYEE}),
                               submission_profile=SubmissionProfile.FINANCE))


@pytest.fixture
def invited(cast) -> Invitation:
    """Andere BV invites Demo BV's employee, who has a login already."""
    return invite(cast.other_administrator, "employee@test.example")


def test_it_requires_login(client, invited):
    assert client.get("/invitations/")["Location"].startswith("/accounts/login/")
    response = client.post(f"/invitations/{invited.pk}/accept/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Invitation.objects.get().is_pending


def test_the_person_sees_who_invited_them_and_accepts__R_X_6(cast, invited):
    client = client_for(cast.employee.user)
    page = client.get("/invitations/").content.decode()
    assert "Andere BV" in page and "admin@other.example" in page  # who invited: for consent
    assert f'action="/invitations/{invited.pk}/accept/"' in page
    response = client.post(f"/invitations/{invited.pk}/accept/")
    assert response.status_code == 302 and response["Location"] == "/"
    contact = Contact.objects.get(user=cast.employee.user, organisation=cast.other_organisation)
    assert contact.roles == {Role.EMPLOYEE} and contact.is_active
    # The organisation they worked in stays the active one, now and at the next login.
    assert "Demo BV" in client.get("/").content.decode()
    page = client_for(cast.employee.user).get("/", follow=True).content.decode()
    assert 'data-testid="roles"' in page and "Demo BV" in page.split('data-testid="roles"')[1]


def test_declining_leaves_the_person_out__R_X_6(cast, invited):
    client = client_for(cast.employee.user)
    response = client.post(f"/invitations/{invited.pk}/decline/")
    assert response.status_code == 302 and response["Location"] == "/invitations/"
    assert not Contact.objects.filter(organisation=cast.other_organisation,
                                      user=cast.employee.user).exists()
    assert 'data-testid="no-invitations"' in client.get("/invitations/").content.decode()
    assert client.post(f"/invitations/{invited.pk}/accept/").status_code == 404


def test_answers_are_post_only__R_X_6(cast, invited):
    client = client_for(cast.employee.user)
    assert client.get(f"/invitations/{invited.pk}/accept/").status_code == 405
    assert client.get(f"/invitations/{invited.pk}/decline/").status_code == 405
    assert Invitation.objects.get().is_pending


def test_another_persons_invitation_answers_404__R_X_6_R_ROLE_14(cast, invited):
    """Forged ids: someone else's invitation, a missing one, nonsense."""
    for who in (cast.administrator, cast.other_administrator, cast.viewer):
        client = client_for(who.user)
        assert client.post(f"/invitations/{invited.pk}/accept/").status_code == 404
        assert client.post(f"/invitations/{invited.pk}/decline/").status_code == 404
        assert 'data-testid="my-invitation"' not in client.get("/invitations/").content.decode()
    client = client_for(cast.employee.user)
    assert client.post("/invitations/999999/accept/").status_code == 404
    assert client.post("/invitations/abc/accept/").status_code == 404
    assert Invitation.objects.get().is_pending
    assert not Contact.objects.filter(organisation=cast.other_organisation,
                                      user__in=[cast.administrator.user,
                                                cast.viewer.user]).exists()


def test_a_withdrawn_invitation_is_gone_for_the_person__R_X_6(cast, invited):
    actions.withdraw_invitation(actor=cast.other_administrator, invitation=invited)
    client = client_for(cast.employee.user)
    assert client.post(f"/invitations/{invited.pk}/accept/").status_code == 404
    assert not Contact.objects.filter(organisation=cast.other_organisation,
                                      user=cast.employee.user).exists()


def test_pending_invitations_are_shown_once_after_login__R_X_6(cast, invited):
    client = Client()
    response = client.post("/accounts/login/", {"login": "employee@test.example",
                                                "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/invitations/"
    assert "Andere BV" in response.content.decode()
    # Once: the dashboard opens normally afterwards, also at the next login.
    assert client.get("/").status_code == 200
    again = Client()
    again.post("/accounts/login/", {"login": "employee@test.example", "password": PASSWORD})
    assert again.get("/").status_code == 200
    # A new invitation is shown again.
    invite(make_organisation("Derde BV").contacts.create(
        user=cast.administrator.user, is_administrator=True), "employee@test.example")
    assert client.get("/")["Location"] == "/invitations/"


def test_someone_without_any_organisation_is_shown_the_invitation__R_X_6(cast):
    invitation = invite(cast.administrator, "admin@other.example")
    Contact.objects.filter(pk=cast.other_administrator.pk).update(is_active=False)  # left
    client = client_for(cast.other_administrator.user)
    assert client.get("/")["Location"] == "/invitations/"
    response = client.post(f"/invitations/{invitation.pk}/accept/")
    assert response["Location"] == "/"
    assert "Demo BV" in client.get("/").content.decode()


def test_the_invitations_page_query_count_is_the_same_for_1_and_50__R_X_3(cast):
    client = client_for(cast.employee.user)

    def count() -> int:
        return queries_of(client, "/invitations/")

    invite(cast.other_administrator, "employee@test.example")
    one = count()
    for number in range(49):
        organisation = make_organisation(f"Klant {number:02d} BV")
        Invitation.objects.create(organisation=organisation, user=cast.employee.user,
                                  email="employee@test.example", is_employee=True,
                                  invited_by=cast.other_administrator)
    assert count() == one
    assert client.get("/invitations/").content.decode().count('data-testid="my-invitation"') == 50


# The link of a new person -------------------------------------------------------------------


def _link(body: str) -> str:
    found = re.search(r"http://127\.0\.0\.1:8000(/invitation/\S+)", body)
    assert found, body
    return found.group(1)


def test_a_new_person_joins_by_choosing_a_password__R_X_6(
        cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(cast.administrator, "nina@test.example", Role.EMPLOYEE)
    link = _link(mail.outbox[0].body)
    client = Client()
    page = client.get(link).content.decode()
    assert 'data-testid="joins"' in page and "Demo BV" in page
    client.post(link, {"new_password1": "Een-nieuw-wachtwoord-9",
                       "new_password2": "Een-nieuw-wachtwoord-9"})
    contact = Contact.objects.get(user=invitation.user)
    assert contact.organisation == cast.organisation and contact.roles == {Role.EMPLOYEE}
    assert client.get("/").status_code == 200


def test_a_link_joins_only_the_organisation_whose_email_it_came_in__R_X_6(
        cast, django_capture_on_commit_callbacks):
    """Two organisations invited the same new address before it had a password."""
    with django_capture_on_commit_callbacks(execute=True):
        invite(cast.administrator, "nina@test.example")
        second = invite(cast.other_administrator, "nina@test.example")
    _demo_mail, andere_mail = mail.outbox
    assert "Andere BV" in andere_mail.subject
    client = Client()
    client.post(_link(andere_mail.body), {"new_password1": "Een-nieuw-wachtwoord-9",
                                          "new_password2": "Een-nieuw-wachtwoord-9"})
    user = second.user
    assert [c.organisation for c in Contact.objects.filter(user=user)] == \
        [cast.other_organisation]
    assert Invitation.objects.get(user=user).organisation == cast.organisation  # still asks
    assert client.get("/")["Location"] == "/invitations/"


def test_a_forged_invitation_id_in_the_link_joins_nothing__R_X_6(
        cast, django_capture_on_commit_callbacks):
    theirs = invite(cast.other_administrator, "admin@test.example")  # another person's
    with django_capture_on_commit_callbacks(execute=True):
        invite(cast.administrator, "nina@test.example")
    link = _link(mail.outbox[0].body).split("?")[0]
    client = Client()
    for forged in (f"?invitation={theirs.pk}", "?invitation=abc", "?invitation="):
        assert client.get(link + forged).status_code == 200
    client.post(link + f"?invitation={theirs.pk}", {"new_password1": "Een-nieuw-wachtwoord-9",
                                                    "new_password2": "Een-nieuw-wachtwoord-9"})
    assert not Contact.objects.filter(user__email="nina@test.example").exists()
    assert Invitation.objects.get(pk=theirs.pk).is_pending
