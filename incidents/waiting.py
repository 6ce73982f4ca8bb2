"""When waiting for the customer ends (R-INC-14): the reminder and the automatic resolution
count working days from the start of the wait on the desk's calendar; a resolved incident
takes a reopening reply for a number of calendar days, then it is closed. The periods are
settings; each moment is decided here and nowhere else (the task, the reply, the pages)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q

from .models import Incident, Status
from .calendar import SupportCalendar


def reminder_due_at(incident: Incident, calendar: SupportCalendar) -> dt.datetime | None:
    """When the owner gets the one reminder of the current wait; None when not waiting."""
    since = incident.waiting_since
    if since is None:
        return None
    return calendar.add_working_days(since, settings.INCIDENT_WAITING_REMINDER_WORKING_DAYS)


def auto_resolve_at(incident: Incident, calendar: SupportCalendar) -> dt.datetime | None:
    """When an unanswered wait resolves the incident; None when not waiting."""
    since = incident.waiting_since
    if since is None:
        return None
    return calendar.add_working_days(since, settings.INCIDENT_WAITING_AUTO_RESOLVE_WORKING_DAYS)


def may_have_waited(days: int, now: dt.datetime) -> Q:
    """A cheap SQL pre-filter for incidents that may have waited ``days`` working days by
    ``now``: never fewer calendar days minus one (a short Friday can end a working day
    early), so no candidate is left out."""
    return Q(status=Status.WAITING,
             paused_since__lte=now - dt.timedelta(days=max(days - 1, 0)))


def reopen_period() -> dt.timedelta:
    return dt.timedelta(days=settings.INCIDENT_REOPEN_DAYS)


def reopen_deadline(incident: Incident) -> dt.datetime | None:
    """Until when a reply reopens the resolved incident; None when it is not resolved."""
    if incident.status != Status.RESOLVED or incident.resolved_at is None:
        return None
    return incident.resolved_at + reopen_period()


def replies_closed(incident: Incident, now: dt.datetime) -> bool:
    """Closed, or resolved longer ago than the reopen period (even before the periodic task
    has closed it): a reply is refused with "closed: submit a new incident"."""
    if incident.status == Status.CLOSED:
        return True
    deadline = reopen_deadline(incident)
    return deadline is not None and now >= deadline


def reopen_period_over(now: dt.datetime) -> Q:
    """The SQL form of ``replies_closed`` for resolved incidents: the ones to close now."""
    return Q(status=Status.RESOLVED, resolved_at__lte=now - reopen_period())
