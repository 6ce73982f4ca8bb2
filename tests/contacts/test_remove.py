"""Deleting a contact (R-ROLE-18): the person leaves the organisation, the seat frees, the
incidents stay (shown as a former contact), and the personal data is erased when they belong
to no other organisation; the audit trail keeps that it happened, not the erased data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from django.utils import timezone

from accounts.permissions import CapabilityDenied
from accounts.roles import Role
from contacts import actions
from contacts.actions import ContactChanges
from contacts.models import Contact, SubmissionProfile
from contacts.seats import seat_status
from courses.actions import enrol, record_result
from courses.models import CancelledBy, EnrolmentStatus, Result
from tests.conftest import client_for
from tests.courses.factories import make_course, make_event
from tests.factories import make_contact, staff_member
from tests.incidents.factories import make_incident

pytestmark = pytest.mark.django_db


def remove(cast, contact: Contact) -> Contact:
    return actions.remove_contact(actor=cast.administrator, contact=contact)


def test_the_seat_frees_and_the_login_no_longer_opens_the_organisation__R_ROLE_18(cast):
    before = seat_status(cast.organisation).in_use
    removed = remove(cast, cast.submitter)
    assert removed.removed_at is not None and not removed.is_active
    assert not removed.roles
    assert seat_status(cast.organisation).in_use == before - 1
    assert client_for(cast.submitter.user).get("/incidents/").status_code in (302, 403)


def test_the_incidents_stay_with_the_organisation__R_ROLE_18(cast):
    incident = make_incident(cast.submitter)
    remove(cast, cast.submitter)
    incident.refresh_from_db()
    assert incident.reporter_id == cast.submitter.pk
    assert incident.organisation_id == cast.organisation.pk
    page = client_for(cast.administrator.user).get(f"/incidents/{incident.number}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "submitter@test.example" not in text


def test_a_person_of_no_other_organisation_is_erased__R_ROLE_18(cast):
    user = cast.employee.user
    course = make_course()
    record_result(contact=cast.employee, course=course, grade=Decimal("8.0"),
                  taken_on=dt.date(2026, 3, 1), actor=staff_member("Customer Care"))
    actions.update_contact(actor=cast.administrator, contact=cast.employee,
                           changes=ContactChanges(roles=frozenset({Role.EMPLOYEE}),
                                                  submission_profile="",
                                                  job_title="Geheim Functie"))
    remove(cast, cast.employee)
    user.refresh_from_db()
    assert user.email.endswith("@removed.invalid") and "employee" not in user.email
    assert (user.first_name, user.last_name, user.phone) == ("", "", "")
    assert not user.is_active and not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Result.objects.filter(user=user).exists()
    entries = LogEntry.objects.get_for_object(cast.employee)
    assert entries.exists()  # that the changes happened stays
    for entry in entries:
        text = f"{entry.object_repr} {entry.changes} {entry.changes_text} {entry.serialized_data}"
        assert "employee@test.example" not in text and "Geheim Functie" not in text
    assert entries.filter(changes__has_key="removed_at").exists()


def test_a_person_of_another_organisation_keeps_their_login__R_ROLE_18(cast):
    consultant = make_contact(cast.other_organisation, Role.EMPLOYEE, user=cast.viewer.user)
    remove(cast, cast.viewer)
    consultant.user.refresh_from_db()
    assert consultant.user.email == "viewer@test.example" and consultant.user.is_active
    response = client_for(consultant.user).get("/")
    assert response.status_code == 200 and "Andere BV" in response.content.decode()


def test_the_person_can_be_added_again_later__R_ROLE_18(cast):
    make_contact(cast.other_organisation, Role.EMPLOYEE, user=cast.viewer.user)
    remove(cast, cast.viewer)
    invitation = actions.invite_contact(
        actor=cast.administrator, email="viewer@test.example", first_name="V", last_name="W",
        changes=ContactChanges(roles=frozenset({Role.EMPLOYEE}),
                               submission_profile=SubmissionProfile.FINANCE))
    again = actions.join_organisation(user=cast.viewer.user, invitation=invitation)  # R-X-6
    assert again.pk != cast.viewer.pk and again.removed_at is None
    rows = Contact.objects.filter(user=cast.viewer.user, organisation=cast.organisation)
    assert rows.count() == 2


def test_upcoming_course_places_go_to_the_waiting_list__R_ROLE_18_R_COURSE_1(cast):
    event = make_event(capacity=1)
    seat = enrol(contact=cast.employee, event=event)
    waiting = enrol(contact=cast.viewer, event=event)
    assert waiting.status == EnrolmentStatus.WAITING
    remove(cast, cast.employee)
    seat.refresh_from_db(), waiting.refresh_from_db()
    assert seat.status == EnrolmentStatus.CANCELLED
    assert seat.cancelled_by == CancelledBy.CONTACT_REMOVED
    assert waiting.status == EnrolmentStatus.ENROLLED


def test_the_invoice_contact_is_cleared__R_ROLE_18(cast):
    cast.organisation.invoice_contact = cast.employee
    cast.organisation.save()
    remove(cast, cast.employee)
    cast.organisation.refresh_from_db()
    assert cast.organisation.invoice_contact is None


def test_only_the_organisations_administrators_delete__R_ROLE_18(cast):
    for actor in (cast.employee, cast.other_administrator):
        with pytest.raises(CapabilityDenied):
            actions.remove_contact(actor=actor, contact=cast.no_role)


def test_the_last_administrator_stays__R_ROLE_15_R_ROLE_18(cast):
    with pytest.raises(actions.LastAdministrator):
        remove(cast, cast.administrator)
    second = make_contact(cast.organisation, Role.ADMINISTRATOR)
    remove(cast, cast.administrator)
    assert Contact.objects.get(pk=second.pk).is_administrator


def test_a_removed_contact_cannot_be_changed_again(cast):
    remove(cast, cast.no_role)
    with pytest.raises(Contact.DoesNotExist):
        actions.update_contact(actor=cast.administrator, contact=cast.no_role,
                               changes=ContactChanges(roles=frozenset({Role.EMPLOYEE}),
                                                      submission_profile=""))
    with pytest.raises(Contact.DoesNotExist):
        actions.set_contact_active(actor=cast.administrator, contact=cast.no_role, active=True)


def test_the_removal_is_in_the_audit_trail_with_its_actor__R_ROLE_17_R_ROLE_18(cast):
    remove(cast, cast.no_role)
    entry = LogEntry.objects.get_for_object(cast.no_role).latest("timestamp")
    assert entry.actor == cast.administrator.user
    assert "removed_at" in entry.changes_dict
    assert entry.timestamp <= timezone.now()


def test_what_they_sent_stays_and_names_a_former_contact__R_ROLE_18(cast):
    from tests.care.factories import make_feedback

    feedback = make_feedback(cast.submitter, subject="Wachttijd te lang")
    remove(cast, cast.submitter)
    admin = client_for(cast.administrator.user)
    for url in ("/feedback/", f"/feedback/{feedback.pk}/"):
        page = admin.get(url).content.decode()
        assert "Wachttijd te lang" in page and "voormalig contactpersoon" in page
        assert "submitter@test.example" not in page


def test_an_erased_person_leaves_no_invitation_elsewhere__R_ROLE_18_R_X_6(cast):
    from contacts.models import Invitation

    actions.invite_contact(actor=cast.other_administrator, email="employee@test.example",
                           first_name="E", last_name="M", changes=ContactChanges(
                               roles=frozenset({Role.EMPLOYEE}), submission_profile=""))
    assert Invitation.objects.filter(user=cast.employee.user).exists()
    remove(cast, cast.employee)
    assert not Invitation.objects.filter(user=cast.employee.user).exists()
    page = client_for(cast.other_administrator.user).get("/contacts/").content.decode()
    assert "employee@test.example" not in page
