"""Enrolment, cancellation with waiting-list promotion, and results (R-COURSE-1/2, R-ROLE-2).

Every enrolment change locks the event row, so capacity holds under concurrency."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial

from django.db import transaction
from django.utils import timezone

from accounts.permissions import Capability, CapabilityDenied, can
from contacts.models import Contact

from .models import Course, Enrolment, EnrolmentStatus, Event, Result
from .tasks import send_promotion_email


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


def cancel_enrolment(*, contact: Contact, enrolment: Enrolment,
                     now: dt.datetime | None = None) -> Enrolment | None:
    """Cancel one's own enrolment; a freed seat goes to the first in line, who is emailed.
    Returns the promoted enrolment, if any."""
    if enrolment.contact_id != contact.pk:
        raise CapabilityDenied(Capability.COURSES)
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(enrolment.event)
        enrolment = Enrolment.objects.get(pk=enrolment.pk)
        if enrolment.status == EnrolmentStatus.CANCELLED:
            return None
        if event.starts_at <= now:
            raise EventClosed("started")
        freed_seat = enrolment.status == EnrolmentStatus.ENROLLED
        enrolment.status, enrolment.cancelled_at = EnrolmentStatus.CANCELLED, now
        enrolment.save(update_fields=["status", "cancelled_at"])
        return promote_waiting(event=event, now=now) if freed_seat else None


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
        transaction.on_commit(partial(send_promotion_email.delay, first.pk))
        promoted = promoted or first
    return promoted


@transaction.atomic
def set_event_capacity(*, event: Event, capacity: int) -> Event:
    """Staff change an event's capacity; more seats promote people from the waiting list."""
    event = _lock(event)
    event.capacity = capacity
    event.save(update_fields=["capacity"])
    promote_waiting(event=event, now=timezone.now())
    return event


def record_result(*, contact: Contact, course: Course, grade: Decimal,
                  taken_on: dt.date) -> Result:
    """Record (or correct) a contact's grade for a course on a date (R-COURSE-2); a grade
    outside 1.0–10.0 raises ValidationError and stores nothing."""
    result = (Result.objects.filter(contact=contact, course=course, taken_on=taken_on).first()
              or Result(contact=contact, course=course, taken_on=taken_on))
    result.grade, result.recorded_at = grade, timezone.now()
    result.full_clean()
    result.save()
    return result
