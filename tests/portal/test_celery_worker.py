"""Celery through Redis to a real worker process (the production set-up of docker-compose)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from portal.celery import app as celery_app
from portal.tasks import send_email

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    """A `celery worker` subprocess on a queue of its own, writing emails to files."""
    mail_dir = tmp_path_factory.mktemp("mail")
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "EMAIL_FILE_PATH": str(mail_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo",
         "--concurrency=1", "-Q", queue, "--without-gossip", "--without-mingle",
         "--loglevel=INFO", "--hostname", f"{queue}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "task_default_queue")}
    celery_app.conf.update(task_always_eager=False, task_default_queue=queue)
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(destination=[f"{queue}@{os.uname().nodename}"],
                                          timeout=1):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("The Celery worker did not start:\n" + process.stdout.read())
        yield mail_dir
    finally:
        celery_app.conf.update(saved)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


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
