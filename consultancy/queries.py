"""Reads of consultancy for the active organisation, scoped in SQL (R-CONS-1 … 3, R-ROLE-14):
another organisation's project answers 404, as one that does not exist. Every list costs
the same number of queries at 1 and at 50 rows (R-X-3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case, DecimalField, OuterRef, QuerySet, Subquery, Sum, Value, When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone

from contacts.models import Organisation

from .models import Appointment, HoursBooking, Phase, Project, VisitRequest, upcoming
from core.queries import count_of

# Past appointments on the overview: the latest few; a project's page lists all of its own.
RECENT_PAST = 5


def with_figures(projects: QuerySet[Project], *, now: dt.datetime | None = None
                 ) -> QuerySet[Project]:
    """Projects with ``hours_spent`` (the sum of their bookings) and ``next_appointment_at``
    (None without one) in the same query: the portal and the admin show the same figures."""
    now = now or timezone.now()
    spent = (HoursBooking.objects.filter(project=OuterRef("pk")).values("project")
             .annotate(total=Sum("hours")).values("total"))
    following = (Appointment.objects.filter(upcoming(now), project=OuterRef("pk"))
                 .order_by("starts_at").values("starts_at")[:1])
    return projects.annotate(
        hours_spent=Coalesce(Subquery(spent), Value(Decimal("0")),
                             output_field=DecimalField(max_digits=9, decimal_places=2)),
        next_appointment_at=Subquery(following))


def projects_for(organisation: Organisation, *, now: dt.datetime | None = None
                 ) -> QuerySet[Project]:
    """The organisation's projects with their figures, running ones first (R-CONS-1)."""
    return (with_figures(Project.objects.filter(organisation=organisation), now=now)
            .select_related("consultant")
            .order_by(Case(When(phase=Phase.COMPLETED, then=1), default=0), "-starts_on",
                      "-pk"))


def get_project_for(organisation: Organisation, pk: object) -> Project:
    """One of ``projects_for``; 404 for anything else, also another organisation's."""
    try:
        return projects_for(organisation).get(pk=int(pk))  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError, Project.DoesNotExist):
        raise Http404 from None


def _appointments(organisation: Organisation, project: Project | None
                  ) -> QuerySet[Appointment]:
    appointments = Appointment.objects.filter(organisation=organisation)
    if project is not None:
        appointments = appointments.filter(project=project)
    return appointments.select_related("consultant", "project")


def upcoming_appointments(organisation: Organisation, *, project: Project | None = None,
                          now: dt.datetime | None = None) -> QuerySet[Appointment]:
    """Appointments that have not ended, soonest first: the organisation's (all projects and
    none), or one project's (R-CONS-2)."""
    return _appointments(organisation, project).filter(
        upcoming(now or timezone.now())).order_by("starts_at", "pk")


def past_appointments(organisation: Organisation, *, project: Project | None = None,
                      now: dt.datetime | None = None) -> QuerySet[Appointment]:
    """Appointments that have ended, latest first (R-CONS-2)."""
    return _appointments(organisation, project).exclude(
        upcoming(now or timezone.now())).order_by("-starts_at", "-pk")


@dataclass(frozen=True)
class MonthHours:
    month: dt.date  # its first day
    hours: Decimal


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1)


def hours_per_month(project: Project, *, today: dt.date | None = None) -> list[MonthHours]:
    """The hours booked on the project per calendar month, in one query: every month from
    its start (or an earlier booking) to this month (at most its planned end, unless hours
    were booked later), months without hours included as 0 (R-CONS-2)."""
    today = today or timezone.localdate()
    booked = {_month(row["month"]): row["hours"] for row in (
        HoursBooking.objects.filter(project=project).annotate(month=TruncMonth("worked_on"))
        .values("month").annotate(hours=Sum("hours")).order_by("month"))}
    first = min([_month(project.starts_on), *booked])
    last = max([first, _month(min(today, project.planned_end_on)), *booked])
    months, month = [], first
    while month <= last:
        months.append(MonthHours(month, booked.get(month, Decimal("0"))))
        month = _next_month(month)
    return months


def visit_requests_for(organisation: Organisation) -> QuerySet[VisitRequest]:
    """The organisation's visit requests with their state and answer, newest first: every
    administrator follows them, also a colleague's (R-CONS-3)."""
    return (VisitRequest.objects.filter(organisation=organisation)
            .select_related("requested_by__user", "project", "appointment")
            .order_by("-requested_at", "-pk"))


def projects_to_choose(organisation: Organisation) -> QuerySet[Project]:
    """The organisation's projects a visit request can be about, by name (R-CONS-3)."""
    return Project.objects.filter(organisation=organisation).order_by("name", "pk")


def attention_counts(organisation_id: int) -> dict[str, object]:
    """Issue 14, the administrators' dashboard: visit requests not answered yet."""
    from .models import VisitRequestState

    return {"visits_waiting": count_of(VisitRequest.objects.filter(
        organisation_id=organisation_id, state=VisitRequestState.REQUESTED))}
