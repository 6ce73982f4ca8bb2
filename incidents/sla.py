"""The SLA targets of R-INC-4 in working time (R-INC-5), with the clock paused while the
incident waits for the customer.

The clock starts when the incident is submitted. Staff set the priority later; the target is
then computed from the submission, so the time before the priority was set counts. Working
time spent waiting for the customer moves the target (and the at-risk moment) on by as much.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext

from incidents.calendar import SupportCalendar, describe_week, local
from incidents.models import CLOCK_RUNNING, Incident, Status

# An incident is "at risk" once this share of its working time to the target is used.
AT_RISK_SHARE = 0.75


def targets(incident: Incident,
            calendar: SupportCalendar) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(target, at-risk moment) of the incident, its pauses so far included."""
    target = calendar.sla_target(incident.priority, incident.created_at)
    if target is None:
        return None, None
    budget = calendar.working_time_between(incident.created_at, target)
    at_risk = calendar.add_working_time(incident.created_at, budget * AT_RISK_SHARE)
    paused = incident.paused_working_time
    return (calendar.add_working_time(target, paused),
            calendar.add_working_time(at_risk, paused))


@dataclass(frozen=True)
class Deadline:
    """What the customer and the queue see of the SLA clock at one moment."""

    target_at: dt.datetime | None
    time_left: dt.timedelta | None  # working time; negative when overdue
    paused: bool  # waiting for the customer: the clock stands still
    running: bool  # the clock runs (submitted or in progress, with a target)
    # The week in force, in short ("Mon–Thu 08:30–17:00, Fri 08:30–16:00"; R-INC-16), for
    # "working time" to say what it counts.
    opening_hours: str = ""

    @property
    def breached(self) -> bool:
        return self.time_left is not None and self.time_left < dt.timedelta(0)

    @property
    def hours_left(self) -> str:
        """Working time left (or overdue), e.g. "8 h 30 min" ("8 u 30 min" in Dutch): a
        clock-like "8:30" reads as a time of day."""
        return format_working_time(abs(self.time_left or dt.timedelta(0)))


def format_working_time(duration: dt.timedelta) -> str:
    """A working-time duration for people: "8 h 30 min" ("8 u 30 min" in Dutch)."""
    hours, minutes = divmod(int(duration.total_seconds() // 60), 60)
    if hours and minutes:
        return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    if hours:
        return gettext("%(hours)d h") % {"hours": hours}
    return gettext("%(minutes)d min") % {"minutes": minutes}


def deadline(incident: Incident, now: dt.datetime, calendar: SupportCalendar) -> Deadline:
    """The incident's target and working time left at ``now``; while waiting for the
    customer the time left stays what it was when the wait began."""
    if incident.target_at is None or incident.status not in (*CLOCK_RUNNING, Status.WAITING):
        return Deadline(incident.target_at, None, paused=incident.is_paused, running=False)
    if incident.status == Status.WAITING:
        since = incident.paused_since or now
        return Deadline(incident.target_at,
                        calendar.working_time_between(since, incident.target_at),
                        paused=True, running=False)
    return Deadline(incident.target_at, calendar.working_time_between(now, incident.target_at),
                    paused=False, running=True,
                    opening_hours=describe_week(calendar.week_on(local(now).date())))
