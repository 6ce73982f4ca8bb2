"""Reads of courses, enrolments, results and material for the active contact, scoped in SQL
and with a fixed number of queries whatever the number of rows (R-COURSE-1/2/3, R-X-3)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    Case, Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When,
)
from django.db.models.functions import Greatest
from django.http import Http404

from accounts.permissions import Capability, CapabilityDenied, can
from contacts.models import Contact

from .models import Course, CourseMaterial, Enrolment, EnrolmentStatus, Event, Level, Result

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class WaitingPosition(TypedDict):
    waiting_position: int | None

# The catalogue lists courses from the first level to the last (SPEC §7).
LEVEL_ORDER = Case(*(When(level=level, then=Value(rank)) for rank, level in enumerate(Level)),
                   default=Value(len(Level)), output_field=IntegerField())


def _waiting_position() -> Subquery:
    """Per enrolment row: how many waiting enrolments of its event come before it or are it
    (the waiting list is ordered by time of enrolling, then id)."""
    up_to_this_one = (
        Enrolment.objects.filter(event=OuterRef("event"), status=EnrolmentStatus.WAITING)
        .filter(Q(created_at__lt=OuterRef("created_at"))
                | Q(created_at=OuterRef("created_at"), pk__lte=OuterRef("pk")))
        .order_by().values("event").annotate(count=Count("pk")).values("count")
    )
    return Subquery(up_to_this_one, output_field=IntegerField())


def with_waiting_position(enrolments: QuerySet[Enrolment],
                          ) -> QuerySet[WithAnnotations[Enrolment, WaitingPosition]]:
    """Annotate ``waiting_position`` (1 = first in line); ``None`` unless waiting."""
    return enrolments.annotate(waiting_position=Case(
        When(status=EnrolmentStatus.WAITING, then=_waiting_position()),
        default=None, output_field=IntegerField(),
    ))


def _live(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    return enrolments.exclude(status=EnrolmentStatus.CANCELLED)


def upcoming_events(*, now: dt.datetime) -> QuerySet[Event]:
    """Events that have not started and are not cancelled, with ``enrolled_count`` and
    ``seats_left`` counted in SQL."""
    enrolled = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED))
    return (Event.objects.filter(is_cancelled=False, starts_at__gt=now)
            .annotate(enrolled_count=enrolled,
                      seats_left=Greatest(F("capacity") - enrolled, Value(0)))
            .order_by("starts_at", "pk"))


def catalogue_for(contact: Contact, *, now: dt.datetime,
                  level: Level | None = None) -> QuerySet[Course]:
    """The active courses (starter courses first, then by level and title), each with
    ``upcoming`` events and per event ``mine``: the contact's live enrolment, if any, with
    its waiting-list position. Three queries however many courses and events (R-X-3)."""
    mine = with_waiting_position(_live(Enrolment.objects.filter(contact=contact)))
    events = upcoming_events(now=now).prefetch_related(
        Prefetch("enrolments", queryset=mine, to_attr="mine"))
    courses = Course.objects.filter(is_active=True)
    if level is not None:
        courses = courses.filter(level=level)
    return (courses.annotate(level_rank=LEVEL_ORDER)
            .order_by("-is_starter", "level_rank", "title", "pk")
            .prefetch_related(Prefetch("events", queryset=events, to_attr="upcoming")))


def enrolments_of(contact: Contact, *, now: dt.datetime) -> QuerySet[Enrolment]:
    """The contact's own live enrolments of events that have not ended, soonest first, with
    their waiting-list positions (R-COURSE-1)."""
    return (with_waiting_position(_live(Enrolment.objects.filter(contact=contact)))
            .filter(event__ends_at__gt=now)
            .select_related("event__course")
            .order_by("event__starts_at", "event_id"))


def results_of(contact: Contact) -> QuerySet[Result]:
    """The person's own results, in whatever organisation recorded, newest first
    (R-COURSE-2, R-ROLE-2, R-GATE-5)."""
    return (Result.objects.filter(user_id=contact.user_id).select_related("course")
            .order_by("-taken_on", "course__title", "pk"))


def _material_allowed(contact: Contact) -> QuerySet[CourseMaterial]:
    """Material of courses with a seat (not a waiting place) of the contact on an event that
    was not cancelled; nothing without EMPLOYEE or ADMINISTRATOR (R-COURSE-3, R-ROLE-3)."""
    if not can(contact, Capability.COURSE_MATERIAL):
        return CourseMaterial.objects.none()
    seated = Enrolment.objects.filter(contact=contact, status=EnrolmentStatus.ENROLLED,
                                      event__is_cancelled=False)
    return CourseMaterial.objects.filter(course__in=seated.values("event__course"))


def material_for(contact: Contact) -> QuerySet[CourseMaterial]:
    """The material the contact may use, by course, in one query."""
    return (_material_allowed(contact).select_related("course")
            .order_by("course__title", "course_id", "title", "pk"))


def get_event_for(contact: Contact, pk: int) -> Event:
    """An event of a course in the catalogue (every contact may enrol, R-ROLE-2); 404 for an
    unknown id or a course taken out of the catalogue. Whether it is still open is the
    action's question."""
    if not can(contact, Capability.COURSES):
        raise Http404
    try:
        return Event.objects.select_related("course").get(pk=pk, course__is_active=True)
    except Event.DoesNotExist:
        raise Http404 from None


