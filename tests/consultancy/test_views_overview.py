"""/consultancy/: the organisation's projects with hours spent and next appointment, its
upcoming appointments and the latest past ones, for administrators (R-CONS-1, R-CONS-2,
R-ROLE-14, R-X-3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from consultancy.models import Phase
from tests.conftest import client_for
from tests.consultancy.factories import book, make_appointment, make_project
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

URL = "/consultancy/"


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("who", "status"), [
    ("administrator", 200), ("employee", 403), ("submitter", 403), ("viewer", 403),
    ("no_role", 403), ("expert", 403), ("other_administrator", 200),
])
def test_only_administrators__R_CONS_1(cast, who, status):
    assert client_for(getattr(cast, who).user).get(URL).status_code == status


def test_staff_without_a_contact_are_refused__R_CONS_1(cast):
    assert client_for(cast.staff).get(URL).status_code == 403


def test_it_hides_other_organisation__R_CONS_1_R_ROLE_14(cast):
    ours = make_project(cast.organisation, name="Ons project")
    make_project(cast.other_organisation, name="Hun project")
    make_appointment(cast.other_organisation, agenda="Hun afspraak")
    make_appointment(cast.other_organisation, days=-3, agenda="Hun oude afspraak")
    response = client_for(cast.administrator.user).get(URL)
    assert [project.pk for project in response.context["projects"]] == [ours.pk]
    page = response.content.decode()
    assert "Ons project" in page
    assert "Hun project" not in page and "Hun afspraak" not in page
    assert "Hun oude afspraak" not in page


def test_projects_with_hours_spent_and_next_appointment__R_CONS_1(cast):
    running = make_project(cast.organisation, name="Salaris", budget="80")
    done = make_project(cast.organisation, name="Financieel", phase=Phase.COMPLETED,
                        starts_on=timezone.localdate() - dt.timedelta(days=20))
    book(running, timezone.localdate(), "6")
    book(running, timezone.localdate() - dt.timedelta(days=31), "2.25")
    make_appointment(cast.organisation, project=running, days=-1)
    later = make_appointment(cast.organisation, project=running, days=12)
    first = make_appointment(cast.organisation, project=running, days=4)
    make_appointment(cast.organisation, days=2)  # for the organisation: no project's next
    response = client_for(cast.administrator.user).get(URL)
    projects = response.context["projects"]
    assert [project.name for project in projects] == ["Salaris", "Financieel"]  # done last
    assert projects[0].hours_spent == Decimal("8.25")
    assert projects[0].next_appointment_at == first.starts_at != later.starts_at
    assert projects[1].hours_spent == 0 and projects[1].next_appointment_at is None
    row = response.content.decode().split(f'data-project="{running.pk}"')[1].split("</tr>")[0]
    assert f'href="/consultancy/projects/{running.pk}/"' in row
    assert "8,25" in row and "80" in row and 'data-phase="implementation"' in row
    assert done.pk != running.pk


def test_upcoming_and_recent_appointments_of_the_organisation__R_CONS_2(cast):
    project = make_project(cast.organisation, name="Salaris")
    coming = make_appointment(cast.organisation, project=project, days=10)
    sooner = make_appointment(cast.organisation, days=1, agenda="Adviesgesprek")
    held = [make_appointment(cast.organisation, days=-day) for day in range(1, 8)]
    response = client_for(cast.administrator.user).get(URL)
    assert response.context["upcoming"] == [sooner, coming]
    assert response.context["past"] == held[:5]  # the latest five, latest first
    upcoming = response.content.decode().split('data-testid="upcoming"')[1].split("</table>")[0]
    assert 'href="/consultancy/projects/{}/"'.format(project.pk) in upcoming
    assert "Adviesgesprek" in upcoming


def test_an_organisation_without_consultancy_sees_empty_lists(cast):
    page = client_for(cast.administrator.user).get(URL).content.decode()
    assert 'data-testid="no-projects"' in page
    assert 'data-testid="upcoming-none"' in page and 'data-testid="past-none"' in page
    assert 'href="/consultancy/visits/"' in page


def test_it_is_in_english_for_an_english_administrator__R_X_1(cast):
    cast.administrator.language = "en"
    cast.administrator.save()
    page = client_for(cast.administrator.user).get(URL).content.decode()
    assert "Consultancy" in page and "Upcoming appointments" in page
    assert "Request a visit" in page


def test_query_count_is_the_same_for_1_and_50_projects_and_appointments__R_X_3(cast):
    client = client_for(cast.administrator.user)
    project = make_project(cast.organisation)
    book(project, timezone.localdate(), "2")
    make_appointment(cast.organisation, project=project, days=3)
    make_appointment(cast.organisation, days=-3)
    one = queries_of(client, URL)
    for number in range(49):
        other = make_project(cast.organisation, name=f"Project {number}")
        book(other, timezone.localdate(), "1")
        make_appointment(cast.organisation, project=other, days=number + 1)
        make_appointment(cast.organisation, days=-number - 2)
    assert queries_of(client, URL) == one
