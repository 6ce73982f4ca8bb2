"""Certified-expert status is the vendor's fact (R-QUOTA-7), and a seat shortage never goes
unreported (R-QUOTA-6): staff record experts, a passed expert course makes one, expiry puts
the contact back in the seat count at the recount, and the people who can act are told."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.roles import Role
from accounts.staff import ensure_staff_groups
from contacts import actions
from contacts.models import Contact, Organisation
from contacts.seats import seat_status
from courses.actions import record_result
from courses.models import Course, Level
from tests.conftest import client_for
from tests.factories import make_contact, make_organisation, make_user, staff_member

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)
NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 12, 0))


@pytest.fixture
def care():
    ensure_staff_groups()
    user = make_user("care@test.example", is_staff=True)
    user.groups.add(Group.objects.get(name="Customer Care"))
    return user


@pytest.fixture
def full(cast):
    """One seat, held by the cast's submitter; the expert holds the role without a seat."""
    Organisation.objects.filter(pk=cast.organisation.pk).update(submitter_seats_override=1,
                                                                 submitter_seats_max=1)
    cast.organisation.refresh_from_db()
    return cast


def test_staff_record_an_expert_with_date_and_expiry__R_QUOTA_7(cast, care):
    contact = actions.record_expert_certificate(
        actor=care, contact=cast.employee, certified_on=dt.date(2026, 5, 1),
        valid_until=dt.date(2028, 5, 1), now=NOW)
    assert contact.certified_expert
    assert (contact.expert_certified_on, contact.expert_certified_until) == (
        dt.date(2026, 5, 1), dt.date(2028, 5, 1))
    entry = LogEntry.objects.get_for_object(contact).latest("timestamp")
    assert entry.actor == care and "certified_expert" in entry.changes_dict


def test_only_staff_with_the_permission_record_experts__R_QUOTA_7(cast):
    outsider = make_user(is_staff=True)  # staff, but no group
    for actor in (outsider, cast.administrator.user):
        with pytest.raises(PermissionDenied):
            actions.record_expert_certificate(actor=actor, contact=cast.employee,
                                              certified_on=TODAY, valid_until=TODAY)
    cast.employee.refresh_from_db()
    assert not cast.employee.certified_expert


def test_an_expired_certificate_gives_no_expert_status__R_QUOTA_7(cast, care):
    contact = actions.record_expert_certificate(
        actor=care, contact=cast.employee, certified_on=dt.date(2023, 1, 1),
        valid_until=dt.date(2025, 1, 1), now=NOW)
    assert not contact.certified_expert
    with pytest.raises(actions.ContactError):
        actions.record_expert_certificate(actor=care, contact=cast.employee,
                                          certified_on=TODAY, valid_until=dt.date(2020, 1, 1))


def test_a_passed_expert_course_makes_the_person_an_expert_everywhere__R_QUOTA_7(cast):
    course = Course.objects.create(code="EXP-1", title="Expert", level=Level.EXPERT)
    elsewhere = make_contact(cast.other_organisation, Role.SUBMIT_INCIDENTS,
                             user=cast.viewer.user)
    record_result(contact=cast.viewer, course=course, grade=Decimal("5.0"),
                  taken_on=dt.date(2026, 6, 1), actor=staff_member("Customer Care"))
    cast.viewer.refresh_from_db()
    assert not cast.viewer.certified_expert  # failed
    record_result(contact=cast.viewer, course=course, grade=Decimal("8.0"),
                  taken_on=dt.date(2026, 9, 1), actor=staff_member("Customer Care"))
    for contact in (cast.viewer, elsewhere):
        contact.refresh_from_db()
        assert contact.certified_expert
        assert contact.expert_certified_until == dt.date(2028, 9, 1)


def test_a_basic_course_makes_nobody_an_expert__R_QUOTA_7(cast):
    course = Course.objects.create(code="BAS-1", title="Basis", level=Level.BASIC)
    record_result(contact=cast.viewer, course=course, grade=Decimal("10.0"),
                  taken_on=dt.date(2026, 9, 1), actor=staff_member("Customer Care"))
    cast.viewer.refresh_from_db()
    assert not cast.viewer.certified_expert


def test_expiry_at_the_recount_puts_the_expert_back_in_the_seat_count__R_QUOTA_7_R_QUOTA_6(
        full, django_capture_on_commit_callbacks):
    Contact.objects.filter(pk=full.expert.pk).update(expert_certified_until=dt.date(2026, 11, 30))
    assert seat_status(full.organisation).in_use == 1
    with django_capture_on_commit_callbacks(execute=True):
        result = actions.recount_submitter_seats(now=NOW)
    full.expert.refresh_from_db()
    assert not full.expert.certified_expert and full.expert.can_submit_incidents
    assert seat_status(full.organisation).in_use == 2
    assert result.newly_short == [full.organisation.pk]
    assert [email.to for email in mail.outbox] == [["admin@test.example"]]
    assert LogEntry.objects.get_for_object(full.expert).latest("timestamp").actor is None


