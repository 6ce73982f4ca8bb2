"""The starter-course gate (R-GATE-1, R-GATE-2): may this contact submit incidents, and if
not, why and which course they must pass. The incident feature asks only this."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from accounts.permissions import Capability, can
from contacts.models import Contact

from .models import Course, Result, StarterCourseRequirement


class GateReason(enum.Enum):
    ALLOWED = "allowed"
    EXEMPT = "exempt"  # created before SUBMIT_COURSE_GATE_FROM
    NO_ROLE = "no_role"
    COURSE_NOT_PASSED = "course_not_passed"


@dataclass(frozen=True)
class GateStatus:
    reason: GateReason
    course: Course | None = None  # the starter course required (passed or not)
    best_grade: Decimal | None = None

    @property
    def may_submit(self) -> bool:
        return self.reason in (GateReason.ALLOWED, GateReason.EXEMPT)

    @property
    def required_grade(self) -> Decimal:
        return settings.SUBMIT_COURSE_GATE_GRADE

    @property
    def blocked_by_course(self) -> bool:
        return self.reason is GateReason.COURSE_NOT_PASSED


def gate_applies_to(contact: Contact) -> bool:
    created = timezone.localdate(contact.created_at)
    return created >= settings.SUBMIT_COURSE_GATE_FROM


def course_gate(contact: Contact) -> GateStatus:
    """The starter-course part alone: would this contact pass the gate if they had the role?
    (an administrator assigning the role is warned with it, R-GATE-2)."""
    if not gate_applies_to(contact):
        return GateStatus(GateReason.EXEMPT)
    requirement = (StarterCourseRequirement.objects.select_related("course")
                   .filter(submission_profile=contact.submission_profile).first())
    if requirement is None:
        return GateStatus(GateReason.ALLOWED)
    grades = Result.objects.filter(contact=contact, course=requirement.course).values_list(
        "grade", flat=True)
    best = max(grades, default=None)
    if best is not None and best >= settings.SUBMIT_COURSE_GATE_GRADE:
        return GateStatus(GateReason.ALLOWED, requirement.course, best)
    return GateStatus(GateReason.COURSE_NOT_PASSED, requirement.course, best)


def submission_gate(contact: Contact | None) -> GateStatus:
    """May this contact submit incidents now (role, then starter course)?"""
    if contact is None or not can(contact, Capability.SUBMIT_INCIDENTS):
        return GateStatus(GateReason.NO_ROLE)
    return course_gate(contact)
