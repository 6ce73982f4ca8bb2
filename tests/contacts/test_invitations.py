"""Joining an organisation needs the person's consent (R-X-6), the organisation's side: an
invitation is no contact, the inviter sees the address typed and the state only (the same
answer for existing and unknown addresses), a submitter invitation reserves a seat, and
administrators resend and withdraw."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import CapabilityDenied
from accounts.roles import Role
from contacts import actions
from contacts.actions import ContactChanges
from contacts.models import Contact, Invitation, SubmissionProfile
from contacts.queries import active_contacts_of, administrators_of, contacts_of
from contacts.seats import over_maximum, seat_status
from tests.conftest import client_for
from tests.factories import make_contact
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

FORM = {"first_name": "Nina", "last_name": "Nieuw", "job_title": "Controller",
        "roles": ["employee"], "submission_profile": "finance"}


def changes(*roles: Role) -> ContactChanges:
    return ContactChanges(roles=frozenset(roles), submission_profile=SubmissionProfile.FINANCE)


def invite(actor: Contact, email: str, *roles: Role) -> Invitation:
    return actions.invite_contact(actor=actor, email=email, first_name="Nina",
                                  last_name="Nieuw", changes=changes(*roles))


@pytest.fixture
def named(cast):
    """Demo BV's administrator has a real name, which Andere BV must never learn."""
    user = cast.administrator.user
    user.first_name, user.last_name = "Quirijn", "Quist"
    user.save()
    return cast


# Consent ----------------------------------------------------------------------------------


def test_an_existing_user_is_no_contact_until_they_accept__R_X_6(named):
    invitation = invite(named.other_administrator, "admin@test.example", Role.ADMINISTRATOR)
    user = named.administrator.user
    assert invitation.user == user and not invitation.created_user
    assert not Contact.objects.filter(user=user, organisation=named.other_organisation).exists()
    assert [c.organisation for c in active_contacts_of(user)] == [named.organisation]
    assert named.other_organisation not in {c.organisation for c in
                                            Contact.objects.filter(user=user)}
    assert user not in {c.user for c in contacts_of(named.other_organisation)}
    assert user not in {c.user for c in administrators_of(named.other_organisation)}
    contact = actions.join_organisation(user=user, invitation=invitation)
    assert contact.organisation == named.other_organisation and contact.is_active
    assert contact.roles == {Role.ADMINISTRATOR}
    assert not Invitation.objects.exists()
    assert {c.organisation for c in active_contacts_of(user)} == {named.organisation,
                                                                  named.other_organisation}


def test_accepting_is_audited_with_the_person_as_actor__R_X_6_R_ROLE_17(named):
    from auditlog.models import LogEntry

    invitation = invite(named.other_administrator, "admin@test.example", Role.EMPLOYEE)
    contact = actions.join_organisation(user=named.administrator.user, invitation=invitation)
    entry = LogEntry.objects.get_for_object(contact).get()
    assert entry.actor == named.administrator.user
    invited = LogEntry.objects.get_for_object(invitation).order_by("timestamp").first()
    assert invited.actor == named.other_administrator.user


