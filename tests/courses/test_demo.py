"""Demo courses, events and results (seed_demo, SPEC §11): every level, a starter course per
submission profile (R-GATE-3), one full event with a waiting list (R-COURSE-1), and nieuw@
blocked by the gate while insturen@ is not (R-GATE-1)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from contacts import demo as contacts_demo
from contacts.models import Contact, SubmissionProfile
from courses import actions
from courses import demo as courses_demo
from courses.gate import submission_gate
from courses.models import (
    Course, CourseMaterial, Enrolment, EnrolmentStatus, Event, Level, Result,
    StarterCourseRequirement,
)

pytestmark = pytest.mark.django_db

FREE_FOR_BROWSER_TESTS = {"medewerker@demo.example", "geenrol@demo.example"}


@pytest.fixture
def seeded():
    contacts_demo.seed()
    courses_demo.seed()


def contact(email: str) -> Contact:
    return Contact.objects.get(user__email=email)


def full_event() -> Event:
    return Event.objects.get(course__code="FIN-BAS")


def test_a_course_of_every_level(seeded):
    assert set(Course.objects.values_list("level", flat=True)) == set(Level.values)
    assert not Course.objects.filter(is_active=False).exists()


def test_a_starter_course_per_submission_profile__R_GATE_3(seeded):
    requirements = StarterCourseRequirement.objects.select_related("course")
    assert {r.submission_profile for r in requirements} == set(SubmissionProfile.values)
    assert all(r.course.is_starter and r.course.level == Level.STARTER for r in requirements)
    assert len({r.course_id for r in requirements}) == len(SubmissionProfile.values)


def test_material_has_a_link_and_a_stored_pdf__R_COURSE_3(seeded):
    links = CourseMaterial.objects.exclude(url="")
    files = CourseMaterial.objects.exclude(file="")
    assert links.exists() and files.exists()
    for material in files:
        assert material.url == ""
        assert material.file.name.startswith(f"private/courses/{material.course_id}/")
        with material.file.open("rb") as pdf:
            body = pdf.read()
        assert body.startswith(b"%PDF-") and material.title.encode() in body


def test_events_are_upcoming_and_one_is_online(seeded):
    events = Event.objects.all()
    assert events.count() >= 5
    assert all(event.is_upcoming for event in events)
    assert events.filter(online=True).count() == 1
    assert not events.filter(online=False, location="").exists()


def test_one_event_is_full_with_a_waiting_list_of_one__R_COURSE_1(seeded):
    event = full_event()
    assert event.capacity == 2
    enrolled = event.enrolments.filter(status=EnrolmentStatus.ENROLLED).select_related(
        "contact__user", "contact__organisation")
    waiting = event.enrolments.filter(status=EnrolmentStatus.WAITING)
    assert enrolled.count() == 2 and waiting.count() == 1
    assert {e.contact.organisation.name for e in enrolled} == {"Demo BV"}
    emails = set(event.enrolments.values_list("contact__user__email", flat=True))
    assert not emails & FREE_FOR_BROWSER_TESTS
    assert not Enrolment.objects.filter(contact__user__email__in=FREE_FOR_BROWSER_TESTS).exists()


def test_insturen_passed_the_finance_starter_course_and_nieuw_did_not__R_GATE_1(seeded):
    insturen = Result.objects.get(contact__user__email="insturen@demo.example",
                                  course__code="STA-FIN")
    nieuw = Result.objects.get(contact__user__email="nieuw@demo.example", course__code="STA-FIN")
    assert insturen.grade == Decimal("8.0") and nieuw.grade == Decimal("6.0")
    assert StarterCourseRequirement.objects.get(
        submission_profile=SubmissionProfile.FINANCE).course.code == "STA-FIN"
    assert contact("nieuw@demo.example").submission_profile == SubmissionProfile.FINANCE
    assert not Result.objects.filter(contact__user__email="nieuw@demo.example",
                                     grade__gte=Decimal("7.0")).exists()
    assert Result.objects.count() > 2
    assert all(result.taken_on <= timezone.localdate() for result in Result.objects.all())


def test_the_gate_blocks_nieuw_and_lets_insturen_submit__R_GATE_1(seeded):
    assert submission_gate(contact("nieuw@demo.example")).blocked_by_course is True
    assert submission_gate(contact("insturen@demo.example")).blocked_by_course is False
    assert submission_gate(contact("insturen@demo.example")).may_submit is True


def _snapshot():
    return (
        sorted(Course.objects.values_list("pk", "code", "title", "level", "is_starter")),
        sorted(StarterCourseRequirement.objects.values_list("submission_profile", "course_id")),
        sorted(CourseMaterial.objects.values_list("pk", "title", "file", "url")),
        sorted(Event.objects.values_list("pk", "course_id", "starts_at", "capacity", "online")),
        sorted(Enrolment.objects.values_list("pk", "event_id", "contact_id", "status")),
        sorted(Result.objects.values_list("contact_id", "course_id", "grade", "taken_on")),
    )


def test_seeding_again_changes_nothing(seeded):
    before = _snapshot()
    courses_demo.seed()
    assert _snapshot() == before


def test_seeding_again_puts_back_what_the_demo_changed(seeded):
    event = full_event()
    first_seat = event.enrolments.filter(status=EnrolmentStatus.ENROLLED).first()
    actions.cancel_enrolment(contact=first_seat.contact, enrolment=first_seat)
    actions.enrol(contact=contact("medewerker@demo.example"), event=event)
    actions.record_result(contact=contact("nieuw@demo.example"),
                          course=Course.objects.get(code="STA-FIN"), grade=Decimal("9.0"),
                          taken_on=timezone.localdate(),
                          actor=contacts_demo.staff_of("Customer Care"))
    courses_demo.seed()
    statuses = list(full_event().enrolments.order_by("created_at", "pk")
                    .values_list("contact__user__email", "status"))
    assert statuses == [("insturen@demo.example", "enrolled"),
                        ("bekijken@demo.example", "enrolled"),
                        ("expert@demo.example", "waiting")]
    assert submission_gate(contact("nieuw@demo.example")).blocked_by_course is True
