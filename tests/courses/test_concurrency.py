"""Capacity holds when many contacts enrol at the same moment (R-COURSE-1), on PostgreSQL
with one connection per thread."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from courses import actions
from courses.models import Course, Enrolment, Event
from tests.concurrency import run_together
from tests.factories import make_contact

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_enrolments_never_overflow_the_capacity__R_COURSE_1(cast):
    starts = timezone.now() + dt.timedelta(days=3)
    event = Event.objects.create(
        course=Course.objects.create(code="RACE", title="Race"), starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2), capacity=2, online=True)
    contacts = [make_contact(cast.organisation, Role.EMPLOYEE) for _ in range(8)]
    outcomes = run_together([
        (lambda contact=contact: actions.enrol(contact=contact, event=event).status)
        for contact in contacts
    ])
    assert sorted(outcomes) == ["enrolled"] * 2 + ["waiting"] * 6
    assert Enrolment.objects.filter(event=event, status="enrolled").count() == 2


def test_simultaneous_cancellations_promote_each_waiting_contact_once__R_COURSE_1(cast):
    starts = timezone.now() + dt.timedelta(days=3)
    event = Event.objects.create(
        course=Course.objects.create(code="RACE2", title="Race"), starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2), capacity=2, online=True)
    seated = [actions.enrol(contact=make_contact(cast.organisation), event=event)
              for _ in range(2)]
    waiting = [actions.enrol(contact=make_contact(cast.organisation), event=event)
               for _ in range(3)]
    run_together([
        (lambda enrolment=enrolment: str(actions.cancel_enrolment(
            contact=enrolment.contact, enrolment=enrolment)))
        for enrolment in seated
    ])
    statuses = [Enrolment.objects.get(pk=enrolment.pk).status for enrolment in waiting]
    assert statuses == ["enrolled", "enrolled", "waiting"]
    assert Enrolment.objects.filter(event=event, status="enrolled").count() == 2