def test_declining_leaves_no_membership_and_shows_only_declined__R_X_6(named):
    invitation = invite(named.other_administrator, "admin@test.example", Role.EMPLOYEE)
    actions.decline_invitation(user=named.administrator.user, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.declined_at is not None
    assert not Contact.objects.filter(organisation=named.other_organisation,
                                      user=named.administrator.user).exists()
    client = client_for(named.other_administrator.user)
    page = client.get(f"/contacts/invitations/{invitation.pk}/").content.decode()
    state = page.split('data-testid="invitation-state">')[1].split("<")[0]
    assert state in ("Declined", "Afgewezen")
    with pytest.raises(actions.InvitationAnswered):
        actions.join_organisation(user=named.administrator.user, invitation=invitation)


def test_only_the_invited_person_answers__R_X_6(named):
    invitation = invite(named.other_administrator, "admin@test.example", Role.EMPLOYEE)
    from django.core.exceptions import PermissionDenied

    for answer in (actions.join_organisation, actions.decline_invitation):
        with pytest.raises(PermissionDenied):
            answer(user=named.employee.user, invitation=invitation)
    assert Invitation.objects.get().is_pending


def test_inviting_again_after_a_decline_replaces_it__R_X_6(named):
    first = invite(named.other_administrator, "admin@test.example", Role.EMPLOYEE)
    actions.decline_invitation(user=named.administrator.user, invitation=first)
    again = invite(named.other_administrator, "admin@test.example", Role.VIEW_INCIDENTS)
    assert list(Invitation.objects.all()) == [again] and again.is_pending


def test_only_administrators_invite__R_ROLE_8(cast):
    for who in ("employee", "submitter", "viewer", "no_role"):
        with pytest.raises(CapabilityDenied):
            invite(getattr(cast, who), "nina@test.example", Role.EMPLOYEE)
    assert not Invitation.objects.exists() and not User.objects.filter(
        email="nina@test.example").exists()


# The same answer for existing and unknown addresses -----------------------------------------


def _normalised(text: str, email: str) -> str:
    text = text.replace(email, "EMAIL")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", text)
    return re.sub(r"/contacts/invitations/\d+/", "/contacts/invitations/N/", text)


def _answers(cast, email: str) -> list[str]:
    """Everything Andere BV's administrator is shown after adding ``email``: the add form's
    answer, the page it leads to with the flash message, the list and the withdraw page.
    Made in a savepoint that is rolled back, so both runs start from the same data."""
    client = client_for(cast.other_administrator.user)
    with transaction.atomic():
        response = client.post("/contacts/new/", {**FORM, "email": email.upper()})
        assert response.status_code == 302
        location = response["Location"]
        pages = [str(response.status_code), location, client.get(location).content.decode(),
                 client.get("/contacts/").content.decode(),
                 client.get(location + "withdraw/").content.decode()]
        transaction.set_rollback(True)
    return [_normalised(page, email) for page in pages]


def test_the_same_answer_for_an_existing_and_an_unknown_address__R_X_6(named, monkeypatch):
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)  # the same "invited on" for both
    existing = _answers(named, "admin@test.example")
    unknown = _answers(named, "nobody@test.example")
    assert existing == unknown
    for page in existing:
        assert "Quirijn" not in page and "Quist" not in page and "Demo BV" not in page
    assert "EMAIL" in existing[2] and 'data-testid="invitation-state"' in existing[2]
    assert "EMAIL" in existing[3] and 'data-testid="invitations"' in existing[3]


def test_the_existing_persons_name_never_reaches_the_inviters_pages__R_X_6(named):
    """Not even with the role Submit incidents, a full seat count or a decline."""
    named.other_organisation.submitter_seats_override = 1
    named.other_organisation.save()
    invitation = invite(named.other_administrator, "admin@test.example",
                        Role.EMPLOYEE, Role.SUBMIT_INCIDENTS)
    client = client_for(named.other_administrator.user)
    refused = client.post("/contacts/new/", {**FORM, "email": "second@test.example",
                                             "roles": ["submit_incidents"]})
    assert refused.status_code == 200  # the reservation takes the only seat
    pages = [refused.content.decode(), client.get("/contacts/").content.decode(),
             client.get(f"/contacts/invitations/{invitation.pk}/").content.decode(),
             client.get("/support/").content.decode()]
    # Searching for the person's real name finds nobody.
    assert 'data-testid="contacts"' not in client.get("/contacts/", {"q": "Quist"}).content.decode()
    actions.decline_invitation(user=named.administrator.user, invitation=invitation)
    pages.append(client.get(f"/contacts/invitations/{invitation.pk}/").content.decode())
    for page in pages:
        assert "Quirijn" not in page and "Quist" not in page and "Demo BV" not in page


def test_the_typed_names_are_used_only_for_a_new_login__R_X_6(named):
    invite(named.other_administrator, "admin@test.example", Role.EMPLOYEE)
    named.administrator.user.refresh_from_db()
    assert named.administrator.user.first_name == "Quirijn"  # not renamed to "Nina"
    new = invite(named.other_administrator, "nina@test.example", Role.EMPLOYEE)
    assert new.created_user and new.user.get_full_name() == "Nina Nieuw"


def test_an_address_already_a_contact_or_invited_keeps_its_refusal__R_X_6(cast):
    client = client_for(cast.administrator.user)
    page = client.post("/contacts/new/", {**FORM, "email": "employee@test.example"})
    assert page.status_code == 200 and "employee@test.example" in page.content.decode()
    client.post("/contacts/new/", {**FORM, "email": "nina@test.example"})
    again = client.post("/contacts/new/", {**FORM, "email": "Nina@test.example"})
    assert again.status_code == 200 and 'value="Nina@test.example"' in again.content.decode()
    assert Invitation.objects.count() == 1


# Seats --------------------------------------------------------------------------------------


@pytest.fixture
def three_seats(cast):
    """Demo BV: 3 seats, one taken by the cast's submitter (the expert takes none)."""
    cast.organisation.submitter_seats_override = 3
    cast.organisation.save()
    return cast


