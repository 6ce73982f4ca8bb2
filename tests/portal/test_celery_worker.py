"""Celery through Redis to a real worker process (the production set-up of docker-compose)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from portal.tasks import send_email
from tests.celery_workers import celery_workers, new_queue

pytestmark = pytest.mark.redis


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    """A `celery worker` subprocess on a queue of its own, writing emails to files."""
    mail_dir = tmp_path_factory.mktemp("mail")
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.test",
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "EMAIL_FILE_PATH": str(mail_dir)}
    with celery_workers(queue=new_queue("test"), env=env) as start:
        start()
        yield mail_dir


def _mail_files(mail_dir: Path) -> str:
    return "".join(path.read_text() for path in sorted(mail_dir.glob("*.log")))


def test_a_task_goes_through_redis_to_a_real_worker_and_back(worker):
    assert settings.CELERY_BROKER_URL.startswith("redis")
    result = send_email.delay(subject="Worker check", body="Hallo", to=["someone@test.example"])
    assert result.get(timeout=30) == 1
    assert "Subject: Worker check" in _mail_files(worker)


@pytest.mark.django_db(transaction=True)
def test_password_reset_email_is_sent_by_the_worker_after_commit(worker, cast):
    """allauth's emails leave the request through Celery once the transaction commits."""
    response = Client().post("/accounts/password/reset/", {"email": "employee@test.example"})
    assert response.status_code == 302
    deadline = time.monotonic() + 30
    while "employee@test.example" not in _mail_files(worker):
        assert time.monotonic() < deadline, "the worker sent no password-reset email"
        time.sleep(0.2)
    assert "/accounts/password/reset/key/" in _mail_files(worker)
