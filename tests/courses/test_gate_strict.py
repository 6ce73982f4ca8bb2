"""The gate never falls through (R-GATE-4) and results belong to the person (R-GATE-5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from contacts import actions
from contacts.actions import ContactChanges
from contacts.models import Contact, SubmissionProfile
from courses.actions import record_result
from courses.gate import (
    GateReason, blocked_submitters, course_gate, profiles_without_course, submission_gate,
)
from courses.models import Course, Level, Result, StarterCourseRequirement
from tests.courses.factories import make_event
from tests.factories import make_contact, make_organisation, staff_member

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NEW = dt.datetime(2026, 2, 1, 9, 0, tzinfo=AMSTERDAM)
OLD = dt.datetime(2025, 6, 1, 9, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def starters():
    """A starter course for Finance and for HRM/Payroll; none for CRM and Projects."""
    courses = {}
    for profile, code in [(SubmissionProfile.FINANCE, "STA-FIN"),
                          (SubmissionProfile.HRM_PAYROLL, "STA-HRM")]:
        courses[profile] = Course.objects.create(code=code, title=f"Startcursus {code}",
                                                 level=Level.STARTER, is_starter=True)
        StarterCourseRequirement.objects.create(submission_profile=profile,
                                                course=courses[profile])
    return courses


def submitter(organisation, profile: str, created=NEW, **fields) -> Contact:
    return make_contact(organisation, Role.SUBMIT_INCIDENTS, created_at=created,
                        submission_profile=profile, **fields)


@pytest.mark.parametrize("profile, reason", [
    ("", GateReason.NO_PROFILE),
    ("no-such-profile", GateReason.NO_PROFILE),
    (SubmissionProfile.FINANCE, GateReason.COURSE_NOT_PASSED),
    (SubmissionProfile.HRM_PAYROLL, GateReason.COURSE_NOT_PASSED),
    (SubmissionProfile.CRM, GateReason.NO_COURSE_CONFIGURED),
    (SubmissionProfile.PROJECTS, GateReason.NO_COURSE_CONFIGURED),
])
def test_every_profile_value_blocks_until_its_course_is_passed__R_GATE_4(
        cast, starters, profile, reason):
    contact = submitter(cast.organisation, profile)
    status = submission_gate(contact)
    assert status.reason is reason
    assert not status.may_submit and status.blocked


@pytest.mark.parametrize("profile", ["", "no-such-profile", SubmissionProfile.CRM])
def test_contacts_from_before_the_gate_date_stay_exempt_whatever_the_profile__R_GATE_1(
        cast, starters, profile):
    assert submission_gate(submitter(cast.organisation, profile, created=OLD)).may_submit


def test_switching_profile_never_unblocks__R_GATE_4(cast, starters):
    """Blocked on Finance; the administrator switches to "—", to a profile without a course
    and to another profile: blocked each time, until the person passes that profile's course."""
    contact = submitter(cast.organisation, SubmissionProfile.FINANCE)
    record_result(contact=contact, course=starters[SubmissionProfile.FINANCE],
                  grade=Decimal("6.0"), taken_on=dt.date(2026, 3, 1),
                  actor=staff_member("Customer Care"))
    assert submission_gate(contact).blocked
    for profile in [SubmissionProfile.CRM, SubmissionProfile.HRM_PAYROLL]:
        actions.update_contact(actor=cast.administrator, contact=contact, changes=ContactChanges(
            roles=frozenset({Role.SUBMIT_INCIDENTS}), submission_profile=profile))
        contact.refresh_from_db()
        assert not submission_gate(contact).may_submit, profile
    with pytest.raises(actions.ProfileRequired):
        actions.update_contact(actor=cast.administrator, contact=contact, changes=ContactChanges(
            roles=frozenset({Role.SUBMIT_INCIDENTS}), submission_profile=""))
    record_result(contact=contact, course=starters[SubmissionProfile.HRM_PAYROLL],
                  grade=Decimal("7.0"), taken_on=dt.date(2026, 4, 1),
                  actor=staff_member("Customer Care"))
    assert submission_gate(contact).may_submit
    # Passing HRM does not count once the profile is Finance again.
    actions.update_contact(actor=cast.administrator, contact=contact, changes=ContactChanges(
        roles=frozenset({Role.SUBMIT_INCIDENTS}), submission_profile=SubmissionProfile.FINANCE))
    contact.refresh_from_db()
    assert submission_gate(contact).blocked_by_course


def test_the_role_needs_a_profile_for_gated_contacts__R_GATE_4(cast, starters):
    with pytest.raises(actions.ProfileRequired):
        actions.update_contact(actor=cast.administrator, contact=cast.employee,
                               changes=ContactChanges(roles=frozenset({Role.SUBMIT_INCIDENTS}),
                                                      submission_profile=""))
    with pytest.raises(actions.ProfileRequired):
        actions.invite_contact(actor=cast.administrator, email="nina@test.example",
                               first_name="Nina", last_name="Nieuw", changes=ContactChanges(
                                   roles=frozenset({Role.SUBMIT_INCIDENTS}),
                                   submission_profile=""))
    with pytest.raises(actions.ContactError):
        actions.update_contact(actor=cast.administrator, contact=cast.employee,
                               changes=ContactChanges(roles=frozenset({Role.SUBMIT_INCIDENTS}),
                                                      submission_profile="bogus"))
    cast.employee.refresh_from_db()
    assert not cast.employee.can_submit_incidents


