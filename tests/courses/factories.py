"""Courses, events, material and results for tests; enrolments go through the real actions
(``courses.actions.enrol``) unless a test needs a state the actions cannot reach."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.roles import Role
from contacts.models import Contact, Organisation, SubmissionProfile
from courses.actions import enrol
from courses.models import (
    Course, CourseMaterial, Event, Level, Result, StarterCourseRequirement,
)
from tests.factories import make_contact

_numbers = itertools.count(1)


def make_course(title: str | None = None, *, level: Level = Level.BASIC, **fields) -> Course:
    number = next(_numbers)
    fields.setdefault("code", f"TST-{number:04d}")
    return Course.objects.create(title=title or f"Cursus {number}", level=level, **fields)


def make_event(course: Course | None = None, *, capacity: int = 10, days: float = 14,
               hours: float = 7, **fields) -> Event:
    """An event ``days`` from now (negative: in the past) lasting ``hours``."""
    starts = timezone.now() + dt.timedelta(days=days)
    fields.setdefault("location", "Leusden")
    return Event.objects.create(course=course or make_course(), starts_at=starts,
                                ends_at=starts + dt.timedelta(hours=hours),
                                capacity=capacity, **fields)


def make_material_file(course: Course, title: str = "Werkboek", *,
                       name: str = "werkboek.pdf", content: bytes = b"%PDF-1.4 werkboek"
                       ) -> CourseMaterial:
    material = CourseMaterial(course=course, title=title)
    material.file.save(name, ContentFile(content), save=False)
    material.save()
    return material


def make_material_link(course: Course, title: str = "Video-instructie", *,
                       url: str = "https://video.example/instructie") -> CourseMaterial:
    return CourseMaterial.objects.create(course=course, title=title, url=url)


def make_result(contact: Contact, course: Course, grade: str = "7.5", *,
                taken_on: dt.date | None = None) -> Result:
    return Result.objects.create(user_id=contact.user_id, contact=contact, course=course,
                                 grade=Decimal(grade), taken_on=taken_on or dt.date(2026, 3, 1))


def material_with_seats(*contacts: Contact) -> CourseMaterial:
    """A file of a course in which each of ``contacts`` has a seat (through the action)."""
    course = make_course("Cursus met materiaal")
    event = make_event(course, capacity=max(len(contacts), 1))
    for contact in contacts:
        enrol(contact=contact, event=event)
    return make_material_file(course)


def make_blocked_submitter(organisation: Organisation, *, email: str | None = None,
                           **fields) -> tuple[Contact, Course]:
    """A submitter created after SUBMIT_COURSE_GATE_FROM whose profile needs a starter course
    they have not passed (R-GATE-1); returns the contact and the starter course."""
    starter = (StarterCourseRequirement.objects.filter(
        submission_profile=SubmissionProfile.FINANCE).select_related("course").first())
    course = starter.course if starter else make_course(
        "Startcursus Financieel", level=Level.STARTER, is_starter=True)
    if starter is None:
        StarterCourseRequirement.objects.create(submission_profile=SubmissionProfile.FINANCE,
                                                course=course)
    fields.setdefault("created_at", dt.datetime(2026, 2, 1, 9, tzinfo=dt.timezone.utc))
    contact = make_contact(organisation, Role.EMPLOYEE, Role.SUBMIT_INCIDENTS, email=email,
                           submission_profile=SubmissionProfile.FINANCE, **fields)
    return contact, course
