"""The starter-course gate (R-GATE-1, R-GATE-2, R-GATE-3).

The strict rules of R-GATE-4/5 are in test_gate_strict.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from accounts.roles import Role
from contacts.models import SubmissionProfile
from courses.actions import record_result
from courses.gate import GateReason, course_gate, submission_gate
from courses.models import Course, Level, StarterCourseRequirement
from tests.factories import make_contact, staff_member

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def starter():
    course = Course.objects.create(code="START-FIN", title="Startcursus Financieel",
                                   level=Level.STARTER, is_starter=True)
    StarterCourseRequirement.objects.create(submission_profile=SubmissionProfile.FINANCE,
                                            course=course)
    return course


def submitter(cast, created: dt.datetime, **fields):
    fields.setdefault("submission_profile", SubmissionProfile.FINANCE)
    return make_contact(cast.organisation, Role.SUBMIT_INCIDENTS, created_at=created, **fields)


NEW = dt.datetime(2026, 2, 1, 9, 0, tzinfo=AMSTERDAM)
OLD = dt.datetime(2025, 12, 31, 23, 30, tzinfo=AMSTERDAM)


def test_contacts_created_before_the_gate_date_are_exempt__R_GATE_1(cast, starter):
    assert submission_gate(submitter(cast, OLD)).reason is GateReason.EXEMPT
    assert submission_gate(submitter(cast, OLD)).may_submit


def test_the_gate_date_counts_in_amsterdam_time__R_GATE_1(cast, starter):
    """00:30 on 1 January in Amsterdam is still 31 December in UTC: the gate applies."""
    created = dt.datetime(2026, 1, 1, 0, 30, tzinfo=AMSTERDAM)
    assert submission_gate(submitter(cast, created)).blocked_by_course


def test_a_new_contact_must_pass_the_profiles_starter_course_with_7__R_GATE_1(cast, starter):
    contact = submitter(cast, NEW)
    status = submission_gate(contact)
    assert status.blocked_by_course and status.course == starter and not status.may_submit
    record_result(contact=contact, course=starter, grade=Decimal("6.9"),
                  taken_on=dt.date(2026, 3, 1), actor=staff_member("Customer Care"))
    assert submission_gate(contact).blocked_by_course
    assert submission_gate(contact).best_grade == Decimal("6.9")
    record_result(contact=contact, course=starter, grade=Decimal("7.0"),
                  taken_on=dt.date(2026, 4, 1), actor=staff_member("Customer Care"))
    assert submission_gate(contact).may_submit


def test_the_passing_grade_is_a_setting__R_GATE_1(cast, starter, settings):
    settings.SUBMIT_COURSE_GATE_GRADE = Decimal("8.0")
    contact = submitter(cast, NEW)
    record_result(contact=contact, course=starter, grade=Decimal("7.5"),
                  taken_on=dt.date(2026, 3, 1), actor=staff_member("Customer Care"))
    assert submission_gate(contact).blocked_by_course


def test_the_gate_date_is_a_setting__R_GATE_1(cast, starter, settings):
    settings.SUBMIT_COURSE_GATE_FROM = dt.date(2026, 6, 1)
    assert submission_gate(submitter(cast, NEW)).reason is GateReason.EXEMPT


def test_another_course_does_not_count__R_GATE_3(cast, starter):
    contact = submitter(cast, NEW)
    other = Course.objects.create(code="START-HRM", title="Startcursus HRM", is_starter=True)
    record_result(contact=contact, course=other, grade=Decimal("9.0"),
                  taken_on=dt.date(2026, 3, 1), actor=staff_member("Customer Care"))
    assert submission_gate(contact).blocked_by_course


def test_staff_decide_which_course_a_profile_needs__R_GATE_3_R_GATE_4(cast, starter):
    contact = submitter(cast, NEW, submission_profile=SubmissionProfile.CRM)
    status = submission_gate(contact)  # no starter course configured for CRM: blocked
    assert status.reason is GateReason.NO_COURSE_CONFIGURED and not status.may_submit
    crm = Course.objects.create(code="START-CRM", title="Startcursus CRM", is_starter=True)
    StarterCourseRequirement.objects.create(submission_profile=SubmissionProfile.CRM,
                                            course=crm)
    assert submission_gate(contact).course == crm
    assert submission_gate(contact).blocked_by_course


def test_without_the_role_the_reason_is_the_role__R_GATE_2(cast, starter):
    status = submission_gate(cast.employee)
    assert status.reason is GateReason.NO_ROLE and not status.may_submit
    assert course_gate(cast.employee).reason is GateReason.NO_PROFILE
