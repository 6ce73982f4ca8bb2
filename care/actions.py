"""Feedback and complaints (R-CARE-1) and extra support outside opening hours (R-CARE-2):
every change is a function here, used by the portal's views and the admin alike. Emails are
written to the outbox in the change's transaction (R-X-8)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can, require_staff
from contacts.models import Contact, ServiceLevel
from incidents.calendar import SupportCalendar, local
from incidents.models import Incident, IncidentType

from . import emails, queries
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


@dataclass(frozen=True)
class Overlap:
    """The part of a requested window, on one day, during which the support desk is open."""

    starts_at: dt.datetime  # Amsterdam time
    ends_at: dt.datetime
    opens: dt.time  # that day's opening hours
    closes: dt.time


class WithinOpeningHours(CareError):
    """The window overlaps the desk's opening hours (and is not for an outage)."""

    def __init__(self, overlaps: list[Overlap]) -> None:
        super().__init__("the window overlaps opening hours: " + ", ".join(
            f"{overlap.starts_at:%Y-%m-%d %H:%M}–{overlap.ends_at:%H:%M}" for overlap in overlaps))
        self.overlaps = overlaps


class UnknownIncident(CareError):
    """No incident with this number in the organisation (also when another organisation
    has one: that is never revealed)."""

    def __init__(self, number: str) -> None:
        super().__init__(f"no incident {number} in this organisation")
        self.number = number


class NotAnOutage(CareError):
    """The organisation's incident with this number is not of the type outage."""

    def __init__(self, incident: Incident) -> None:
        super().__init__(f"incident {incident.number} is not an outage")
        self.incident = incident


def response_due_at(kind: FeedbackKind, received_at: dt.datetime) -> dt.datetime | None:
    """When the first response to feedback received at ``received_at`` is due: one working
    day later for a complaint, never for other feedback (R-CARE-1)."""
    if kind != FeedbackKind.COMPLAINT:
        return None
    return SupportCalendar().add_working_days(received_at, COMPLAINT_RESPONSE_WORKING_DAYS)


def send_feedback(*, contact: Contact, kind: FeedbackKind, subject: str, message: str,
                  now: dt.datetime | None = None) -> Feedback:
    """Record feedback or a complaint; a complaint gets its first-response target of one
    working day and Customer Care is emailed (R-CARE-1, R-ROLE-11)."""
    if not can(contact, Capability.FEEDBACK):
        raise CapabilityDenied(Capability.FEEDBACK)
    now = now or timezone.now()
    due = response_due_at(kind, now)
    with transaction.atomic():
        feedback = Feedback.objects.create(
            organisation_id=contact.organisation_id, contact=contact, kind=kind,
            subject=subject, message=message, received_at=now, response_due_at=due)
        if kind == FeedbackKind.COMPLAINT:
            emails.queue_complaint_notice(feedback)
    return feedback


@transaction.atomic
def start_handling_feedback(*, feedback: Feedback, actor: User) -> Feedback:
    """Staff take feedback in hand: the customer sees "in progress"."""
    require_staff(actor, "care.change_feedback")
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
    require_staff(actor, "care.change_feedback")
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
    emails.queue_feedback_answer(feedback, answered_at=now)
    return feedback


@transaction.atomic
def close_feedback(*, feedback: Feedback, actor: User, now: dt.datetime | None = None
                   ) -> Feedback:
    """Staff close feedback that needs nothing more."""
    require_staff(actor, "care.change_feedback")
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    feedback.status, feedback.closed_at = FeedbackStatus.CLOSED, now or timezone.now()
    feedback.save(update_fields=["status", "closed_at"])
    return feedback


def first_allowed_start(now: dt.datetime | None = None) -> dt.date:
    """The first Amsterdam date on which requested extra support may start (R-CARE-2)."""
    return timezone.localdate(now or timezone.now()) + dt.timedelta(
        days=EXTRA_SUPPORT_DAYS_AHEAD)


def opening_hours_overlap(starts_at: dt.datetime, ends_at: dt.datetime) -> list[Overlap]:
    """Per day, the part of the window during which the support desk is open: its weekly
    hours, except on Dutch public holidays and closure days (``incidents.calendar``). A window
    that only touches opening or closing time (ends at 08:30, starts at 17:00) overlaps
    nothing. One query, for the closure days of the window's dates."""
    start, end = local(starts_at), local(ends_at)
    if end <= start:
        return []
    overlaps = []
    for opens, closes in SupportCalendar().openings(start.date(), end.date()):
        begin, finish = max(start, opens), min(end, closes)
        if begin < finish:
            overlaps.append(Overlap(starts_at=begin, ends_at=finish, opens=opens.time(),
                                    closes=closes.time()))
    return overlaps


def _outage(contact: Contact, number: str) -> Incident:
    incident = queries.get_organisation_incident(contact, number)
    if incident is None:
        raise UnknownIncident(number)
    if incident.incident_type != IncidentType.OUTAGE:
        raise NotAnOutage(incident)
    return incident


def request_extra_support(*, contact: Contact, starts_at: dt.datetime, ends_at: dt.datetime,
                          description: str, outage_number: str | None = None,
                          now: dt.datetime | None = None) -> ExtraSupportRequest:
    """An administrator asks for support outside opening hours, at least five days ahead;
    billable unless the organisation is First Class. For an outage of the organisation
    (its incident number) the window may fall within opening hours, and is not billable
    (R-CARE-2, R-ROLE-12)."""
    if not can(contact, Capability.EXTRA_SUPPORT):
        raise CapabilityDenied(Capability.EXTRA_SUPPORT)
    first_allowed = first_allowed_start(now)
    if timezone.localdate(starts_at) < first_allowed:
        raise TooEarly(first_allowed)
    if ends_at <= starts_at:
        raise EndsBeforeStart("the window ends before it starts")
    outage = _outage(contact, outage_number) if outage_number is not None else None
    if outage is None and (overlaps := opening_hours_overlap(starts_at, ends_at)):
        raise WithinOpeningHours(overlaps)
    organisation = contact.organisation
    with transaction.atomic():
        request = ExtraSupportRequest.objects.create(
            organisation=organisation, requested_by=contact, starts_at=starts_at,
            ends_at=ends_at, description=description, outage=outage,
            billable=outage is None and organisation.service_level != ServiceLevel.FIRST_CLASS,
            requested_at=now or timezone.now())
        emails.queue_extra_support_notice(request)
    return request


@transaction.atomic
def decide_extra_support(*, request: ExtraSupportRequest, actor: User,
                         status: ExtraSupportStatus, note: str = "",
                         now: dt.datetime | None = None) -> ExtraSupportRequest:
    """Staff confirm or decline a request; the administrator who asked is emailed."""
    require_staff(actor, "care.change_extrasupportrequest")
    if status == ExtraSupportStatus.REQUESTED:
        raise CareError("a decision confirms or declines")
    request = ExtraSupportRequest.objects.select_for_update().get(pk=request.pk)
    changed = request.status != status or request.staff_note != note
    request.status, request.staff_note = status, note
    handled_at = now or timezone.now()
    request.handled_by, request.handled_at = actor, handled_at
    request.save(update_fields=["status", "staff_note", "handled_by", "handled_at"])
    if changed:
        emails.queue_extra_support_decision(request, handled_at=handled_at)
    return request
