"""Changes to contacts by administrators (R-ROLE-8, R-ROLE-15, R-ROLE-17, R-QUOTA-5)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.test import Client

from accounts.models import User
from accounts.permissions import CapabilityDenied
from accounts.roles import Role
from contacts import actions
from contacts.actions import ContactChanges
from contacts.models import Contact, Invitation, SubmissionProfile
from contacts.queries import administrators_of, is_active_administrator
from tests.factories import make_contact, make_user

pytestmark = pytest.mark.django_db


def changes(*roles: Role, profile: str = SubmissionProfile.FINANCE) -> ContactChanges:
    return ContactChanges(roles=frozenset(roles), submission_profile=profile)


@pytest.fixture
def full(cast):
    """Three seats, all taken (the cast's submitter plus two more)."""
    cast.organisation.submitter_seats_override = 3
    cast.organisation.save()
    make_contact(cast.organisation, Role.SUBMIT_INCIDENTS)
    make_contact(cast.organisation, Role.SUBMIT_INCIDENTS)
    return cast


def test_administrators_assign_roles__R_ROLE_8(cast):
    actions.update_contact(actor=cast.administrator, contact=cast.no_role,
                           changes=changes(Role.EMPLOYEE, Role.VIEW_INCIDENTS))
    cast.no_role.refresh_from_db()
    assert cast.no_role.roles == {Role.EMPLOYEE, Role.VIEW_INCIDENTS}


@pytest.mark.parametrize("who", ["employee", "submitter", "viewer", "no_role"])
def test_only_administrators_assign_roles__R_ROLE_15(cast, who):
    with pytest.raises(CapabilityDenied):
        actions.update_contact(actor=getattr(cast, who), contact=cast.no_role,
                               changes=changes(Role.ADMINISTRATOR))


def test_another_organisations_administrator_cannot_change_a_contact__R_ROLE_8(cast):
    with pytest.raises(CapabilityDenied):
        actions.update_contact(actor=cast.other_administrator, contact=cast.employee,
                               changes=changes(Role.ADMINISTRATOR))


def test_the_last_administrator_keeps_the_role__R_ROLE_15(cast):
    with pytest.raises(actions.LastAdministrator):
        actions.update_contact(actor=cast.administrator, contact=cast.administrator,
                               changes=changes(Role.EMPLOYEE))
    with pytest.raises(actions.LastAdministrator):
        actions.set_contact_active(actor=cast.administrator, contact=cast.administrator,
                                   active=False)
    cast.administrator.refresh_from_db()
    assert cast.administrator.is_administrator and cast.administrator.is_active


def test_an_administrator_whose_login_is_inactive_does_not_count__R_ROLE_15(cast):
    blocked = make_contact(cast.organisation, Role.ADMINISTRATOR,
                           user=make_user(is_active=False))
    assert not is_active_administrator(blocked)
    assert list(administrators_of(cast.organisation)) == [cast.administrator]
    with pytest.raises(actions.LastAdministrator):
        actions.update_contact(actor=cast.administrator, contact=cast.administrator,
                               changes=changes(Role.EMPLOYEE))
    with pytest.raises(actions.LastAdministrator):
        actions.set_contact_active(actor=cast.administrator, contact=cast.administrator,
                                   active=False)
    cast.administrator.refresh_from_db()
    assert cast.administrator.is_administrator and cast.administrator.is_active


def test_an_administrator_appoints_another_and_may_then_step_down__R_ROLE_8_R_ROLE_15(cast):
    actions.update_contact(actor=cast.administrator, contact=cast.employee,
                           changes=changes(Role.EMPLOYEE, Role.ADMINISTRATOR))
    actions.update_contact(actor=cast.administrator, contact=cast.administrator,
                           changes=changes(Role.EMPLOYEE))
    cast.administrator.refresh_from_db()
    assert cast.administrator.roles == {Role.EMPLOYEE}


def test_the_last_seat_can_be_given_and_the_next_is_refused__R_QUOTA_5(cast):
    cast.organisation.submitter_seats_override = 2
    cast.organisation.save()
    actions.update_contact(actor=cast.administrator, contact=cast.employee,
                           changes=changes(Role.EMPLOYEE, Role.SUBMIT_INCIDENTS))
    with pytest.raises(actions.SeatsFull) as refused:
        actions.update_contact(actor=cast.administrator, contact=cast.viewer,
                               changes=changes(Role.VIEW_INCIDENTS, Role.SUBMIT_INCIDENTS))
    assert (refused.value.in_use, refused.value.maximum) == (2, 2)
    assert {c.pk for c in refused.value.holders} == {cast.submitter.pk, cast.employee.pk}
    cast.viewer.refresh_from_db()
    assert not cast.viewer.can_submit_incidents


def test_a_certified_expert_gets_the_role_when_seats_are_full__R_QUOTA_1(full):
    staff = make_user(is_staff=True, is_superuser=True)
    actions.record_expert_certificate(actor=staff, contact=full.employee,
                                      certified_on=dt.date(2026, 6, 1),
                                      valid_until=dt.date(2028, 6, 1))
    actions.update_contact(actor=full.administrator, contact=full.employee,
                           changes=changes(Role.SUBMIT_INCIDENTS))
    full.employee.refresh_from_db()
    assert full.employee.can_submit_incidents and full.employee.certified_expert


def test_changing_other_things_of_a_seat_holder_is_fine_when_full__R_QUOTA_5(full):
    actions.update_contact(actor=full.administrator, contact=full.submitter,
                           changes=changes(Role.SUBMIT_INCIDENTS, Role.EMPLOYEE))
    full.submitter.refresh_from_db()
    assert full.submitter.roles == {Role.SUBMIT_INCIDENTS, Role.EMPLOYEE}


def test_an_administrator_cannot_change_expert_status__R_QUOTA_7(full):
    """Expert status is not among the changes an administrator makes: saving the expert's
    roles keeps it, and there is no way to pass it in."""
    actions.update_contact(actor=full.administrator, contact=full.expert,
                           changes=changes(Role.SUBMIT_INCIDENTS, Role.EMPLOYEE))
    full.expert.refresh_from_db()
    assert full.expert.certified_expert and full.expert.roles == {Role.SUBMIT_INCIDENTS,
                                                                  Role.EMPLOYEE}
    with pytest.raises(TypeError):
        ContactChanges(roles=frozenset(), submission_profile="", certified_expert=True)


def test_reactivating_a_seat_holder_needs_a_seat__R_QUOTA_5(full):
    full.submitter.is_active = False
    full.submitter.save()
    make_contact(full.organisation, Role.SUBMIT_INCIDENTS)
    with pytest.raises(actions.SeatsFull):
        actions.set_contact_active(actor=full.administrator, contact=full.submitter, active=True)


def test_role_changes_are_in_the_audit_trail__R_ROLE_17(cast):
    actions.update_contact(actor=cast.administrator, contact=cast.no_role,
                           changes=changes(Role.VIEW_INCIDENTS))
    entry = LogEntry.objects.get_for_object(cast.no_role).latest("timestamp")
    assert entry.actor == cast.administrator.user
    assert entry.changes_dict["can_view_incidents"] == ["False", "True"]


def test_organisation_changes_are_in_the_audit_trail__R_ROLE_9_R_ROLE_17(cast):
    actions.update_organisation(actor=cast.administrator, organisation=cast.organisation,
                                fields={"city": "Amersfoort"})
    entry = LogEntry.objects.get_for_object(cast.organisation).latest("timestamp")
    assert entry.actor == cast.administrator.user
    assert entry.changes_dict["city"] == ["Utrecht", "Amersfoort"]


def test_employees_cannot_change_the_organisation__R_ROLE_9(cast):
    with pytest.raises(CapabilityDenied):
        actions.update_organisation(actor=cast.employee, organisation=cast.organisation,
                                    fields={"city": "Elders"})


def test_the_invoice_contact_must_belong_to_the_organisation__R_ROLE_9(cast):
    with pytest.raises(actions.ContactError):
        actions.update_organisation(actor=cast.administrator, organisation=cast.organisation,
                                    fields={"invoice_contact": cast.other_administrator})


class TestInvite:
    """Adding a contact is an invitation the person accepts (R-X-6); tests/contacts/
    test_invitations.py has the rest of the consent flow."""

    def invite(self, cast, email: str, *roles: Role) -> Invitation:
        return actions.invite_contact(actor=cast.administrator, email=email, first_name="Nina",
                                      last_name="Nieuw", changes=changes(*roles))

    def test_a_new_user_chooses_a_password_and_so_joins__R_ROLE_8_R_X_6(
        self, cast, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = self.invite(cast, " Nina@Test.example ", Role.EMPLOYEE)
        user = invitation.user
        assert user.email == "nina@test.example" and invitation.email == "nina@test.example"
        assert not user.has_usable_password() and user.first_name == "Nina"
        assert invitation.roles == {Role.EMPLOYEE} and invitation.organisation == cast.organisation
        assert not Contact.objects.filter(user=user).exists()  # not before accepting
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nina@test.example"]
        link = re.search(r"http://127\.0\.0\.1:8000(/invitation/\S+/\?invitation=\d+)",
                         mail.outbox[0].body)
        assert link, mail.outbox[0].body
        client = Client()
        assert client.get(link.group(1)).status_code == 200
        response = client.post(link.group(1), {"new_password1": "Een-nieuw-wachtwoord-9",
                                                "new_password2": "Een-nieuw-wachtwoord-9"})
        assert response.status_code == 302 and response["Location"] == "/"
        assert client.get("/").status_code == 200
        assert user.emailaddress_set.get().verified
        contact = Contact.objects.get(user=user)
        assert contact.roles == {Role.EMPLOYEE} and contact.organisation == cast.organisation
        assert not Invitation.objects.exists()
        assert Client().get(link.group(1)).status_code == 400  # used once

    def test_an_existing_user_is_invited_not_linked_nor_duplicated__R_ROLE_8_R_X_6(
        self, cast, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = self.invite(cast, "ADMIN@other.example", Role.EMPLOYEE)
        assert invitation.user == cast.other_administrator.user
        assert invitation.email == "admin@other.example"
        assert User.objects.filter(email__iexact="admin@other.example").count() == 1
        assert not Contact.objects.filter(user=invitation.user,
                                          organisation=cast.organisation).exists()
        assert "/invitations/" in mail.outbox[0].body
        assert "/invitation/" not in mail.outbox[0].body  # no password to choose

    def test_someone_already_a_contact_is_refused(self, cast):
        with pytest.raises(actions.AlreadyContact):
            self.invite(cast, "employee@test.example", Role.EMPLOYEE)

    def test_someone_already_invited_is_refused__R_X_6(self, cast):
        self.invite(cast, "nina@test.example", Role.EMPLOYEE)
        with pytest.raises(actions.AlreadyInvited):
            self.invite(cast, "NINA@test.example", Role.EMPLOYEE)
        assert Invitation.objects.count() == 1

    def test_a_submitter_needs_a_free_seat__R_QUOTA_5(self, full):
        with pytest.raises(actions.SeatsFull):
            self.invite(full, "nina@test.example", Role.SUBMIT_INCIDENTS)
        assert not User.objects.filter(email="nina@test.example").exists()
        assert not Invitation.objects.exists()


def test_a_bad_invitation_link_is_a_400_not_a_500(client):
    assert client.get("/invitation/!!/x/").status_code == 400
    user = make_user("someone@test.example")
    assert client.get(f"/invitation/{user.pk}/bad-token/").status_code == 400
