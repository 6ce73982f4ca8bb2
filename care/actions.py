"""Feedback and complaints (R-CARE-1) and extra support outside working hours (R-CARE-2):
every change is a function here, used by the portal's views and the admin alike."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can
from contacts.models import Contact, ServiceLevel
from incidents.worktime import add_working_days

from . import tasks
from .models import (
    ExtraSupportRequest, ExtraSupportStatus, Feedback, FeedbackKind, FeedbackStatus,
)

# A complaint gets a first response within this many working days (R-CARE-1).
COMPLAINT_RESPONSE_WORKING_DAYS = 1
# Extra support is requested at least this many days ahead, counted in Amsterdam dates
# (R-CARE-2): asked on Monday, the window may start on Saturday.
EXTRA_SUPPORT_DAYS_AHEAD = 5


class CareError(Exception):
    """A request the rules refuse; the view turns it into a message on the form."""


class TooEarly(CareError):
    def __init__(self, first_allowed: dt.date) -> None:
        super().__init__(f"extra support can start on {first_allowed} at the earliest")
        self.first_allowed = first_allowed


class EndsBeforeStart(CareError):
    """The window ends at or before its start."""


def _staff_may(actor: User, permission: str) -> None:
    if not (actor.is_active and actor.is_staff and actor.has_perm(permission)):
        raise CapabilityDenied(Capability.FEEDBACK)


def send_feedback(*, contact: Contact, kind: FeedbackKind, subject: str, message: str,
                  now: dt.datetime | None = None) -> Feedback:
    """Record feedback or a complaint; a complaint gets its first-response target of one
    working day and Customer Care is emailed (R-CARE-1, R-ROLE-11)."""
    if not can(contact, Capability.FEEDBACK):
        raise CapabilityDenied(Capability.FEEDBACK)
    now = now or timezone.now()
    due = (add_working_days(now, COMPLAINT_RESPONSE_WORKING_DAYS)
           if kind == FeedbackKind.COMPLAINT else None)
    with transaction.atomic():
        feedback = Feedback.objects.create(
            organisation_id=contact.organisation_id, contact=contact, kind=kind,
            subject=subject, message=message, received_at=now, response_due_at=due)
        if kind == FeedbackKind.COMPLAINT:
            transaction.on_commit(partial(tasks.notify_staff_of_complaint.delay, feedback.pk))
    return feedback


@transaction.atomic
def start_handling_feedback(*, feedback: Feedback, actor: User) -> Feedback:
    """Staff take feedback in hand: the customer sees "in progress"."""
    _staff_may(actor, "care.change_feedback")
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.status == FeedbackStatus.RECEIVED:
        feedback.status = FeedbackStatus.IN_PROGRESS
        feedback.save(update_fields=["status"])
    return feedback


@transaction.atomic
def answer_feedback(*, feedback: Feedback, actor: User, response: str,
                    now: dt.datetime | None = None) -> Feedback:
    """Staff answer: the response is shown in the portal and emailed to the sender; the
    first answer is the complaint's first response (R-CARE-1)."""
    _staff_may(actor, "care.change_feedback")
    response = response.strip()
    if not response:
        raise CareError("an answer needs a text")
    now = now or timezone.now()
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    feedback.response, feedback.responded_by = response, actor
    feedback.status = FeedbackStatus.ANSWERED
    feedback.first_response_at = feedback.first_response_at or now
    feedback.closed_at = None
    feedback.save(update_fields=["response", "responded_by", "status", "first_response_at",
                                 "closed_at"])
    transaction.on_commit(partial(tasks.send_feedback_answer.delay, feedback.pk))
    return feedback


@transaction.atomic
def close_feedback(*, feedback: Feedback, actor: User, now: dt.datetime | None = None
                   ) -> Feedback:
    """Staff close feedback that needs nothing more."""
    _staff_may(actor, "care.change_feedback")
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    feedback.status, feedback.closed_at = FeedbackStatus.CLOSED, now or timezone.now()
    feedback.save(update_fields=["status", "closed_at"])
    return feedback


def first_allowed_start(now: dt.datetime | None = None) -> dt.date:
    """The first Amsterdam date on which requested extra support may start (R-CARE-2)."""
    return timezone.localdate(now or timezone.now()) + dt.timedelta(
        days=EXTRA_SUPPORT_DAYS_AHEAD)


def request_extra_support(*, contact: Contact, starts_at: dt.datetime, ends_at: dt.datetime,
                          description: str, now: dt.datetime | None = None
                          ) -> ExtraSupportRequest:
    """An administrator asks for support outside working hours, at least five days ahead;
    billable unless the organisation is First Class (R-CARE-2, R-ROLE-12)."""
    if not can(contact, Capability.EXTRA_SUPPORT):
        raise CapabilityDenied(Capability.EXTRA_SUPPORT)
    first_allowed = first_allowed_start(now)
    if timezone.localdate(starts_at) < first_allowed:
        raise TooEarly(first_allowed)
    if ends_at <= starts_at:
        raise EndsBeforeStart("the window ends before it starts")
    organisation = contact.organisation
    with transaction.atomic():
        request = ExtraSupportRequest.objects.create(
            organisation=organisation, requested_by=contact, starts_at=starts_at,
            ends_at=ends_at, description=description,
            billable=organisation.service_level != ServiceLevel.FIRST_CLASS,
            requested_at=now or timezone.now())
        transaction.on_commit(partial(tasks.notify_staff_of_extra_support.delay, request.pk))
    return request


@transaction.atomic
def decide_extra_support(*, request: ExtraSupportRequest, actor: User,
                         status: ExtraSupportStatus, note: str = "",
                         now: dt.datetime | None = None) -> ExtraSupportRequest:
    """Staff confirm or decline a request; the administrator who asked is emailed."""
    _staff_may(actor, "care.change_extrasupportrequest")
    if status == ExtraSupportStatus.REQUESTED:
        raise CareError("a decision confirms or declines")
    request = ExtraSupportRequest.objects.select_for_update().get(pk=request.pk)
    changed = request.status != status or request.staff_note != note
    request.status, request.staff_note = status, note
    request.handled_by, request.handled_at = actor, now or timezone.now()
    request.save(update_fields=["status", "staff_note", "handled_by", "handled_at"])
    if changed:
        transaction.on_commit(partial(tasks.send_extra_support_decision.delay, request.pk))
    return request
