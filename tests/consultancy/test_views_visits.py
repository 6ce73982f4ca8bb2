"""/consultancy/visits/: administrators request a consultant's or an adviser's visit with a
subject and preferred weeks, and follow the organisation's requests with their state and
our answer (R-CONS-3, R-ROLE-14, R-X-2, R-X-3)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from consultancy.actions import answer_visit_request, selectable_weeks
from consultancy.models import VisitRequest, VisitRequestState
from core.models import OutboxItem
from tests.conftest import client_for
from tests.consultancy.factories import (
    consultant, make_appointment, make_project, make_visit_request,
)
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

URL = "/consultancy/visits/"


def _data(**changes) -> dict:
    weeks = selectable_weeks()
    return {"kind": "consultant", "project": "", "subject": "Uitleg voor nieuwe collega's",
            "weeks": [weeks[1].isoformat(), weeks[3].isoformat()],
            "details": "Twee nieuwe collega's op de salarisadministratie.", **changes}


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("who", "status"), [
    ("administrator", 200), ("employee", 403), ("submitter", 403), ("viewer", 403),
    ("no_role", 403), ("expert", 403),
])
def test_only_administrators_request_a_visit__R_CONS_3(cast, who, status):
    client = client_for(getattr(cast, who).user)
    assert client.get(URL).status_code == status
    assert client.post(URL, _data()).status_code == (302 if status == 200 else 403)
    assert VisitRequest.objects.exists() == (status == 200)


def test_a_request_is_saved_and_the_consultancy_staff_are_told__R_CONS_3(cast):
    consultant()  # a member of the Consultancy group
    project = make_project(cast.organisation, name="Salaris")
    client = client_for(cast.administrator.user)
    response = client.post(URL, _data(kind="adviser", project=str(project.pk)))
    assert response.status_code == 302 and response["Location"] == URL
    visit = VisitRequest.objects.get()
    weeks = selectable_weeks()
    assert (visit.organisation, visit.requested_by, visit.project) == (
        cast.organisation, cast.administrator, project)
    assert visit.kind == "adviser" and visit.state == VisitRequestState.REQUESTED
    assert visit.weeks == [weeks[1], weeks[3]]
    assert visit.subject == "Uitleg voor nieuwe collega's"
    assert list(OutboxItem.objects.values_list("kind", flat=True)) == [
        "consultancy.emails.visit_request_notice"]
    page = client.get(URL).content.decode()
    assert 'class="alert alert-success' in page
    row = page.split(f'data-request="{visit.pk}"')[1].split("</tr>")[0]
    assert "Uitleg voor nieuwe collega" in row and 'data-state="requested"' in row
    assert f"week {weeks[1].isocalendar().week} " in row
    assert f'href="/consultancy/projects/{project.pk}/"' in row


def test_fields_the_form_does_not_show_are_ignored__R_CONS_3(cast):
    theirs = make_project(cast.other_organisation)
    appointment = make_appointment(cast.organisation)
    response = client_for(cast.administrator.user).post(URL, _data(
        organisation=cast.other_organisation.pk, requested_by=cast.other_administrator.pk,
        state="planned", answer="Al gepland", appointment=appointment.pk,
        answered_by=consultant().pk, answered_at="2026-01-01T10:00",
        requested_at="2020-01-01T10:00", preferred_weeks='["2020-01-06"]', id=12345))
    assert response.status_code == 302
    visit = VisitRequest.objects.get()
    assert visit.pk != 12345
    assert (visit.organisation, visit.requested_by) == (cast.organisation, cast.administrator)
    assert visit.state == VisitRequestState.REQUESTED and visit.answer == ""
    assert visit.appointment is None and visit.answered_by is None and visit.answered_at is None
    assert visit.requested_at > timezone.now() - dt.timedelta(minutes=5)
    assert visit.weeks == [selectable_weeks()[1], selectable_weeks()[3]]
    assert theirs.visit_requests.count() == 0


def _bad(case: str, cast) -> dict:
    weeks = selectable_weeks()
    this_monday = weeks[0] - dt.timedelta(weeks=1)
    return {
        "nothing": {},
        "no-week": _data(weeks=[]),
        "this-week": _data(weeks=[this_monday.isoformat()]),
        "too-far": _data(weeks=[(weeks[-1] + dt.timedelta(weeks=1)).isoformat()]),
        "a-tuesday": _data(weeks=[(weeks[2] + dt.timedelta(days=1)).isoformat()]),
        "not-a-date": _data(weeks=["volgende week"]),
        "nul-week": _data(weeks=["2026-\x0001-05"]),
        "no-subject": _data(subject="   "),
        "long-subject": _data(subject="x" * 201),
        "long-details": _data(details="x" * 2001),
        "nul-subject": _data(subject="a\x00b"),
        "bad-kind": _data(kind="manager"),
        "their-project": _data(project=str(make_project(cast.other_organisation).pk)),
        "no-such-project": _data(project="99999999999999999999"),
        "project-letters": _data(project="salaris"),
    }[case]


@pytest.mark.parametrize("case", [
    "nothing", "no-week", "this-week", "too-far", "a-tuesday", "not-a-date", "nul-week",
    "no-subject", "long-subject", "long-details", "nul-subject", "bad-kind", "their-project",
    "no-such-project", "project-letters",
])
def test_bad_input_is_a_message_on_the_form_never_a_500_and_is_kept__R_CONS_3_R_X_2(
        cast, case):
    data = _bad(case, cast)
    response = client_for(cast.administrator.user).post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not VisitRequest.objects.exists()
    page = response.content.decode()
    if case not in ("nothing", "no-subject", "long-subject", "nul-subject"):
        assert 'value="Uitleg voor nieuwe collega&#x27;s"' in page  # what was typed is kept
    if case in ("no-week", "nothing"):
        assert "weeks" in response.context["form"].errors


def test_the_messages_name_what_to_change_in_english__R_CONS_3_R_X_1(cast):
    cast.administrator.language = "en"
    cast.administrator.save()
    client = client_for(cast.administrator.user)
    page = client.post(URL, _data(weeks=[])).content.decode()
    assert "Choose at least one week." in page
    page = client.post(URL, _data(project=str(make_project(cast.other_organisation).pk)))
    assert "Select a valid choice" in page.content.decode()


def test_a_project_link_preselects_the_project__R_CONS_3(cast):
    project = make_project(cast.organisation, name="Salaris")
    make_project(cast.organisation, name="Financieel")
    theirs = make_project(cast.other_organisation, name="Hun project")
    client = client_for(cast.administrator.user)
    page = client.get(URL, {"project": project.pk}).content.decode()
    assert f'<option value="{project.pk}" selected>Salaris</option>' in page
    assert "Hun project" not in page
    for value in (theirs.pk, "abc", "9" * 30, "%00"):
        response = client.get(URL, {"project": value})
        assert response.status_code == 200
        select = response.content.decode().split('name="project"')[1].split("</select>")[0]
        assert re.findall(r'<option value="\d+" selected>', select) == []


def test_it_hides_other_organisation_and_shows_state_and_answer__R_CONS_3(cast):
    ours = make_visit_request(cast.administrator, subject="Onze vraag")
    theirs = make_visit_request(cast.other_administrator, subject="Hun vraag")
    answered = make_visit_request(cast.administrator, subject="Beantwoord")
    appointment = make_appointment(cast.organisation, days=20)
    answer_visit_request(visit_request=answered, actor=consultant(),
                         state=VisitRequestState.PLANNED, answer="We komen op de 20e.",
                         appointment=appointment)
    page = client_for(cast.administrator.user).get(URL).content.decode()
    assert "Onze vraag" in page and "Hun vraag" not in page
    assert f'data-request="{theirs.pk}"' not in page
    row = page.split(f'data-request="{answered.pk}"')[1].split("</tr>")[0]
    assert 'data-state="planned"' in row and "We komen op de 20e." in row
    assert 'data-testid="planned-at"' in row
    assert 'data-state="requested"' in page.split(f'data-request="{ours.pk}"')[1]


def test_query_count_is_the_same_for_1_and_50_requests__R_X_3(cast):
    client = client_for(cast.administrator.user)
    project = make_project(cast.organisation)
    make_visit_request(cast.administrator, project=project)
    one = queries_of(client, URL)
    appointment = make_appointment(cast.organisation)
    for number in range(49):
        visit = make_visit_request(cast.administrator, subject=f"Vraag {number}",
                                   project=project)
        if number % 2:
            answer_visit_request(visit_request=visit, actor=consultant(),
                                 state=VisitRequestState.PLANNED, answer="Gepland",
                                 appointment=appointment)
    assert queries_of(client, URL) == one
