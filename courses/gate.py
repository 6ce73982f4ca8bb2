"""The starter-course gate (R-GATE-1 … R-GATE-5): may this contact submit incidents, and if
not, why and which course they must pass. The incident feature asks only this.

The gate never falls through (R-GATE-4): a contact it applies to (created on or after
``SUBMIT_COURSE_GATE_FROM``) needs a submission profile, the profile needs a starter course
configured by staff, and the person (the user, whatever organisation they passed it in:
R-GATE-5) needs a grade of at least ``SUBMIT_COURSE_GATE_GRADE`` for that course. A missing
profile or a profile without a course blocks; changing the profile only changes which course
is asked for.

``with_gate`` adds what the decision needs to a queryset of contacts in SQL (the required
course and the person's best grade for it), so a list of seat holders is decided in a fixed
number of queries; ``course_gate`` decides for one contact.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.permissions import Capability, can
from contacts.models import Contact, SubmissionProfile
from core.queries import count_of

from .models import Course, Event, Result, StarterCourseRequirement

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class GateAnnotations(TypedDict):
    gate_course_id: int | None
    gate_best_grade: Decimal | None


class GateReason(enum.Enum):
    ALLOWED = "allowed"
    EXEMPT = "exempt"  # created before SUBMIT_COURSE_GATE_FROM
    NO_ROLE = "no_role"
    NO_PROFILE = "no_profile"  # no submission profile: the administrator must choose one
    NO_COURSE_CONFIGURED = "no_course_configured"  # Support is arranging the starter course
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
    def blocked(self) -> bool:
        """The contact has (or would have) the role, but the starter-course gate stops them."""
        return self.reason in (GateReason.NO_PROFILE, GateReason.NO_COURSE_CONFIGURED,
                               GateReason.COURSE_NOT_PASSED)

    @property
    def blocked_by_course(self) -> bool:
        return self.reason is GateReason.COURSE_NOT_PASSED


def gate_applies_to(contact: Contact) -> bool:
    created = timezone.localdate(contact.created_at)
    return created >= settings.SUBMIT_COURSE_GATE_FROM


def with_gate(contacts: QuerySet[Contact],
              ) -> QuerySet[WithAnnotations[Contact, GateAnnotations]]:
    """Annotate ``gate_course_id`` (the starter course the contact's profile requires) and
    ``gate_best_grade`` (the person's best grade for it, in any organisation)."""
    required = (StarterCourseRequirement.objects
                .filter(submission_profile=OuterRef("submission_profile")).values("course_id")[:1])
    best = (Result.objects.filter(user_id=OuterRef("user_id"), course_id=OuterRef("gate_course_id"))
            .values("user_id").annotate(best=Max("grade")).values("best")[:1])
    return contacts.annotate(gate_course_id=Subquery(required)).annotate(
        gate_best_grade=Subquery(best))


def _decide(contact: Contact, course: Course | None, best: Decimal | None) -> GateStatus:
    """The one rule of the gate, for a contact with the required course and best grade."""
    if not gate_applies_to(contact):
        return GateStatus(GateReason.EXEMPT)
    if contact.submission_profile not in SubmissionProfile.values:  # empty or unknown
        return GateStatus(GateReason.NO_PROFILE)
    if course is None:
        return GateStatus(GateReason.NO_COURSE_CONFIGURED)
    if best is not None and best >= settings.SUBMIT_COURSE_GATE_GRADE:
        return GateStatus(GateReason.ALLOWED, course, best)
    return GateStatus(GateReason.COURSE_NOT_PASSED, course, best)


def course_gate(contact: Contact) -> GateStatus:
    """The starter-course part alone: would this contact pass the gate if they had the role?
    (an administrator assigning the role is warned with it, R-GATE-2). One or two queries."""
    if not gate_applies_to(contact):
        return GateStatus(GateReason.EXEMPT)
    row = (with_gate(Contact.objects.filter(pk=contact.pk))
           .values("gate_course_id", "gate_best_grade").first())
    course_id = row["gate_course_id"] if row else None
    course = Course.objects.filter(pk=course_id).first() if course_id else None
    return _decide(contact, course, row["gate_best_grade"] if row else None)


def submission_gate(contact: Contact | None) -> GateStatus:
    """May this contact submit incidents now (role, then starter course)?"""
    if contact is None or not can(contact, Capability.SUBMIT_INCIDENTS):
        return GateStatus(GateReason.NO_ROLE)
    return course_gate(contact)


@dataclass(frozen=True)
class BlockedSubmitter:
    """A contact with the role Submit incidents whom the gate still stops (R-GATE-5)."""

    contact: Contact
    gate: GateStatus
    since: dt.datetime  # when they got the role (or joined, for older data)
    next_event: Event | None  # the next event of the course they need


def blocked_submitters(contacts: QuerySet[Contact], *, now: dt.datetime | None = None,
                       ) -> list[BlockedSubmitter]:
    """The active contacts of ``contacts`` that hold SUBMIT_INCIDENTS but cannot submit yet,
    longest blocked first, with the course and its next event: three queries, whatever the
    number of contacts."""
    now = now or timezone.now()
    gate_from = dt.datetime.combine(settings.SUBMIT_COURSE_GATE_FROM, dt.time(),
                                    tzinfo=timezone.get_current_timezone())
    candidates = list(with_gate(contacts.filter(is_active=True, can_submit_incidents=True,
                                                created_at__gte=gate_from))
                      .select_related("user"))
    course_ids = {contact.gate_course_id for contact in candidates if contact.gate_course_id}
    courses = Course.objects.in_bulk(course_ids) if course_ids else {}
    next_events: dict[int, Event] = {}
    if course_ids:
        for event in (Event.objects.filter(course_id__in=course_ids, is_cancelled=False,
                                           starts_at__gt=now).order_by("starts_at", "pk")):
            next_events.setdefault(event.course_id, event)
    blocked = []
    for contact in candidates:
        gate = _decide(contact, courses.get(contact.gate_course_id), contact.gate_best_grade)
        if gate.blocked:
            blocked.append(BlockedSubmitter(
                contact=contact, gate=gate, since=contact.submitter_since or contact.created_at,
                next_event=next_events.get(gate.course.pk) if gate.course else None))
    return sorted(blocked, key=lambda item: (item.since, item.contact.pk))


def profiles_without_course() -> list[str]:
    """Submission profiles staff have not given a starter course yet (R-GATE-4): contacts
    with such a profile stay blocked until it is set."""
    configured = set(StarterCourseRequirement.objects.values_list("submission_profile",
                                                                  flat=True))
    return [profile for profile in SubmissionProfile.values if profile not in configured]


def blocked_count(organisation_id: int, *, now: dt.datetime | None = None) -> Subquery:
    """How many of the organisation's active contacts with the role Submit incidents the
    gate stops (the same rule as ``blocked_submitters``, counted in SQL): the dashboard's
    "blocked seat holders" (issue 14)."""
    gate_from = dt.datetime.combine(settings.SUBMIT_COURSE_GATE_FROM, dt.time(),
                                    tzinfo=timezone.get_current_timezone())
    candidates = with_gate(Contact.objects.filter(
        organisation_id=organisation_id, is_active=True, can_submit_incidents=True,
        created_at__gte=gate_from))
    return count_of(candidates.filter(
        ~Q(submission_profile__in=SubmissionProfile.values)
        | Q(gate_course_id__isnull=True) | Q(gate_best_grade__isnull=True)
        | Q(gate_best_grade__lt=settings.SUBMIT_COURSE_GATE_GRADE)))


def next_event_of(course: Course, *, now: dt.datetime | None = None) -> Event | None:
    """The next event of a course one can still enrol for."""
    return (Event.objects.filter(course=course, is_cancelled=False,
                                 starts_at__gt=now or timezone.now())
            .order_by("starts_at", "pk").first())
