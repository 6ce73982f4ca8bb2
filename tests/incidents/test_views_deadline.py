"""The live "time left in working hours" on the detail page: the block the page polls with
htmx while the clock runs, and its endpoint (R-INC-4, R-INC-5, R-ROLE-14, R-X-3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from incidents import actions, views
from incidents.models import Incident, Status
from tests.conftest import client_for
from tests.incidents.factories import MONDAY_10, make_incident
from tests.queries import queries_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

POLL = 'hx-trigger="every 60s"'


@pytest.fixture
def clock(monkeypatch):
    """The views' clock, movable: starts on a Monday morning inside opening hours."""
    moment = {"now": MONDAY_10}
    monkeypatch.setattr(views, "now", lambda: moment["now"])
    return moment


def _running(cast, staff) -> Incident:
    incident = make_incident(cast.submitter, now=MONDAY_10)
    return actions.set_priority(incident=incident, priority=2, actor=staff)


def test_it_requires_login(cast, staff):
    incident = _running(cast, staff)
    response = Client().get(f"/incidents/{incident.number}/deadline/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_poll_after_the_session_ended_reloads_the_page(cast, staff):
    incident = _running(cast, staff)
    response = Client().get(f"/incidents/{incident.number}/deadline/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Refresh"] == "true"


def test_the_block_counts_down_in_working_time__R_INC_4_R_INC_5(cast, staff, clock):
    incident = _running(cast, staff)
    url = f"/incidents/{incident.number}/deadline/"
    client = client_for(cast.submitter.user)
    response = client.get(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # the block only, swapped in by htmx
    assert "Time left: 8 h 30 min of working time" in html
    assert f'hx-get="{url}"' in html and POLL in html and 'hx-swap="outerHTML"' in html
    assert "no-cache" in response["Cache-Control"]
    clock["now"] = MONDAY_10 + dt.timedelta(minutes=45)
    assert "Time left: 7 h 45 min of working time" in client.get(url).content.decode()
    # Past 17:00 the clock stands still until Tuesday 08:30 (R-INC-5).
    clock["now"] = MONDAY_10.replace(hour=19)
    assert "Time left: 1 h 30 min of working time" in client.get(url).content.decode()


def test_the_detail_page_polls_only_while_the_clock_runs__R_INC_4(cast, staff, clock):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    client = client_for(cast.submitter.user)
    detail = f"/incidents/{incident.number}/"
    assert POLL not in client.get(detail).content.decode()  # no priority: no target yet
    actions.set_priority(incident=incident, priority=3, actor=staff)
    html = client.get(detail).content.decode()
    assert POLL in html and f'hx-get="{detail}deadline/"' in html
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff, now=MONDAY_10)
    for url in (detail, f"{detail}deadline/"):
        html = client.get(url).content.decode()
        assert "Paused – waiting for you" in html and POLL not in html
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    html = client.get(f"{detail}deadline/").content.decode()
    assert "Resolved: there is no target any more." in html and POLL not in html


def test_the_block_keeps_polling_past_the_target__R_INC_4(cast, staff, clock):
    incident = _running(cast, staff)
    clock["now"] = MONDAY_10 + dt.timedelta(days=1, hours=1)  # Tuesday 11:00
    html = client_for(cast.submitter.user).get(
        f"/incidents/{incident.number}/deadline/").content.decode()
    assert "Past the target by 1 h of working time." in html and POLL in html


def test_viewers_see_it_and_outsiders_get_404__R_ROLE_7_R_ROLE_14(cast, staff):
    incident = _running(cast, staff)
    url = f"/incidents/{incident.number}/deadline/"
    for who in ("administrator", "viewer"):
        assert client_for(getattr(cast, who).user).get(url).status_code == 200
    for who in ("other_administrator", "expert"):  # another organisation; a colleague
        assert client_for(getattr(cast, who).user).get(url).status_code == 404
    client = client_for(cast.submitter.user)
    assert client.get("/incidents/12345678/deadline/").status_code == 404
    assert client.get("/incidents/abc/deadline/").status_code == 404
    assert client.post(url).status_code == 405


def _deadline_queries(cast, staff, count: int) -> int:
    incident = _running(cast, staff)
    for number in range(count):
        actions.reply_as_staff(incident=incident, body=f"Antwoord {number}", actor=staff)
        actions.reply(contact=cast.submitter, incident=incident, body=f"Reactie {number}")
    client = client_for(cast.submitter.user)
    url = f"/incidents/{incident.number}/deadline/"
    client.get(url)
    return queries_of(client, url)


def test_deadline_query_count_is_constant__R_X_3(cast, staff, clock):
    one = _deadline_queries(cast, staff, 1)
    Incident.objects.all().delete()
    assert _deadline_queries(cast, staff, 50) == one