def test_a_submitter_invitation_reserves_its_seat__R_X_6_R_QUOTA_5(three_seats):
    cast = three_seats
    first = invite(cast.administrator, "one@test.example", Role.SUBMIT_INCIDENTS)
    invite(cast.administrator, "two@test.example", Role.EMPLOYEE)  # no role: no seat
    status = seat_status(cast.organisation)
    assert (status.in_use, status.reserved, len(status.holders)) == (2, 1, 1)
    invite(cast.administrator, "three@test.example", Role.SUBMIT_INCIDENTS)
    with pytest.raises(actions.SeatsFull) as refused:
        invite(cast.administrator, "four@test.example", Role.SUBMIT_INCIDENTS)
    assert refused.value.reserved == 2
    with pytest.raises(actions.SeatsFull):  # the reservation counts for role changes too
        actions.update_contact(actor=cast.administrator, contact=cast.employee,
                               changes=changes(Role.SUBMIT_INCIDENTS))
    # Accepting takes up the reserved seat: no second check, and the count stays.
    actions.join_organisation(user=first.user, invitation=first)
    assert (seat_status(cast.organisation).in_use, seat_status(cast.organisation).reserved) \
        == (3, 1)


def test_declining_and_withdrawing_free_the_reserved_seat__R_X_6(three_seats):
    cast = three_seats
    declined = invite(cast.administrator, "admin@other.example", Role.SUBMIT_INCIDENTS)
    withdrawn = invite(cast.administrator, "nina@test.example", Role.SUBMIT_INCIDENTS)
    assert seat_status(cast.organisation).full
    actions.decline_invitation(user=cast.other_administrator.user, invitation=declined)
    assert seat_status(cast.organisation).in_use == 2
    assert actions.withdraw_invitation(actor=cast.administrator, invitation=withdrawn)
    assert seat_status(cast.organisation).in_use == 1
    invite(cast.administrator, "again@test.example", Role.SUBMIT_INCIDENTS)  # room again


def test_reservations_count_in_the_nightly_comparison__R_X_6_R_QUOTA_6(three_seats):
    cast = three_seats
    invite(cast.administrator, "one@test.example", Role.SUBMIT_INCIDENTS)
    cast.organisation.submitter_seats_max = 1
    cast.organisation.save()
    short = {org.pk: org.seats_in_use for org in over_maximum(
        type(cast.organisation).objects.all())}
    assert short == {cast.organisation.pk: 2}


def test_the_list_and_the_add_form_say_a_submitter_invitation_reserves_a_seat__R_X_6(
        three_seats):
    cast = three_seats
    invite(cast.administrator, "one@test.example", Role.SUBMIT_INCIDENTS)
    client = client_for(cast.administrator.user)
    for url in ("/contacts/", "/contacts/new/"):
        page = client.get(url).content.decode()
        assert 'data-testid="seats-reserved"' in page, url
    assert "2 van 3 instuurplaatsen in gebruik" in client.get("/contacts/").content.decode()


# Withdraw and resend ------------------------------------------------------------------------


def test_withdrawing_asks_first_and_works_without_javascript__R_X_6(cast):
    invitation = invite(cast.administrator, "nina@test.example", Role.EMPLOYEE)
    client = client_for(cast.administrator.user)
    url = f"/contacts/invitations/{invitation.pk}/withdraw/"
    page = client.get(url).content.decode()
    assert '<form method="post"' in page and "nina@test.example" in page
    assert Invitation.objects.exists()  # a GET changes nothing
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == "/contacts/"
    assert not Invitation.objects.exists()
    # The login made for the invitation was never used: it goes too.
    assert not User.objects.filter(email="nina@test.example").exists()
    assert client.get(f"/contacts/invitations/{invitation.pk}/").status_code == 404


def test_withdrawing_keeps_an_existing_login__R_X_6(cast):
    invitation = invite(cast.administrator, "admin@other.example", Role.EMPLOYEE)
    assert actions.withdraw_invitation(actor=cast.administrator, invitation=invitation)
    assert User.objects.filter(email="admin@other.example").exists()
    assert not actions.withdraw_invitation(actor=cast.administrator, invitation=invitation)


def test_a_withdrawn_invitation_cannot_be_accepted__R_X_6(cast):
    invitation = invite(cast.administrator, "admin@other.example", Role.EMPLOYEE)
    actions.withdraw_invitation(actor=cast.administrator, invitation=invitation)
    with pytest.raises(actions.InvitationAnswered):
        actions.join_organisation(user=cast.other_administrator.user, invitation=invitation)
    assert not Contact.objects.filter(user=cast.other_administrator.user,
                                      organisation=cast.organisation).exists()


