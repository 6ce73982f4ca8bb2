"""Release news through Redis to a real Celery worker that reads PostgreSQL: publishing writes
the release's outbox row, the worker relays it into one outbox row per batch, relays those
and sends each contact one email (R-UPD-4, R-X-8)."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import Group

from accounts.roles import Role
from core.models import OutboxItem
from tests.celery_workers import celery_workers, new_queue, worker_database_url
from tests.factories import make_contact
from tests.updates.factories import make_release
from updates.actions import publish_release
from updates.models import ReleaseNotification

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.processes]


@pytest.fixture
def worker(tmp_path, transactional_db):
    """A `celery worker` on a queue of its own, on the test database, emails to files. Its
    default queue is that queue too, so the batches it queues come back to it."""
    mail_dir = tmp_path / "mail"
    queue = new_queue("test-updates")
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DEBUG": "False",
           "DATABASE_URL": worker_database_url(), "CELERY_TASK_DEFAULT_QUEUE": queue,
           "UPDATES_NEWS_BATCH_SIZE": "5",  # 12 recipients: three batches through Redis
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "EMAIL_FILE_PATH": str(mail_dir)}
    with celery_workers(queue=queue, env=env, loglevel="WARNING") as start:
        start()
        yield mail_dir


def test_a_real_worker_emails_every_recipient_once_in_batches__R_UPD_4(worker, cast):
    cast.staff.groups.add(Group.objects.get(name="Customer Care"))
    emails = [f"news{number}@test.example" for number in range(12)]
    for number, email in enumerate(emails):
        make_contact(cast.organisation, Role.EMPLOYEE, email=email, release_news=True,
                     application_management=number % 3 == 0,
                     language="en" if number % 2 else "nl")
    release = make_release("6.4.9", published=False, is_important=True)
    publish_release(release=release, actor=cast.staff)
    publish_release(release=release, actor=cast.staff)  # a second click changes nothing
    sent = ReleaseNotification.objects.filter(release=release, sent_at__isnull=False)
    deadline = time.monotonic() + 60
    while sent.count() < len(emails):
        assert time.monotonic() < deadline, f"only {sent.count()} of {len(emails)} sent"
        time.sleep(0.2)
    time.sleep(0.5)  # nothing more may arrive
    files = list(worker.glob("*.log"))
    assert len(files) == 3  # one SMTP connection (here: one file) per batch of 5
    text = "".join(path.read_text() for path in files)
    for email in emails:
        assert text.count(f"To: {email}\n") == 1, email
    assert OutboxItem.objects.filter(kind="updates.news.release_news_batch").count() == 3
    assert not OutboxItem.objects.filter(done_at__isnull=True).exists()
    assert "Subject: Important: Update 6.4.9 is available" in text
    assert "Subject: Belangrijk: Update 6.4.9 is beschikbaar" in text
