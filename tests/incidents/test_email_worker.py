"""Exactly one email per change through the production set-up (R-INC-7): the action commits,
Celery carries the task through Redis to a real worker process, which sends through a real
SMTP server on loopback (aiosmtpd). The worker is killed in the middle of sending; the task is
delivered again (acks_late) and the reporter still gets exactly one email."""

from __future__ import annotations

import email
import os
import signal
import socket
import threading
import time
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from incidents import actions
from incidents.models import Status
from portal.models import OutboxItem
from tests.celery_workers import celery_workers, new_queue, worker_database_url
from tests.incidents.factories import make_incident, support_user

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


class Recorder:
    """An SMTP handler that keeps every accepted message; with ``kill`` set, the first DATA
    instead kills that process (the worker dies mid-send) and is never accepted."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.kill: int | None = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.kill is not None:
                pid, self.kill = self.kill, None
                os.kill(pid, signal.SIGKILL)
                return "451 Worker killed before the message was accepted"
            self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield recorder, controller.port
    finally:
        controller.stop()


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
    actions.reply_as_staff(incident=incident, body="Wilt u het nog eens proberen?", by=staff)
    actions.add_internal_note(incident=incident, body="INTERNE NOTITIE", by=staff)
    actions.change_status(incident=incident, status=Status.WAITING, by=staff)
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
