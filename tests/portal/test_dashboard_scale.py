"""``/`` costs the same number of queries at demo size and at 10,000 incidents (issue 14,
R-X-3): the dashboard's counts are read in one query on the organisation, whatever the
number of incidents, messages and visits behind them."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.models import Contact
from incidents.models import Incident, IncidentVisit, Message, MessageKind, Status
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

INCIDENTS = 10_000
ADMINISTRATOR, SUBMITTER = "beheerder@demo.example", "insturen@demo.example"
STATUSES = [Status.SUBMITTED, Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED,
            Status.CLOSED]


def _queries_and_page(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _bulk_incidents(submitter: Contact, n: int) -> None:
    """``n`` incidents of the submitter's organisation in every status, a fifth of them
    waiting for the reporter, some past their target, each with a customer and a support
    message; the reporter opened a third of them before support's last reply (unseen news)
    and another third after it."""
    now = timezone.now()
    past, future = now - dt.timedelta(days=2), now + dt.timedelta(days=3)
    incidents = [
        Incident(number=f"7{index:07d}", organisation_id=submitter.organisation_id,
                 reporter=submitter, owner=submitter, subject=f"Schaal {index}",
                 description="Veel incidenten.", incident_type="question",
                 product_area="finance", environment="production",
                 status=STATUSES[index % len(STATUSES)], priority=3,
                 target_at=past if index % 3 == 0 else future,
                 created_at=now - dt.timedelta(days=10), updated_at=now - dt.timedelta(hours=1),
                 last_activity_at=now - dt.timedelta(days=1))  # support's answer, below
        for index in range(n)
    ]
    Incident.objects.bulk_create(incidents, batch_size=2000)
    messages, visits = [], []
    for index, incident in enumerate(incidents):
        messages.append(Message(incident=incident, kind=MessageKind.CUSTOMER,
                                author_contact=submitter, body="Vraag.",
                                created_at=now - dt.timedelta(days=9)))
        messages.append(Message(incident=incident, kind=MessageKind.PUBLIC, body="Antwoord.",
                                created_at=now - dt.timedelta(days=1)))
        if index % 3 == 1:  # opened before the answer: news
            visits.append(IncidentVisit(contact=submitter, incident=incident,
                                        seen_at=now - dt.timedelta(days=5)))
        elif index % 3 == 2:  # opened after it: nothing new
            visits.append(IncidentVisit(contact=submitter, incident=incident, seen_at=now))
    Message.objects.bulk_create(messages, batch_size=5000)
    IncidentVisit.objects.bulk_create(visits, batch_size=5000)


def test_the_dashboard_costs_the_same_at_demo_size_and_at_10000_incidents__issue_14_R_X_3():
    call_command("seed_demo", allow_without_debug=True, stdout=io.StringIO())
    clients = {email: client_for(Contact.objects.get(user__email=email).user)
               for email in (ADMINISTRATOR, SUBMITTER)}
    demo = {}
    for email, client in clients.items():
        client.get("/")  # the first visit after login may record things once
        demo[email] = _queries_and_page(client)

    started = time.monotonic()
    _bulk_incidents(Contact.objects.get(user__email=SUBMITTER), INCIDENTS)
    assert time.monotonic() - started < 30  # the data is made in bulk, not per row

    for email, client in clients.items():
        started = time.monotonic()
        count, _html = _queries_and_page(client)
        elapsed = time.monotonic() - started
        assert count == demo[email][0], (email, demo[email][0], count)
        print(f"/ for {email}: {count} queries, {elapsed * 1000:.0f} ms at "
              f"{INCIDENTS} more incidents")
    # The counts took the new incidents in: the page is not served from a stale value.
    submitter = Contact.objects.get(user__email=SUBMITTER)
    counts = clients[SUBMITTER].get("/").context["attention"].counts
    waiting = Incident.objects.filter(owner=submitter, status=Status.WAITING).count()
    assert counts["incidents_waiting_for_you"] == waiting >= INCIDENTS // len(STATUSES)
    counts = clients[ADMINISTRATOR].get("/").context["attention"].counts
    assert counts["incidents_past_target"] == Incident.objects.filter(
        organisation_id=submitter.organisation_id, status__in=[Status.SUBMITTED,
                                                               Status.IN_PROGRESS],
        target_at__lt=timezone.now()).count() >= INCIDENTS // 10
