"""Reads for the support and incident pages, scoped to the active contact's organisation in
SQL; internal notes (R-INC-8) never leave ``Message.public`` here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils.dates import WEEKDAYS

from accounts.permissions import Capability, can
from contacts.models import Contact, Organisation
from contacts.queries import administrators_of
from contacts.seats import SeatStatus, seat_status
from courses.gate import GateReason, GateStatus, submission_gate
from incidents import hours
from incidents.models import (
    Attachment, Incident, IncidentType, Message, RemoteAccessGrant, StatusChange,
)

# The support page lists the days the desk is closed in this many days ahead.
UPCOMING_DAYS = 42


@dataclass(frozen=True)
class ScheduleRow:
    weekday: int  # Monday is 0
    hours: tuple[dt.time, dt.time] | None
    is_today: bool

    @property
    def name(self) -> str:
        return WEEKDAYS[self.weekday]


@dataclass(frozen=True)
class SupportOverview:
    """Everything the support page shows the active contact (R-QUOTA-4, R-INC-5, R-INC-10)."""

    organisation: Organisation
    seats: SeatStatus
    may_submit: bool  # the role Submit incidents (R-ROLE-6) and past the gate (R-GATE-1)
    has_role: bool  # the role Submit incidents, whether or not the gate lets them through
    gate: GateStatus  # why (not): the starter course the contact still has to pass (R-GATE-2)
    certified_expert: bool  # holds the role without taking a seat (R-QUOTA-1)
    may_assign_roles: bool  # an administrator, who can give themselves the role (R-ROLE-8)
    administrators: list[Contact]  # who can give the role; empty when the contact has it
    phone_number: str | None  # only for submitters (R-ROLE-6)
    today: hours.Today
    opens_in_days: int | None  # days from today to the next opening (0: today)
    schedule: list[ScheduleRow]
    upcoming_closures: list[tuple[dt.date, str]]  # weekdays closed in the coming weeks


def support_overview(contact: Contact, at: dt.datetime) -> SupportOverview:
    """The support page of ``contact`` at the moment ``at``; a fixed number of queries
    whatever the number of seat holders (R-X-3)."""
    organisation = contact.organisation
    gate = submission_gate(contact)
    has_role = gate.reason is not GateReason.NO_ROLE
    may_submit = gate.may_submit
    day = hours.local(at).date()
    # One calendar (one query) answers both today's hours and the coming closures.
    calendar = hours.SupportCalendar(day, day + dt.timedelta(days=UPCOMING_DAYS))
    today = hours.today(at, calendar=calendar)
    opens_in_days = (
        (hours.local(today.opens_at).date() - today.date).days if today.opens_at else None
    )
    return SupportOverview(
        organisation=organisation,
        seats=seat_status(organisation),
        may_submit=may_submit,
        has_role=has_role,
        gate=gate,
        certified_expert=contact.certified_expert,
        may_assign_roles=can(contact, Capability.MANAGE_CONTACTS),
        administrators=[] if has_role else list(administrators_of(organisation)),
        phone_number=settings.SUPPORT_PHONE_NUMBER if may_submit else None,
        today=today,
        opens_in_days=opens_in_days,
        schedule=[ScheduleRow(weekday, day_hours, weekday == today.date.weekday())
                  for weekday, day_hours in hours.weekly_schedule()],
        upcoming_closures=[(closed, reason) for closed, reason in calendar.closed_days()
                           if closed > day],
    )


def incidents_visible_to(contact: Contact | None) -> QuerySet[Incident]:
    """All of the organisation's incidents for VIEW_ALL_INCIDENTS (administrators and
    viewers, R-ROLE-7), one's own for SUBMIT_INCIDENTS (R-ROLE-6), else none."""
    if contact is None:
        return Incident.objects.none()
    if can(contact, Capability.VIEW_ALL_INCIDENTS):
        return Incident.objects.filter(organisation_id=contact.organisation_id)
    if can(contact, Capability.SUBMIT_INCIDENTS):
        return Incident.objects.filter(organisation_id=contact.organisation_id,
                                       reporter=contact)
    return Incident.objects.none()


def incident_list_for(contact: Contact) -> QuerySet[Incident]:
    """The incidents the contact sees, newest first, with what the list shows: two queries
    per page (count and rows) whatever the number of rows (R-X-3)."""
    return (incidents_visible_to(contact)
            .select_related("reporter__user", "team")
            .order_by("-created_at", "-pk"))


def _number(value: object) -> str:
    number = str(value)
    if len(number) != 8 or not number.isdigit():
        raise Http404
    return number


def get_incident_for(contact: Contact | None, number: object) -> Incident:
    """The incident with this number if the contact may see it; 404 otherwise, whether it
    is another organisation's, a colleague's (for a submitter) or does not exist."""
    incident = (incidents_visible_to(contact)
                .select_related("organisation", "reporter__user", "team")
                .filter(number=_number(number)).first())
    if incident is None:
        raise Http404
    return incident


def incident_thread(incident: Incident) -> Incident:
    """The incident with its public messages (with their attachments and authors), the
    attachments sent with the form, the status history and the remote-access grants, in a
    fixed number of queries whatever their number (R-X-3). Internal notes are not loaded."""
    public = (Message.public.select_related("author_contact__user", "author_user")
              .prefetch_related(Prefetch("attachments",
                                         queryset=Attachment.objects.order_by("created_at", "pk"),
                                         to_attr="files")))
    prefetch_related_objects(
        [incident],
        Prefetch("messages", queryset=public, to_attr="public_messages"),
        Prefetch("attachments", queryset=Attachment.objects.filter(message__isnull=True),
                 to_attr="form_files"),
        Prefetch("status_changes",
                 queryset=StatusChange.objects.select_related("by_contact__user", "by_user"),
                 to_attr="history"),
        Prefetch("access_grants", queryset=RemoteAccessGrant.objects.order_by("-pk"),
                 to_attr="grants"),
    )
    return incident


def get_attachment_for(contact: Contact | None, number: object, pk: object) -> Attachment:
    """An attachment of a visible incident, not of an internal note; 404 otherwise."""
    incident = get_incident_for(contact, number)
    try:
        pk = int(pk)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise Http404 from None
    attachment = (Attachment.objects.filter(incident=incident, pk=pk)
                  .filter(Q(message__isnull=True) | Q(message__in=Message.public.all())).first())
    if attachment is None:
        raise Http404
    return attachment


def question_signals(*, since: dt.datetime, limit: int = 25) -> tuple[list, list]:
    """R-INC-12: the organisations and the contacts with the most ``question`` incidents
    since ``since``, most first (for Customer Care)."""
    questions = Incident.objects.filter(incident_type=IncidentType.QUESTION, created_at__gte=since)
    organisations = list(questions.values("organisation_id", "organisation__name")
                         .annotate(count=Count("pk")).order_by("-count", "organisation__name")
                         [:limit])
    contacts = list(questions.values("reporter_id", "reporter__user__email",
                                     "reporter__user__first_name", "reporter__user__last_name",
                                     "organisation__name")
                    .annotate(count=Count("pk")).order_by("-count", "reporter__user__email")
                    [:limit])
    return organisations, contacts
