"""Enrolment, waiting list and promotion (R-COURSE-1, R-ROLE-2) and results (R-COURSE-2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.permissions import CapabilityDenied
from accounts.roles import Role
from courses import actions
from courses.models import CancelledBy, Course, Enrolment, EnrolmentStatus, Event, Level
from tests.factories import make_contact, staff_member

pytestmark = pytest.mark.django_db


def make_event(capacity: int = 2, *, days: int = 10, **fields) -> Event:
    course = Course.objects.create(code=f"C{Course.objects.count() + 1}", title="Basis",
                                   level=Level.BASIC)
    starts = timezone.now() + dt.timedelta(days=days)
    return Event.objects.create(course=course, starts_at=starts,
                                ends_at=starts + dt.timedelta(hours=7), capacity=capacity,
                                location="Leusden", **fields)


def test_every_contact_may_enrol_even_without_a_role__R_ROLE_2(cast):
    event = make_event()
    enrolment = actions.enrol(contact=cast.no_role, event=event)
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_a_full_event_puts_contacts_on_the_waiting_list__R_COURSE_1(cast):
    event = make_event(capacity=1)
    assert actions.enrol(contact=cast.employee, event=event).status == "enrolled"
    assert actions.enrol(contact=cast.viewer, event=event).status == "waiting"
    assert actions.enrol(contact=cast.no_role, event=event).status == "waiting"


def test_a_freed_seat_goes_to_the_first_in_line_who_is_emailed__R_COURSE_1(
    cast, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    seat = actions.enrol(contact=cast.employee, event=event)
    first = actions.enrol(contact=cast.viewer, event=event)
    second = actions.enrol(contact=cast.no_role, event=event)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = actions.cancel_enrolment(contact=cast.employee, enrolment=seat)
    assert promoted.pk == first.pk
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == ("enrolled", "waiting")
    assert first.promoted_at is not None
    assert [message.to for message in mail.outbox] == [["viewer@test.example"]]
    assert "Basis" in mail.outbox[0].subject


def test_leaving_the_waiting_list_promotes_nobody(cast):
    event = make_event(capacity=1)
    actions.enrol(contact=cast.employee, event=event)
    waiting = actions.enrol(contact=cast.viewer, event=event)
    assert actions.cancel_enrolment(contact=cast.viewer, enrolment=waiting) is None
    assert event.enrolments.filter(status="enrolled").count() == 1


def test_cancelling_twice_is_harmless(cast):
    enrolment = actions.enrol(contact=cast.employee, event=make_event())
    actions.cancel_enrolment(contact=cast.employee, enrolment=enrolment)
    assert actions.cancel_enrolment(contact=cast.employee, enrolment=enrolment) is None


def test_one_cannot_cancel_someone_elses_enrolment(cast):
    enrolment = actions.enrol(contact=cast.employee, event=make_event())
    with pytest.raises(CapabilityDenied):
        actions.cancel_enrolment(contact=cast.viewer, enrolment=enrolment)


def test_staff_cancel_on_a_contacts_behalf_as_themselves_and_the_line_moves_up__R_COURSE_1(
        cast, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    seat = actions.enrol(contact=cast.employee, event=event)
    waiting = actions.enrol(contact=cast.viewer, event=event)
    care = staff_member("Customer Care")
    with django_capture_on_commit_callbacks(execute=True):
        promoted = actions.cancel_enrolment_by_staff(actor=care, enrolment=seat)
    seat.refresh_from_db()
    assert (seat.status, seat.cancelled_by, seat.cancelled_by_staff) == (
        EnrolmentStatus.CANCELLED, CancelledBy.STAFF, care)
    assert promoted == waiting
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.ENROLLED
    assert [message.to for message in mail.outbox] == [[cast.viewer.user.email]]
    assert actions.cancel_enrolment_by_staff(actor=care, enrolment=seat) is None


def test_staff_cannot_cancel_once_the_event_has_started__R_COURSE_1(cast):
    event = make_event()
    seat = actions.enrol(contact=cast.employee, event=event)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(actions.EventClosed):
        actions.cancel_enrolment_by_staff(actor=staff_member("Customer Care"), enrolment=seat)
    seat.refresh_from_db()
    assert seat.status == EnrolmentStatus.ENROLLED


def test_a_contact_cancelling_is_recorded_as_theirs(cast):
    seat = actions.enrol(contact=cast.employee, event=make_event())
    actions.cancel_enrolment(contact=cast.employee, enrolment=seat)
    seat.refresh_from_db()
    assert (seat.cancelled_by, seat.cancelled_by_staff) == (CancelledBy.CONTACT, None)


def test_enrolling_twice_is_refused_and_again_after_cancelling_is_fine(cast):
    event = make_event()
    enrolment = actions.enrol(contact=cast.employee, event=event)
    with pytest.raises(actions.AlreadyEnrolled):
        actions.enrol(contact=cast.employee, event=event)
    actions.cancel_enrolment(contact=cast.employee, enrolment=enrolment)
    assert actions.enrol(contact=cast.employee, event=event).status == "enrolled"


@pytest.mark.parametrize("fields", [{"is_cancelled": True}, {"days": -1}])
def test_cancelled_and_past_events_are_closed(cast, fields):
    with pytest.raises(actions.EventClosed):
        actions.enrol(contact=cast.employee, event=make_event(**fields))


def test_inactive_contacts_cannot_enrol(cast):
    cast.employee.is_active = False
    with pytest.raises(CapabilityDenied):
        actions.enrol(contact=cast.employee, event=make_event())


def test_more_capacity_promotes_waiting_contacts_in_order__R_COURSE_1(cast):
    event = make_event(capacity=1)
    actions.enrol(contact=cast.employee, event=event)
    first = actions.enrol(contact=cast.viewer, event=event)
    second = actions.enrol(contact=cast.no_role, event=event)
    actions.set_event_capacity(event=event, capacity=2, actor=staff_member("Customer Care"))
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == ("enrolled", "waiting")


def test_results_are_recorded_and_corrected__R_COURSE_2(cast):
    course = make_event().course
    day = dt.date(2026, 3, 1)
    actions.record_result(contact=cast.employee, course=course, grade=Decimal("6.5"),
                          taken_on=day, actor=staff_member("Customer Care"))
    result = actions.record_result(contact=cast.employee, course=course, grade=Decimal("7.5"),
                                   taken_on=day, actor=staff_member("Customer Care"))
    assert course.results.get().grade == Decimal("7.5") and result.passed


@pytest.mark.parametrize("grade", ["0.9", "10.1"])
def test_grades_are_between_1_and_10__R_COURSE_2(cast, grade):
    with pytest.raises(ValidationError):
        actions.record_result(contact=cast.employee, course=make_event().course,
                              grade=Decimal(grade), taken_on=dt.date(2026, 3, 1),
                              actor=staff_member("Customer Care"))


def test_enrolments_of_one_event_never_exceed_its_capacity_sequentially(cast):
    event = make_event(capacity=3)
    for _ in range(8):
        actions.enrol(contact=make_contact(cast.organisation, Role.EMPLOYEE), event=event)
    assert Enrolment.objects.filter(event=event, status="enrolled").count() == 3
    assert Enrolment.objects.filter(event=event, status="waiting").count() == 5