def test_resend_sends_again_but_not_twice_in_a_row__R_X_6(
        cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(cast.administrator, "nina@test.example", Role.EMPLOYEE)
    assert len(mail.outbox) == 1
    with pytest.raises(actions.SentRecently):
        actions.resend_invitation(actor=cast.administrator, invitation=invitation)
    later = timezone.now() + actions.RESEND_INTERVAL + dt.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        actions.resend_invitation(actor=cast.administrator, invitation=invitation, now=later)
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["nina@test.example"]
    assert "?invitation=" in mail.outbox[1].body


def test_resend_through_the_page__R_X_6(cast):
    invitation = invite(cast.administrator, "nina@test.example", Role.EMPLOYEE)
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=timezone.now() - dt.timedelta(hours=1))
    client = client_for(cast.administrator.user)
    url = f"/contacts/invitations/{invitation.pk}/resend/"
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response["Location"] == f"/contacts/invitations/{invitation.pk}/"
    invitation.refresh_from_db()
    assert timezone.now() - invitation.sent_at < dt.timedelta(minutes=1)
    again = client.post(url, follow=True)  # too soon: a message, no 500
    assert again.status_code == 200


def test_no_email_goes_out_for_an_invitation_withdrawn_before_it_was_sent__R_X_6(cast):
    from contacts.emails import invitation_to_join_email

    invitation = invite(cast.administrator, "admin@other.example", Role.EMPLOYEE)
    actions.withdraw_invitation(actor=cast.administrator, invitation=invitation)
    assert invitation_to_join_email(invitation=invitation.pk, sent="x") == []


def test_the_email_names_the_organisation_and_the_inviter_in_the_persons_language__R_X_6(
        cast, django_capture_on_commit_callbacks):
    cast.other_administrator.language = "en"
    cast.other_administrator.save()
    user = cast.administrator.user
    user.first_name, user.last_name = "Quirijn", "Quist"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        invite(cast.administrator, "admin@other.example", Role.EMPLOYEE)
    (email,) = mail.outbox
    assert email.to == ["admin@other.example"]
    assert "Demo BV" in email.subject and "Quirijn Quist" in email.body
    assert "http://127.0.0.1:8000/invitations/" in email.body
    assert "invites you" in email.body  # the invited person's language: English


# Access -------------------------------------------------------------------------------------


def test_another_organisations_invitation_answers_404__R_ROLE_14_R_X_6(cast):
    theirs = invite(cast.other_administrator, "nina@test.example", Role.EMPLOYEE)
    client = client_for(cast.administrator.user)
    for url in (f"/contacts/invitations/{theirs.pk}/",
                f"/contacts/invitations/{theirs.pk}/withdraw/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/contacts/invitations/{theirs.pk}/withdraw/").status_code == 404
    assert client.post(f"/contacts/invitations/{theirs.pk}/resend/").status_code == 404
    assert client.get("/contacts/invitations/999999/").status_code == 404
    assert Invitation.objects.filter(pk=theirs.pk).exists()


def test_only_administrators_see_invitations__R_ROLE_8(cast):
    invitation = invite(cast.administrator, "nina@test.example", Role.EMPLOYEE)
    for who in ("employee", "submitter", "viewer", "no_role"):
        client = client_for(getattr(cast, who).user)
        assert client.get(f"/contacts/invitations/{invitation.pk}/").status_code == 403
        assert client.post(f"/contacts/invitations/{invitation.pk}/withdraw/").status_code \
            == 403
    assert Invitation.objects.exists()


def test_the_list_keeps_its_query_count_with_1_and_50_invitations__R_X_3(cast):
    client = client_for(cast.other_administrator.user)

    def count() -> int:
        return queries_of(client, "/contacts/")

    invite(cast.other_administrator, "first@test.example", Role.SUBMIT_INCIDENTS)
    client.get("/contacts/")
    one = count()
    for number in range(49):
        Invitation.objects.create(organisation=cast.other_organisation,
                                  user=make_contact(cast.organisation).user,
                                  email=f"i{number}@test.example", can_submit_incidents=True)
    assert count() == one
    page = client.get("/contacts/").content.decode()
    assert page.count('data-testid="invitation"') == 25  # paginated
    assert client.get("/contacts/", {"invitations": "2"}).content.decode().count(
        'data-testid="invitation"') == 25


@pytest.mark.parametrize("query", [{"invitations": "abc"}, {"invitations": "999"},
                                   {"invitations": "-1"}])
def test_bad_invitation_pages_are_not_a_500__R_X_2(cast, query):
    invite(cast.administrator, "nina@test.example", Role.EMPLOYEE)
    page = client_for(cast.administrator.user).get("/contacts/", query)
    assert page.status_code == 200 and "nina@test.example" in page.content.decode()


@pytest.mark.parametrize("pk", ["abc", "0", "99999999999999999999"])
def test_forged_invitation_ids_answer_404__R_X_2(cast, pk):
    client = client_for(cast.administrator.user)
    assert client.get(f"/contacts/invitations/{pk}/").status_code == 404