def get_enrolment_for(contact: Contact, pk: int) -> Enrolment:
    """The contact's own enrolment; 404 for anyone else's, also a colleague's (R-ROLE-14)."""
    try:
        return (Enrolment.objects.select_related("event__course")
                .get(pk=pk, contact=contact))
    except Enrolment.DoesNotExist:
        raise Http404 from None


def get_material_for(contact: Contact, pk: int) -> CourseMaterial:
    """A file the contact may download: 404 for material of a course they have no seat in,
    without EMPLOYEE or ADMINISTRATOR, or a link, which has no file (R-COURSE-3, R-ROLE-3)."""
    try:
        return _material_allowed(contact).exclude(file="").get(pk=pk)
    except CourseMaterial.DoesNotExist:
        raise Http404 from None


def waiting_position(enrolment: Enrolment) -> int | None:
    """The enrolment's place on its event's waiting list; ``None`` unless waiting."""
    return (with_waiting_position(Enrolment.objects.filter(pk=enrolment.pk))
            .values_list("waiting_position", flat=True).first())


def _administrator_of(contact: Contact) -> None:
    if not can(contact, Capability.ORGANISATION_COURSES):
        raise CapabilityDenied(Capability.ORGANISATION_COURSES)


def organisation_enrolments(contact: Contact, *, now: dt.datetime) -> QuerySet[Enrolment]:
    """For an administrator: the live enrolments of every contact of their organisation for
    events that have not ended, soonest first (R-COURSE-2)."""
    _administrator_of(contact)
    return (with_waiting_position(_live(Enrolment.objects.filter(
                contact__organisation_id=contact.organisation_id)))
            .filter(event__ends_at__gt=now)
            .select_related("event__course", "contact__user")
            .order_by("event__starts_at", "event_id", "status", "waiting_position",
                      "contact__user__last_name", "contact__user__email", "pk"))


def organisation_results(contact: Contact) -> QuerySet[Result]:
    """For an administrator: the results of every person who is a contact of their
    organisation, wherever recorded (a pass counts here too: R-GATE-5), newest first
    (R-COURSE-2)."""
    _administrator_of(contact)
    members = Contact.objects.filter(organisation_id=contact.organisation_id,
                                     removed_at__isnull=True)
    return (Result.objects.filter(user__in=members.values("user_id"))
            .select_related("course", "user")
            .order_by("-taken_on", "user__last_name", "user__email", "course__title", "pk"))


def others_waiting(enrolment: Enrolment) -> int:
    """How many others wait for a seat at the enrolment's event: a seat given up goes to the
    first of them at once (R-COURSE-1), which the confirmation says."""
    return (Enrolment.objects.filter(event_id=enrolment.event_id, status=EnrolmentStatus.WAITING)
            .exclude(pk=enrolment.pk).count())
