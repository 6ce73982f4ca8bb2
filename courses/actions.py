"""Enrolment, cancellation with waiting-list promotion, and results (R-COURSE-1/2, R-ROLE-2).

Every enrolment change locks the event row, so capacity holds under concurrency. Contacts'
actions check the role matrix; staff actions take the staff ``actor`` and pass
``require_staff`` first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can, require_staff
from contacts.models import Contact

from .emails import queue_promotion_email
from .models import CancelledBy, Course, Enrolment, EnrolmentStatus, Event, Level, Result


class EnrolmentError(Exception):
    """An enrolment the rules refuse; the view turns it into a message."""


class EventClosed(EnrolmentError):
    """The event is cancelled or has started."""


class AlreadyEnrolled(EnrolmentError):
    def __init__(self, enrolment: Enrolment) -> None:
        super().__init__("already enrolled")
        self.enrolment = enrolment


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _enrolled_count(event: Event) -> int:
    return event.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()


def enrol(*, contact: Contact, event: Event, now: dt.datetime | None = None) -> Enrolment:
    """Enrol the contact, or put them on the waiting list when the event is full."""
    if not can(contact, Capability.COURSES):
        raise CapabilityDenied(Capability.COURSES)
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(event)
        if event.is_cancelled or event.starts_at <= now or not event.course.is_active:
            raise EventClosed("closed")
        existing = event.enrolments.exclude(status=EnrolmentStatus.CANCELLED).filter(
            contact=contact).first()
        if existing is not None:
            raise AlreadyEnrolled(existing)
        status = (EnrolmentStatus.ENROLLED if _enrolled_count(event) < event.capacity
                  else EnrolmentStatus.WAITING)
        return Enrolment.objects.create(event=event, contact=contact, status=status,
                                        created_at=now)


def _cancel(event: Event, enrolment: Enrolment, now: dt.datetime, *, by: CancelledBy,
            staff: User | None = None) -> Enrolment | None:
    """Cancel a fresh ``enrolment`` of the locked ``event``, recording who ended it; a freed
    seat goes to the waiting list. Returns the promoted enrolment, if any."""
    freed_seat = enrolment.status == EnrolmentStatus.ENROLLED
    enrolment.status, enrolment.cancelled_at = EnrolmentStatus.CANCELLED, now
    enrolment.cancelled_by, enrolment.cancelled_by_staff = by, staff
    enrolment.save(update_fields=["status", "cancelled_at", "cancelled_by",
                                  "cancelled_by_staff"])
    return promote_waiting(event=event, now=now) if freed_seat else None


def _cancel_before_start(enrolment: Enrolment, now: dt.datetime, *, by: CancelledBy,
                         staff: User | None = None) -> Enrolment | None:
    with transaction.atomic():
        event = _lock(enrolment.event)
        enrolment = Enrolment.objects.get(pk=enrolment.pk)
        if enrolment.status == EnrolmentStatus.CANCELLED:
            return None
        if event.starts_at <= now:
            raise EventClosed("started")
        return _cancel(event, enrolment, now, by=by, staff=staff)


def cancel_enrolment(*, contact: Contact, enrolment: Enrolment,
                     now: dt.datetime | None = None) -> Enrolment | None:
    """Cancel one's own enrolment; a freed seat goes to the first in line, who is emailed.
    Returns the promoted enrolment, if any."""
    if enrolment.contact_id != contact.pk:
        raise CapabilityDenied(Capability.COURSES)
    return _cancel_before_start(enrolment, now or timezone.now(), by=CancelledBy.CONTACT)


def cancel_enrolment_by_staff(*, actor: User, enrolment: Enrolment,
                              now: dt.datetime | None = None) -> Enrolment | None:
    """Staff cancel an enrolment on the contact's behalf, recorded as theirs; as when the
    contact cancels, the freed seat goes to the first in line, who is emailed (R-COURSE-1).
    Returns the promoted enrolment, if any."""
    require_staff(actor, "courses.change_enrolment")
    return _cancel_before_start(enrolment, now or timezone.now(), by=CancelledBy.STAFF,
                                staff=actor)


def promote_waiting(*, event: Event, now: dt.datetime) -> Enrolment | None:
    """Fill free seats from the waiting list in order; call with the event row locked."""
    promoted = None
    while _enrolled_count(event) < event.capacity:
        first = (event.enrolments.filter(status=EnrolmentStatus.WAITING)
                 .order_by("created_at", "pk").first())
        if first is None:
            break
        first.status, first.promoted_at = EnrolmentStatus.ENROLLED, now
        first.save(update_fields=["status", "promoted_at"])
        queue_promotion_email(first)
        promoted = promoted or first
    return promoted


def give_up_places_of(*, contact: Contact, now: dt.datetime) -> int:
    """Cancel the contact's places on events that have not started (their contact was
    deleted, R-ROLE-18); freed seats go to the waiting lists. Returns how many."""
    places = list(Enrolment.objects.filter(contact=contact, event__starts_at__gt=now)
                  .exclude(status=EnrolmentStatus.CANCELLED).values_list("pk", "event_id"))
    for enrolment_id, event_id in places:
        event = Event.objects.select_for_update().get(pk=event_id)
        _cancel(event, Enrolment.objects.get(pk=enrolment_id), now,
                by=CancelledBy.CONTACT_REMOVED)
    return len(places)


@transaction.atomic
def set_event_capacity(*, event: Event, capacity: int, actor: User) -> Event:
    """Staff change an event's capacity; more seats promote people from the waiting list."""
    require_staff(actor, "courses.change_event")
    event = _lock(event)
    event.capacity = capacity
    event.save(update_fields=["capacity"])
    promote_waiting(event=event, now=timezone.now())
    return event


def record_result(*, contact: Contact, course: Course, grade: Decimal, taken_on: dt.date,
                  actor: User, result: Result | None = None) -> Result:
    """Staff record a person's grade for a course on a date, or correct ``result``
    (R-COURSE-2); the result belongs to the person, so it counts in every organisation they
    are a contact of (R-GATE-5), and a passed expert course makes them a certified expert
    (R-QUOTA-7). A grade outside 1.0–10.0 raises ValidationError and stores nothing. Staff
    who may add and change results record them (a row for the same day is corrected)."""
    require_staff(actor, "courses.add_result")
    require_staff(actor, "courses.change_result")
    with transaction.atomic():
        result = result or (
            Result.objects.filter(user_id=contact.user_id, course=course,
                                  taken_on=taken_on).first()
            or Result(user_id=contact.user_id, course=course, taken_on=taken_on))
        result.user_id, result.contact = contact.user_id, contact
        result.course, result.taken_on = course, taken_on
        result.grade, result.recorded_at = grade, timezone.now()
        result.full_clean()
        result.save()
        certify_from_result(result)
    return result


def certify_from_result(result: Result) -> None:
    """A passed expert course is an expert certificate for the person in every organisation
    they are a contact of, valid for EXPERT_CERTIFICATE_YEARS from the exam (R-QUOTA-7);
    a longer certificate staff recorded is kept."""
    from contacts.actions import certify_from_course, expert_certificate_until

    if result.course.level != Level.EXPERT or not result.passed:
        return
    until = expert_certificate_until(result.taken_on)
    for member in Contact.objects.filter(user_id=result.user_id, removed_at__isnull=True):
        if member.expert_certified_until is None or member.expert_certified_until < until:
            certify_from_course(contact=member, certified_on=result.taken_on,
                                valid_until=until)
