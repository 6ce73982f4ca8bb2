"""Long threads (issue 15): the incident page shows the newest 20 public messages and an
"Earlier messages" control; older ones come a page at a time from
/incidents/<n>/messages/?before=<id>, as an htmx part or, without JavaScript, a page of its
own (R-INC-6, R-INC-8, R-X-3)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from incidents import actions
from incidents.models import Message, MessageKind
from incidents.queries import THREAD_PAGE
from tests.conftest import client_for
from tests.incidents.factories import MONDAY_10, make_incident, pdf
from tests.queries import queries_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _thread(incident, count: int, *, staff=None) -> list[Message]:
    """``count`` public messages a minute apart, oldest first; every third moment is shared
    by two messages, so the pages must also order by id. An internal note between each."""
    messages = []
    for number in range(count):
        moment = MONDAY_10 + dt.timedelta(minutes=number - number % 3 // 2)
        messages.append(Message(incident=incident, kind=MessageKind.CUSTOMER,
                                author_contact=incident.reporter, body=f"Bericht {number}",
                                created_at=moment))
        messages.append(Message(incident=incident, kind=MessageKind.INTERNAL, author_user=staff,
                                body=f"Notitie {number}", created_at=moment))
    Message.objects.bulk_create(messages)
    return [message for message in messages if message.kind == MessageKind.CUSTOMER]


def _bodies(html: str) -> list[str]:
    return re.findall(r"Bericht \d+", html)


def _earlier(html: str) -> str | None:
    match = re.search(r'data-testid="earlier-messages">\s*<a [^>]*href="([^"]+)"', html)
    return match.group(1).replace("&amp;", "&") if match else None


def test_the_page_shows_the_newest_20_and_earlier_ones_a_page_at_a_time(cast, staff):
    incident = make_incident(cast.submitter)
    _thread(incident, 45, staff=staff)
    client = client_for(cast.submitter.user)

    html = client.get(f"/incidents/{incident.number}/").content.decode()
    assert _bodies(html) == [f"Bericht {number}" for number in range(25, 45)]
    assert "Notitie" not in html
    url = _earlier(html)
    assert url is not None and url.startswith(f"/incidents/{incident.number}/messages/?before=")

    # With htmx: the part, which replaces the control with the older messages and its own.
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in part
    assert _bodies(part) == [f"Bericht {number}" for number in range(5, 25)]
    assert "Notitie" not in part
    last = client.get(_earlier(part)).content.decode()  # without JavaScript: a whole page
    assert "<html" in last and f"/incidents/{incident.number}/" in last
    assert _bodies(last) == [f"Bericht {number}" for number in range(5)]
    assert _earlier(last) is None


def test_a_short_thread_has_no_control(cast):
    incident = make_incident(cast.submitter)
    _thread(incident, THREAD_PAGE)
    html = client_for(cast.submitter.user).get(f"/incidents/{incident.number}/").content.decode()
    assert len(_bodies(html)) == THREAD_PAGE and _earlier(html) is None


def test_another_organisations_thread_is_not_found(cast):
    incident = make_incident(cast.submitter)
    messages = _thread(incident, 30)
    url = f"/incidents/{incident.number}/messages/?before={messages[-1].pk}"
    assert client_for(cast.viewer.user).get(url).status_code == 200
    assert client_for(cast.other_administrator.user).get(url).status_code == 404
    # A colleague submitter sees only their own incidents (R-ROLE-13).
    assert client_for(cast.expert.user).get(url).status_code == 404


@pytest.mark.parametrize("before", ["abc", "-1", "1.5", "9" * 30, "0"])
def test_a_before_that_is_no_message_is_not_found(cast, before):
    incident = make_incident(cast.submitter)
    _thread(incident, 3)
    response = client_for(cast.submitter.user).get(
        f"/incidents/{incident.number}/messages/", {"before": before})
    assert response.status_code == 404


def test_messages_of_another_incident_or_internal_notes_are_not_a_place_to_start(cast, staff):
    """Hostile input: an id of another incident's message, or of an internal note (R-INC-8),
    does not open a page."""
    incident, other = make_incident(cast.submitter), make_incident(cast.submitter)
    _thread(incident, 3)
    theirs = _thread(other, 3)[-1]
    note = Message.objects.filter(incident=incident, kind=MessageKind.INTERNAL).first()
    client = client_for(cast.submitter.user)
    for before in (theirs.pk, note.pk):
        assert client.get(f"/incidents/{incident.number}/messages/",
                          {"before": before}).status_code == 404


def test_a_poll_after_the_session_ended_reloads_the_page(cast, client):
    incident = make_incident(cast.submitter)
    response = client.get(f"/incidents/{incident.number}/messages/",
                          headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Refresh"] == "true"


def _page_queries(cast, staff, count: int) -> tuple[int, int]:
    incident = make_incident(cast.submitter, now=MONDAY_10, files=[pdf()])
    for number in range(count):
        actions.reply_as_staff(incident=incident, body=f"Antwoord {number}", actor=staff,
                               files=[pdf()])
        actions.reply(contact=cast.submitter, incident=incident, body=f"Reactie {number}",
                      files=[pdf()])
    newest = Message.objects.filter(incident=incident).order_by("created_at", "pk").last()
    client = client_for(cast.submitter.user)
    url = f"/incidents/{incident.number}/messages/?before={newest.pk}"
    client.get(url)
    return queries_of(client, url), queries_of(client, f"/incidents/{incident.number}/messages/")


def test_a_page_of_messages_costs_the_same_at_1_and_50_messages__R_X_3(cast, staff):
    one = _page_queries(cast, staff, 1)
    Message.objects.all().delete()
    assert _page_queries(cast, staff, 50) == one
