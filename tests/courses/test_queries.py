"""Reads for the course pages: scoped to the contact or organisation, counted in SQL, with a
fixed number of queries (R-COURSE-1/2/3, R-ROLE-2/3/14, R-X-3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.permissions import CapabilityDenied
from accounts.roles import Role
from courses import queries
from courses.actions import cancel_enrolment, enrol
from courses.models import Enrolment, EnrolmentStatus, Level
from tests.courses.factories import (
    make_course, make_event, make_material_file, make_material_link, make_result,
)
from tests.factories import make_contact

pytestmark = pytest.mark.django_db


def _catalogue(contact, **kwargs):
    return list(queries.catalogue_for(contact, now=timezone.now(), **kwargs))


def test_the_catalogue_has_active_courses_with_upcoming_open_events_only__R_COURSE_1(cast):
    course = make_course("Basis")
    upcoming = make_event(course, days=3)
    make_event(course, days=-3)  # past
    make_event(course, days=5, is_cancelled=True)
    make_course("Oud", is_active=False)
    [listed] = _catalogue(cast.employee)
    assert listed == course
    assert [event.pk for event in listed.upcoming] == [upcoming.pk]


def test_the_catalogue_lists_starter_courses_first_then_by_level(cast):
    expert = make_course("A expert", level=Level.EXPERT)
    basic = make_course("B basis", level=Level.BASIC)
    advanced = make_course("A gevorderd", level=Level.ADVANCED)
    starter = make_course("Z start", level=Level.STARTER, is_starter=True)
    assert _catalogue(cast.employee) == [starter, basic, advanced, expert]
    assert _catalogue(cast.employee, level=Level.ADVANCED) == [advanced]


def test_seats_left_count_enrolled_contacts_only__R_COURSE_1(cast):
    event = make_event(capacity=2)
    enrol(contact=cast.employee, event=event)
    enrol(contact=cast.viewer, event=event)
    enrol(contact=cast.no_role, event=event)  # waiting
    other_event = make_event(event.course)
    gone = enrol(contact=cast.submitter, event=other_event)
    cancel_enrolment(contact=cast.submitter, enrolment=gone)
    events = {e.pk: e for e in _catalogue(cast.administrator)[0].upcoming}
    assert (events[event.pk].enrolled_count, events[event.pk].seats_left) == (2, 0)
    assert (events[other_event.pk].enrolled_count, events[other_event.pk].seats_left) == (0, 10)


def test_the_catalogue_knows_the_contacts_own_status_and_place__R_COURSE_1(cast):
    event = make_event(capacity=1)
    enrol(contact=cast.employee, event=event)
    enrol(contact=cast.viewer, event=event)
    enrol(contact=cast.no_role, event=event)

    def mine(contact):
        [listed] = _catalogue(contact)[0].upcoming
        return [(e.status, e.waiting_position) for e in listed.mine]

    assert mine(cast.employee) == [("enrolled", None)]
    assert mine(cast.viewer) == [("waiting", 1)]
    assert mine(cast.no_role) == [("waiting", 2)]
    assert mine(cast.administrator) == []


def test_the_catalogue_takes_three_queries_whatever_its_size__R_X_3(cast):
    for number in range(20):
        course = make_course(f"Cursus {number}")
        for days in (3, 4, 5):
            enrol(contact=cast.employee, event=make_event(course, days=days, capacity=1))
    with CaptureQueriesContext(connection) as captured:
        courses = _catalogue(cast.employee)
        assert sum(len(event.mine) for course in courses for event in course.upcoming) == 60
    assert len(captured) == 3


def test_waiting_positions_follow_the_time_of_enrolling_then_the_id__R_COURSE_1(cast):
    event = make_event(capacity=1)
    enrol(contact=cast.employee, event=event)
    moment = timezone.now()
    contacts = [cast.viewer, cast.no_role, cast.submitter, cast.expert]
    for contact in contacts:  # the same moment for all: the id decides
        Enrolment.objects.create(event=event, contact=contact, status=EnrolmentStatus.WAITING,
                                 created_at=moment)
    Enrolment.objects.filter(contact=cast.expert).update(
        created_at=moment - dt.timedelta(seconds=1))  # earlier than the others
    positions = {contact.pk: queries.waiting_position(
        Enrolment.objects.get(contact=contact)) for contact in contacts}
    assert positions == {cast.expert.pk: 1, cast.viewer.pk: 2, cast.no_role.pk: 3,
                         cast.submitter.pk: 4}
    [own] = queries.enrolments_of(cast.no_role, now=timezone.now())
    assert own.waiting_position == 3
    assert queries.waiting_position(Enrolment.objects.get(contact=cast.employee)) is None


def test_a_cancelled_place_no_longer_counts_in_the_line__R_COURSE_1(cast):
    event = make_event(capacity=1)
    enrol(contact=cast.employee, event=event)
    first = enrol(contact=cast.viewer, event=event)
    second = enrol(contact=cast.no_role, event=event)
    cancel_enrolment(contact=cast.viewer, enrolment=first)
    assert queries.waiting_position(second) == 1


def test_own_enrolments_are_live_ones_of_events_that_have_not_ended(cast):
    soon = enrol(contact=cast.employee, event=make_event(days=2))
    running = enrol(contact=cast.employee, event=make_event(days=1))
    running.event.starts_at = timezone.now() - dt.timedelta(hours=1)
    running.event.save()
    ended = make_event(days=-2)
    Enrolment.objects.create(event=ended, contact=cast.employee, status="enrolled")
    cancelled = enrol(contact=cast.employee, event=make_event(days=3))
    cancel_enrolment(contact=cast.employee, enrolment=cancelled)
    enrol(contact=cast.viewer, event=make_event(days=2))  # a colleague's
    own = list(queries.enrolments_of(cast.employee, now=timezone.now()))
    assert [e.pk for e in own] == [running.pk, soon.pk]


@override_settings(COURSE_PASSING_GRADE=Decimal("5.5"))
def test_results_are_the_contacts_own_newest_first_with_passed__R_COURSE_2(cast):
    course = make_course("Basis")
    old = make_result(cast.employee, course, "5.4", taken_on=dt.date(2026, 1, 5))
    new = make_result(cast.employee, course, "5.5", taken_on=dt.date(2026, 2, 5))
    make_result(cast.viewer, course, "9.0")
    results = list(queries.results_of(cast.employee))
    assert results == [new, old]
    assert [r.passed for r in results] == [True, False]


def test_material_is_for_contacts_with_a_seat_and_employee__R_COURSE_3_R_ROLE_3(cast):
    course = make_course("Met materiaal")
    event = make_event(course, capacity=1)
    file = make_material_file(course)
    link = make_material_link(course)
    make_material_file(make_course("Anders"), title="Niet voor jou")
    enrol(contact=cast.employee, event=event)
    enrol(contact=cast.administrator, event=event)  # waiting: no seat
    no_role = make_contact(cast.organisation, email="nr2@test.example")
    enrol(contact=no_role, event=make_event(course, capacity=5))
    assert set(queries.material_for(cast.employee)) == {file, link}
    assert list(queries.material_for(cast.administrator)) == []
    assert list(queries.material_for(no_role)) == []  # a seat but no EMPLOYEE
    assert queries.get_material_for(cast.employee, file.pk) == file
    for contact, pk in [(cast.employee, link.pk), (cast.administrator, file.pk),
                        (no_role, file.pk)]:
        with pytest.raises(Http404):
            queries.get_material_for(contact, pk)


def test_material_of_a_cancelled_event_or_enrolment_is_gone__R_COURSE_3(cast):
    course = make_course("Met materiaal")
    event = make_event(course)
    make_material_file(course)
    enrolment = enrol(contact=cast.employee, event=event)
    assert queries.material_for(cast.employee).count() == 1
    event.is_cancelled = True
    event.save()
    assert queries.material_for(cast.employee).count() == 0
    event.is_cancelled = False
    event.save()
    cancel_enrolment(contact=cast.employee, enrolment=enrolment)
    assert queries.material_for(cast.employee).count() == 0


def test_get_enrolment_for_is_404_for_anyone_elses__R_ROLE_14(cast):
    enrolment = enrol(contact=cast.employee, event=make_event())
    assert queries.get_enrolment_for(cast.employee, enrolment.pk) == enrolment
    for contact, pk in [(cast.administrator, enrolment.pk), (cast.other_administrator,
                        enrolment.pk), (cast.employee, 999_999)]:
        with pytest.raises(Http404):
            queries.get_enrolment_for(contact, pk)


def test_get_event_for_hides_courses_out_of_the_catalogue(cast):
    event = make_event()
    assert queries.get_event_for(cast.no_role, event.pk) == event
    hidden = make_event(make_course(is_active=False))
    for pk in (hidden.pk, 999_999):
        with pytest.raises(Http404):
            queries.get_event_for(cast.no_role, pk)


def test_administrators_see_their_organisations_enrolments_and_results__R_COURSE_2(cast):
    course = make_course("Basis")
    event = make_event(course, capacity=1)
    ours = [enrol(contact=cast.employee, event=event), enrol(contact=cast.viewer, event=event)]
    theirs = enrol(contact=cast.other_administrator, event=event)
    make_result(cast.no_role, course, "6.0")
    make_result(cast.other_administrator, course, "8.0")
    now = timezone.now()
    listed = list(queries.organisation_enrolments(cast.administrator, now=now))
    assert listed == ours
    assert [e.waiting_position for e in listed] == [None, 1]
    assert [r.contact for r in queries.organisation_results(cast.administrator)] == [
        cast.no_role]
    other = list(queries.organisation_enrolments(cast.other_administrator, now=now))
    assert other == [theirs] and other[0].waiting_position == 2


@pytest.mark.parametrize("who", ["employee", "submitter", "viewer", "no_role", "expert"])
def test_only_administrators_get_the_organisation_lists__R_ROLE_8(cast, who):
    contact = getattr(cast, who)
    with pytest.raises(CapabilityDenied):
        queries.organisation_enrolments(contact, now=timezone.now())
    with pytest.raises(CapabilityDenied):
        queries.organisation_results(contact)


def test_an_administrator_who_is_also_a_colleague_is_counted_once(cast):
    """A contact with several roles appears once in the organisation's list."""
    both = make_contact(cast.organisation, Role.ADMINISTRATOR, Role.EMPLOYEE,
                        email="both@test.example")
    enrol(contact=both, event=make_event())
    assert len(queries.organisation_enrolments(both, now=timezone.now())) == 1
