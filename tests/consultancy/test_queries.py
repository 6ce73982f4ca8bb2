"""Reads of consultancy (R-CONS-1, R-CONS-2): hours per month with the months in between,
hours spent and the next appointment from the bookings and appointments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from consultancy import queries
from tests.consultancy.factories import book, make_appointment, make_project

pytestmark = pytest.mark.django_db


def _hours(months: list[queries.MonthHours]) -> list[tuple[str, str]]:
    return [(f"{month.month:%Y-%m}", str(month.hours)) for month in months]


def test_hours_per_month_from_the_start_to_this_month_with_empty_months__R_CONS_2(cast):
    project = make_project(cast.organisation, starts_on=dt.date(2026, 1, 15),
                           planned_end_on=dt.date(2026, 12, 31))
    book(project, dt.date(2026, 1, 20), "4")
    book(project, dt.date(2026, 1, 31), "3.5")
    book(project, dt.date(2026, 3, 1), "8")
    assert _hours(queries.hours_per_month(project, today=dt.date(2026, 4, 10))) == [
        ("2026-01", "7.50"), ("2026-02", "0"), ("2026-03", "8.00"), ("2026-04", "0")]


def test_the_chart_stops_at_the_planned_end_unless_hours_were_booked_later__R_CONS_2(cast):
    project = make_project(cast.organisation, starts_on=dt.date(2025, 11, 3),
                           planned_end_on=dt.date(2026, 1, 31))
    book(project, dt.date(2025, 11, 4), "2")
    today = dt.date(2026, 6, 1)
    assert [month for month, _hours in _hours(queries.hours_per_month(project, today=today))] \
        == ["2025-11", "2025-12", "2026-01"]
    book(project, dt.date(2026, 3, 2), "1")  # aftercare after the planned end
    book(project, dt.date(2025, 10, 28), "1")  # preparation before the start
    assert _hours(queries.hours_per_month(project, today=today)) == [
        ("2025-10", "1.00"), ("2025-11", "2.00"), ("2025-12", "0"), ("2026-01", "0"),
        ("2026-02", "0"), ("2026-03", "1.00")]


def test_a_project_that_has_not_started_has_its_first_month_only__R_CONS_2(cast):
    start = timezone.localdate() + dt.timedelta(days=70)
    project = make_project(cast.organisation, starts_on=start,
                           planned_end_on=start + dt.timedelta(days=90))
    assert _hours(queries.hours_per_month(project)) == [(f"{start:%Y-%m}", "0")]


def test_hours_spent_and_next_appointment_per_project__R_CONS_1(cast):
    first = make_project(cast.organisation, name="Eerste")
    second = make_project(cast.organisation, name="Tweede")
    book(first, timezone.localdate(), "2.5")
    book(first, timezone.localdate(), "1.25")
    book(second, timezone.localdate(), "9")
    make_appointment(cast.organisation, project=first, days=-1)
    soon = make_appointment(cast.organisation, project=first, days=2)
    make_appointment(cast.organisation, project=second, days=1)
    make_appointment(cast.organisation, days=1)
    figures = {project.name: (project.hours_spent, project.next_appointment_at)
               for project in queries.projects_for(cast.organisation)}
    assert figures["Eerste"] == (Decimal("3.75"), soon.starts_at)
    assert figures["Tweede"][0] == Decimal("9")
    assert queries.projects_for(cast.other_organisation).count() == 0
