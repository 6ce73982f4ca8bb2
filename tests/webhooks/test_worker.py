"""Exactly once per event id through the production set-up (R-HOOK-1, R-X-8): the actions
commit, Celery carries the deliveries through Redis to a real worker process, which posts to
a real HTTP receiver on loopback. The first request kills the worker (SIGKILL) before the
receiver answers; the task comes again (acks_late) and every event id reaches the receiver
with a 2xx exactly once, signed."""

from __future__ import annotations

import signal
import time

import pytest
from django.db import connection
from standardwebhooks import Webhook

from incidents import actions
from incidents.models import Status
from webhooks.models import Delivery, DeliveryStatus, Event
from tests.celery_workers import celery_workers, new_queue, worker_database_url
from tests.incidents.factories import make_incident, support_user
from tests.webhooks.factories import make_endpoint

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.processes]


@pytest.fixture
def workers(transactional_db, loopback):
    if connection.vendor != "postgresql":
        pytest.fail("the worker test needs PostgreSQL (DATABASE_URL) to share the database")
    env = {"DJANGO_SETTINGS_MODULE": "tests.webhooks.worker_settings",
           "DATABASE_URL": worker_database_url()}
    with celery_workers(queue=new_queue("test-webhooks"), env=env) as start:
        yield start


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_a_worker_killed_mid_delivery_leads_to_exactly_one_delivery_per_event__R_HOOK_1(
        cast, receiver, workers):
    endpoint = make_endpoint(cast.organisation, receiver.url)
    first = workers()
    receiver.kill = first.pid
    staff = support_user(cast.staff)
    incident = make_incident(cast.submitter)
    actions.reply_as_staff(incident=incident, body="Probeer het nog eens?", actor=staff)
    actions.add_internal_note(incident=incident, body="INTERNE NOTITIE", actor=staff)
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
    assert first.wait(timeout=60) == -signal.SIGKILL
    ids = set(Event.objects.values_list("webhook_id", flat=True))
    assert len(ids) == 3
    workers()  # a new worker picks the unacknowledged task up again
    _wait_for(lambda: receiver.processed() == ids)
    time.sleep(5)  # longer than the visibility timeout: no second delivery
    assert receiver.accepted() == {webhook_id: 1 for webhook_id in ids}
    assert list(Delivery.objects.values_list("status", flat=True)) == [
        DeliveryStatus.DELIVERED] * 3
    for request in receiver.requests:
        if request.status == 200:
            payload = Webhook(endpoint.secret).verify(request.body, request.headers)
            assert "INTERNE NOTITIE" not in request.body.decode()
            assert payload["data"]["incident"]["number"] == incident.number
    # The killed attempt was rolled back with its transaction: each delivery records one
    # attempt, the one that succeeded.
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [1, 1, 1]