def test_an_exempt_contact_gets_the_role_without_a_profile__R_GATE_1(cast, starters):
    old = make_contact(cast.organisation, Role.EMPLOYEE, created_at=OLD)
    actions.update_contact(actor=cast.administrator, contact=old, changes=ContactChanges(
        roles=frozenset({Role.SUBMIT_INCIDENTS}), submission_profile=""))
    old.refresh_from_db()
    assert old.can_submit_incidents and submission_gate(old).may_submit


def test_a_pass_counts_in_every_organisation_of_the_person__R_GATE_5(cast, starters):
    """A consultant passed the starter course for one customer: no second exam for the next."""
    consultant = submitter(cast.organisation, SubmissionProfile.FINANCE)
    elsewhere = submitter(cast.other_organisation, SubmissionProfile.FINANCE,
                          user=consultant.user)
    assert submission_gate(elsewhere).blocked_by_course
    record_result(contact=consultant, course=starters[SubmissionProfile.FINANCE],
                  grade=Decimal("8.0"), taken_on=dt.date(2026, 3, 1),
                  actor=staff_member("Customer Care"))
    assert submission_gate(consultant).may_submit
    assert submission_gate(elsewhere).may_submit
    assert Result.objects.get().user == consultant.user


def test_the_same_exam_recorded_in_two_organisations_is_one_result__R_GATE_5(cast, starters):
    consultant = submitter(cast.organisation, SubmissionProfile.FINANCE)
    elsewhere = submitter(cast.other_organisation, SubmissionProfile.FINANCE,
                          user=consultant.user)
    course = starters[SubmissionProfile.FINANCE]
    record_result(contact=consultant, course=course, grade=Decimal("6.0"),
                  taken_on=dt.date(2026, 3, 1), actor=staff_member("Customer Care"))
    record_result(contact=elsewhere, course=course, grade=Decimal("7.5"),
                  taken_on=dt.date(2026, 3, 1), actor=staff_member("Customer Care"))
    assert Result.objects.count() == 1
    assert submission_gate(consultant).may_submit


def test_blocked_submitters_are_listed_with_course_since_and_next_event__R_GATE_5(
        cast, starters):
    course = starters[SubmissionProfile.FINANCE]
    later = make_event(course, days=30)
    make_event(course, days=-3)  # in the past: not the next one
    make_event(course, days=5, is_cancelled=True)  # cancelled: not the next one
    finance = submitter(cast.organisation, SubmissionProfile.FINANCE)
    no_course = submitter(cast.organisation, SubmissionProfile.CRM)
    passed = submitter(cast.organisation, SubmissionProfile.FINANCE)
    record_result(contact=passed, course=course, grade=Decimal("9.0"),
                  taken_on=dt.date(2026, 3, 1), actor=staff_member("Customer Care"))
    submitter(cast.organisation, SubmissionProfile.FINANCE, created=OLD)  # exempt
    submitter(cast.organisation, SubmissionProfile.FINANCE, is_active=False)  # inactive
    submitter(cast.other_organisation, SubmissionProfile.FINANCE)  # another organisation
    blocked = blocked_submitters(Contact.objects.filter(organisation=cast.organisation))
    by_contact = {item.contact.pk: item for item in blocked}
    assert set(by_contact) == {finance.pk, no_course.pk}
    assert by_contact[finance.pk].gate.course == course
    assert by_contact[finance.pk].next_event == later
    assert by_contact[finance.pk].since == finance.submitter_since
    assert by_contact[no_course.pk].gate.reason is GateReason.NO_COURSE_CONFIGURED
    assert by_contact[no_course.pk].next_event is None


def test_blocked_submitters_take_three_queries_at_1_and_50__R_GATE_5_R_X_3(cast, starters):
    course = starters[SubmissionProfile.FINANCE]
    make_event(course, days=10)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            blocked_submitters(Contact.objects.filter(organisation=cast.organisation))
        return len(queries)

    submitter(cast.organisation, SubmissionProfile.FINANCE)
    one = count()
    for _ in range(49):
        submitter(cast.organisation, SubmissionProfile.FINANCE)
    assert count() == one == 3


def test_staff_are_warned_of_a_profile_without_a_starter_course__R_GATE_4(starters):
    assert profiles_without_course() == [SubmissionProfile.CRM, SubmissionProfile.PROJECTS]
    from io import StringIO
    out = StringIO()
    call_command("check", "--database", "default", stderr=out, stdout=out)
    assert "courses.W001" in out.getvalue() and "'crm'" in out.getvalue()


def test_course_gate_reads_the_persons_results_not_the_contacts(cast, starters):
    contact = submitter(make_organisation(), SubmissionProfile.FINANCE)
    Result.objects.create(user=contact.user, contact=None,
                          course=starters[SubmissionProfile.FINANCE], grade=Decimal("7.0"),
                          taken_on=dt.date(2026, 3, 2))
    assert course_gate(contact).may_submit