def test_a_certificate_valid_today_does_not_expire__R_QUOTA_7(full):
    Contact.objects.filter(pk=full.expert.pk).update(expert_certified_until=TODAY)
    actions.recount_submitter_seats(now=NOW)
    full.expert.refresh_from_db()
    assert full.expert.certified_expert


def test_staff_ending_expert_status_tell_the_administrators_at_once__R_QUOTA_6_R_QUOTA_7(
        full, care, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.end_expert_certificate(actor=care, contact=full.expert, now=NOW)
    full.expert.refresh_from_db()
    assert not full.expert.certified_expert and full.expert.can_submit_incidents
    assert full.expert.expert_certified_until == dt.date(2026, 11, 30)
    assert [email.to for email in mail.outbox] == [["admin@test.example"]]
    assert "1" in mail.outbox[0].body and "2" in mail.outbox[0].body


def test_staff_lowering_the_override_tell_the_administrators_at_once__R_QUOTA_6(
        cast, care, django_capture_on_commit_callbacks):
    make_contact(cast.organisation, Role.SUBMIT_INCIDENTS)
    with django_capture_on_commit_callbacks(execute=True):
        organisation = actions.set_seat_override(actor=care, organisation=cast.organisation,
                                                 seats=1, now=NOW)
    assert organisation.submitter_seats_max == 1 and organisation.seat_shortage_notified_at
    assert [email.to for email in mail.outbox] == [["admin@test.example"]]
    with django_capture_on_commit_callbacks(execute=True):
        actions.set_seat_override(actor=care, organisation=cast.organisation, seats=1, now=NOW)
        actions.recount_submitter_seats(now=NOW)
    assert len(mail.outbox) == 1  # told once


def test_the_override_is_staffs__R_QUOTA_2(cast):
    with pytest.raises(PermissionDenied):
        actions.set_seat_override(actor=cast.administrator.user, organisation=cast.organisation,
                                  seats=99)


def test_without_an_administrator_customer_care_is_told__R_QUOTA_6(
        care, django_capture_on_commit_callbacks):
    organisation = make_organisation("Zonder Beheer BV", submitter_seats_override=1)
    make_contact(organisation, Role.ADMINISTRATOR, is_active=False)
    make_contact(organisation, Role.SUBMIT_INCIDENTS)
    make_contact(organisation, Role.SUBMIT_INCIDENTS)
    with django_capture_on_commit_callbacks(execute=True):
        actions.recount_submitter_seats(now=NOW)
    assert [email.to for email in mail.outbox] == [["care@test.example"]]
    assert "Zonder Beheer BV" in mail.outbox[0].subject
    page = client_for(care).get("/admin/contacts/organisation/?seats=over_no_admin")
    assert "Zonder Beheer BV" in page.content.decode()


def test_the_admin_filter_lists_only_organisations_over_their_maximum_without_one__R_QUOTA_6(
        cast, care):
    Organisation.objects.filter(pk=cast.organisation.pk).update(submitter_seats_max=0)
    client = client_for(care)
    over = client.get("/admin/contacts/organisation/?seats=over").content.decode()
    no_admin = client.get("/admin/contacts/organisation/?seats=over_no_admin").content.decode()
    assert "Demo BV" in over and "Demo BV" not in no_admin


def test_staff_record_experts_in_the_admin_with_both_dates__R_QUOTA_7(cast, care):
    client = client_for(care)
    url = f"/admin/contacts/contact/{cast.employee.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = {"is_active": "on", "created_at_0": "2026-01-05", "created_at_1": "09:00:00",
            "is_employee": "on", "certified_expert": "on", "language": "nl",
            "submission_profile": "", "job_title": ""}
    refused = client.post(url, form)
    assert refused.status_code == 200 and "certificaat" in refused.content.decode()
    response = client.post(url, {**form, "expert_certified_on": "2026-11-01",
                                 "expert_certified_until": "2028-11-01"})
    assert response.status_code == 302, response.content.decode()[:2000]
    cast.employee.refresh_from_db()
    assert cast.employee.certified_expert
    assert cast.employee.expert_certified_until == dt.date(2028, 11, 1)


def test_staff_lowering_the_override_in_the_admin_tell_at_once__R_QUOTA_6(
        cast, care, django_capture_on_commit_callbacks):
    make_contact(cast.organisation, Role.SUBMIT_INCIDENTS)
    form = {"name": "Demo BV", "kind": "customer", "service_level": "standard",
            "is_active": "on", "country": "Nederland", "employee_count": "85",
            "submitter_seats_override": "1",
            "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0", "contacts-MAX_NUM_FORMS": "1000"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(care).post(
            f"/admin/contacts/organisation/{cast.organisation.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    cast.organisation.refresh_from_db()
    assert (cast.organisation.submitter_seats_override,
            cast.organisation.submitter_seats_max) == (1, 1)
    assert [email.to for email in mail.outbox] == [["admin@test.example"]]
    entry = LogEntry.objects.get_for_object(cast.organisation).latest("timestamp")
    assert entry.actor == care and "submitter_seats_override" in entry.changes_dict
