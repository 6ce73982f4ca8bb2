"""Celery through Redis to a real worker process (the production set-up of docker-compose):
an email of a request is written to the outbox in the request's transaction and the worker,
reading the same database, relays it (R-X-8)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from core.models import OutboxItem
from tests.celery_workers import celery_workers, new_queue, worker_database_url

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.processes]


@pytest.fixture
def worker(tmp_path, transactional_db):
    """A `celery worker` subprocess on a queue of its own and the test database, writing
    emails to files."""
    mail_dir = tmp_path / "mail"
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.test",
           "DATABASE_URL": worker_database_url(),
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "EMAIL_FILE_PATH": str(mail_dir)}
    with celery_workers(queue=new_queue("test"), env=env) as start:
        start()
        yield mail_dir


def _mail_files(mail_dir: Path) -> str:
    return "".join(path.read_text() for path in sorted(mail_dir.glob("*.log")))


def test_password_reset_email_is_sent_by_the_worker_after_commit(worker, cast):
    """allauth's emails leave the request through the outbox and a worker via Redis."""
    assert settings.CELERY_BROKER_URL.startswith("redis")
    response = Client().post("/accounts/password/reset/", {"email": "employee@test.example"})
    assert response.status_code == 302
    deadline = time.monotonic() + 30
    while "employee@test.example" not in _mail_files(worker):
        assert time.monotonic() < deadline, "the worker sent no password-reset email"
        time.sleep(0.2)
    assert "/accounts/password/reset/key/" in _mail_files(worker)
    # The worker writes the email inside its transaction and marks the row done at the
    # commit just after: on a busy machine the file can be seen before the commit.
    while not OutboxItem.objects.filter(done_at__isnull=False).exists():
        assert time.monotonic() < deadline, "the worker never marked the email sent"
        time.sleep(0.2)
    assert OutboxItem.objects.filter(done_at__isnull=False).count() == 1
