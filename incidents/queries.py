"""Reads for the support pages, scoped to the active contact's organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.dates import WEEKDAYS

from accounts.permissions import Capability, can
from contacts.models import Contact, Organisation
from contacts.queries import administrators_of
from contacts.seats import SeatStatus, seat_status
from courses.gate import GateReason, GateStatus, submission_gate
from incidents import hours

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
