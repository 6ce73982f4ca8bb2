"""/consultancy/projects/<pk>/: one project of the organisation with its figures, upcoming
and past appointments and the hours booked per month as an SVG bar chart with a table
(R-CONS-1, R-CONS-2, R-ROLE-14, R-X-3)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from consultancy.models import Phase
from tests.conftest import client_for
from tests.consultancy.factories import book, make_appointment, make_project
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def _url(project) -> str:
    return f"/consultancy/projects/{project.pk}/"


def _months_back(months: int) -> dt.date:
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def test_it_requires_login(client, cast):
    response = client.get(_url(make_project(cast.organisation)))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("who", "status"), [
    ("administrator", 200), ("employee", 403), ("submitter", 403), ("viewer", 403),
    ("no_role", 403), ("expert", 403), ("other_administrator", 404), ("partner", 404),
])
def test_only_the_organisations_administrators_see_a_project__R_CONS_1_R_ROLE_14(
        cast, who, status):
    project = make_project(cast.organisation)
    assert client_for(getattr(cast, who).user).get(_url(project)).status_code == status


def test_it_hides_other_organisation__R_CONS_1_R_ROLE_14(cast):
    theirs = make_project(cast.other_organisation, name="Hun project")
    client = client_for(cast.administrator.user)
    assert client.get(_url(theirs)).status_code == 404
    assert client.get("/consultancy/projects/99999999/").status_code == 404
    assert client.get("/consultancy/projects/99999999999999999999/").status_code == 404


def test_it_shows_the_projects_figures__R_CONS_1(cast):
    project = make_project(cast.organisation, name="Implementatie Salaris", budget="120",
                           phase=Phase.DESIGN)
    book(project, timezone.localdate(), "7.5")
    book(project, timezone.localdate() - dt.timedelta(days=40), "4")
    soon = make_appointment(cast.organisation, project=project, days=3)
    make_appointment(cast.organisation, project=project, days=20)
    response = client_for(cast.administrator.user).get(_url(project))
    shown = response.context["project"]
    assert shown.hours_spent == Decimal("11.5") and shown.next_appointment_at == soon.starts_at
    page = response.content.decode()
    assert "Implementatie Salaris" in page and 'data-phase="design"' in page
    assert "Koen Consultant" in page
    facts = page.split('data-testid="project-facts"')[1].split("</dl>")[0]
    assert 'data-testid="budget">120</dd>' in facts
    assert 'data-testid="spent">11,50' in facts  # Dutch number format
    assert f'href="/consultancy/visits/?project={project.pk}"' in page


def test_upcoming_and_past_appointments_of_the_project_only__R_CONS_2(cast):
    project = make_project(cast.organisation)
    other = make_project(cast.organisation, name="Ander project")
    coming = make_appointment(cast.organisation, project=project, days=5, agenda="Testen")
    held = make_appointment(cast.organisation, project=project, days=-5, agenda="Kick-off")
    make_appointment(cast.organisation, project=other, days=6, agenda="Ander project")
    make_appointment(cast.organisation, days=7, agenda="Voor de organisatie")
    response = client_for(cast.administrator.user).get(_url(project))
    assert response.context["upcoming"] == [coming]
    assert response.context["past"] == [held]
    page = response.content.decode()
    assert f'data-appointment="{coming.pk}"' in page.split('data-testid="upcoming"')[1]
    assert f'data-appointment="{held.pk}"' in page.split('data-testid="past"')[1]
    assert "Ander project" not in page.split('data-testid="upcoming"')[1]


def test_an_appointment_in_progress_is_still_upcoming__R_CONS_2(cast):
    project = make_project(cast.organisation)
    now = timezone.now()
    running = make_appointment(cast.organisation, project=project,
                               starts_at=now - dt.timedelta(hours=1), hours=3)
    response = client_for(cast.administrator.user).get(_url(project))
    assert response.context["upcoming"] == [running] and response.context["past"] == []
    assert response.context["project"].next_appointment_at == running.starts_at


def test_hours_per_month_as_an_accessible_svg_chart_with_a_table__R_CONS_2(cast):
    start = _months_back(3)
    project = make_project(cast.organisation, name="Salaris & HRM", starts_on=start)
    book(project, start, "10")
    book(project, start + dt.timedelta(days=3), "2.5")
    book(project, _months_back(1), "20")
    response = client_for(cast.administrator.user).get(_url(project))
    page = response.content.decode()
    chart = page.split('data-testid="hours-chart"')[1].split("</figure>")[0]
    svg = re.search(r"<svg [^>]*>", chart).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="hours-chart-title hours-chart-desc"' in svg
    assert 'id="hours-chart-title"' in chart and "Salaris &amp; HRM" in chart
    desc = chart.split('id="hours-chart-desc">')[1].split("</desc>")[0]
    assert "32,5" in desc and "4" in desc  # the total, over four months
    assert "style=" not in chart  # the CSP allows no inline styles
    bars = dict(re.findall(r'data-month="(\d{4}-\d\d)" data-hours="([\d.]+)"', chart))
    assert bars == {f"{_months_back(3):%Y-%m}": "12.50", f"{_months_back(2):%Y-%m}": "0",
                    f"{_months_back(1):%Y-%m}": "20.00", f"{_months_back(0):%Y-%m}": "0"}
    heights = {month: float(height) for height, month in re.findall(
        r'height="([\d.]+)" data-month="(\d{4}-\d\d)"', chart)}
    # The axis runs to 20 hours (steps of 5): 20 hours fill the plot, 12.5 hours 5/8 of it.
    assert heights == {f"{_months_back(3):%Y-%m}": 100.0, f"{_months_back(2):%Y-%m}": 0.0,
                       f"{_months_back(1):%Y-%m}": 160.0, f"{_months_back(0):%Y-%m}": 0.0}
    table = page.split('data-testid="hours-table"')[1].split("</table>")[0]
    rows = re.findall(r'<tr data-month="(\d{4}-\d\d)">.*?<td class="text-end">([^<]+)</td>',
                      table)
    assert rows == [(f"{_months_back(3):%Y-%m}", "12,50"), (f"{_months_back(2):%Y-%m}", "0"),
                    (f"{_months_back(1):%Y-%m}", "20"), (f"{_months_back(0):%Y-%m}", "0")]
    assert "32,50" in table.split("<tfoot>")[1]


def test_a_project_without_hours_says_so__R_CONS_2(cast):
    project = make_project(cast.organisation)
    page = client_for(cast.administrator.user).get(_url(project)).content.decode()
    assert 'data-testid="no-hours"' in page and 'data-testid="hours-chart"' not in page


def test_it_is_in_english_for_an_english_administrator__R_X_1(cast):
    cast.administrator.language = "en"
    cast.administrator.save()
    project = make_project(cast.organisation, starts_on=_months_back(1))
    book(project, _months_back(1), "3")
    page = client_for(cast.administrator.user).get(_url(project)).content.decode()
    assert "Hours per month" in page and "Upcoming appointments" in page
    assert "Implementatie Profit" in page and "Request a visit for this project" in page


def test_query_count_is_the_same_for_1_and_50_appointments_and_bookings__R_X_3(cast):
    project = make_project(cast.organisation, starts_on=_months_back(30))
    client = client_for(cast.administrator.user)
    make_appointment(cast.organisation, project=project, days=2)
    make_appointment(cast.organisation, project=project, days=-2)
    book(project, _months_back(2), "3")
    one = queries_of(client, _url(project))
    for number in range(49):
        make_appointment(cast.organisation, project=project, days=number - 24 or 30)
        book(project, _months_back(number % 29) + dt.timedelta(days=number % 20), "1.25")
    assert queries_of(client, _url(project)) == one
