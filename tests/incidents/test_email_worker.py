"""Exactly one email per change through the production set-up (R-INC-7): the action commits,
Celery carries the task through Redis to a real worker process, which sends through a real
SMTP server on loopback (aiosmtpd). The worker is killed in the middle of sending; the task is
delivered again (acks_late) and the reporter still gets exactly one email."""

from __future__ import annotations

import signal
import time

import pytest
from django.db import connection

from incidents import actions
from incidents.models import Status
from core.models import OutboxItem
from tests.celery_workers import celery_workers, new_queue, worker_database_url
from tests.mail_sink import smtp_sink
from tests.incidents.factories import make_incident, support_user

# The owner's emails alone (the cast's administrator and viewer do not hear of new
# incidents here, R-MAIL-6).
pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.processes,
              pytest.mark.usefixtures("no_new_incident_emails")]


@pytest.fixture
def smtp():
    with smtp_sink() as sink:
        yield sink


@pytest.fixture
def workers(smtp, transactional_db):
    """Start ``celery worker`` processes on a queue of their own, sending through ``smtp``
    and reading the test database."""
    if connection.vendor != "postgresql":
        pytest.fail("the worker test needs PostgreSQL (DATABASE_URL) to share the database")
    _recorder, port = smtp
    env = {"DJANGO_SETTINGS_MODULE": "tests.incidents.worker_settings",
           "DATABASE_URL": worker_database_url(),
           "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port)}
    with celery_workers(queue=new_queue("test-incidents"), env=env) as start:
        yield start


def _wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_each_change_reaches_the_smtp_server_once__R_INC_7_R_INC_8(cast, smtp, workers):
    recorder, _port = smtp
    workers()
    staff = support_user(cast.staff)
    incident = make_incident(cast.submitter)
    actions.reply_as_staff(incident=incident, body="Wilt u het nog eens proberen?", actor=staff)
    actions.add_internal_note(incident=incident, body="INTERNE NOTITIE", actor=staff)
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
    _wait_for(lambda: len(recorder.messages) >= 3)
    time.sleep(2)  # nothing more arrives
    assert len(recorder.messages) == 3
    assert OutboxItem.objects.filter(done_at__isnull=True).count() == 0
    for message in recorder.messages:
        assert message["To"] == "submitter@test.example"
        assert incident.number in message["Subject"]
        assert message.is_multipart()
        types = {part.get_content_type() for part in message.walk()}
        assert {"text/plain", "text/html"} <= types
        assert "INTERNE NOTITIE" not in message.as_string()
    ids = [message["Message-ID"] for message in recorder.messages]
    assert len(set(ids)) == 3


def test_a_worker_killed_mid_send_leads_to_exactly_one_email__R_INC_7(cast, smtp, workers):
    recorder, _port = smtp
    first = workers()
    recorder.kill = first.pid
    incident = make_incident(cast.submitter)
    assert first.wait(timeout=60) == -signal.SIGKILL
    outgoing = OutboxItem.objects.get()
    assert outgoing.done_at is None and recorder.messages == []
    workers()  # a new worker picks the unacknowledged task up again
    _wait_for(lambda: recorder.messages)
    time.sleep(5)  # longer than the visibility timeout: no second delivery
    assert len(recorder.messages) == 1
    assert incident.number in recorder.messages[0]["Subject"]
    outgoing.refresh_from_db()
    assert outgoing.done_at is not None
