"""Benchmark of release news (R-UPD-4): how long a REAL Celery worker, fed through Redis,
takes to email every opted-in contact after a release is published.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_updates_bench \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/release_news.py

Drops and re-creates the database named in DATABASE_URL, fills it (in SQL) with
BENCH_CONTACTS contacts who opted in to release news (half in English) spread over
BENCH_ORGANISATIONS organisations, starts `celery worker` (BENCH_CONCURRENCY processes,
on a queue of its own) with Django's file-based email backend (BENCH_EMAIL_BACKEND to
change it), publishes one release through ``publish_release`` and times until every
notification row is marked sent. Prints the figures; it asserts nothing but completeness.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import recreate_database  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kp_updates_bench")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["DEBUG"] = "False"  # no query log in memory, as in production
CONTACTS = int(os.environ.get("BENCH_CONTACTS", 10_000))
ORGANISATIONS = int(os.environ.get("BENCH_ORGANISATIONS", 500))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", 2))
EMAIL_BACKEND = os.environ.get("BENCH_EMAIL_BACKEND",
                               "django.core.mail.backends.filebased.EmailBackend")
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", 1800))


def fill() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO contacts_organisation (name, kind, street, postal_code, city, country,
                phone, email, segment, employee_count, service_level, is_active, created_at)
            SELECT 'Organisation ' || i, 'customer', '', '', '', 'Nederland', '', '',
                   'retail', 50, 'standard', true, now()
            FROM generate_series(1, %s) AS i""", [ORGANISATIONS])
        cursor.execute("""
            INSERT INTO accounts_user (password, is_superuser, email, first_name, last_name,
                phone, is_staff, is_active, date_joined)
            SELECT '!', false, 'user' || i || '@bench.example', 'User ' || i, '', '', false,
                   true, now()
            FROM generate_series(1, %s) AS i""", [CONTACTS])
        cursor.execute("""
            INSERT INTO contacts_contact (user_id, organisation_id, is_employee,
                is_administrator, can_submit_incidents, can_view_incidents, certified_expert,
                submission_profile, language, application_management, release_news,
                job_title, is_active, created_at)
            SELECT u.id, o.min_id + mod(u.id, %s), true, false, false, false, false, '',
                   CASE WHEN mod(u.id, 2) = 0 THEN 'en' ELSE 'nl' END, mod(u.id, 7) = 0,
                   true, '', true, now()
            FROM accounts_user u,
                 (SELECT min(id) AS min_id FROM contacts_organisation) o""", [ORGANISATIONS])
        cursor.execute("ANALYZE")


def start_worker(queue: str, mail_dir: Path) -> subprocess.Popen:
    # The worker queues the batches itself: its default queue must be the bench queue too.
    env = {**os.environ, "EMAIL_BACKEND": EMAIL_BACKEND, "EMAIL_FILE_PATH": str(mail_dir),
           "CELERY_TASK_DEFAULT_QUEUE": queue}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=prefork",
         f"--concurrency={CONCURRENCY}", "-Q", queue, "--without-gossip", "--without-mingle",
         "--loglevel=WARNING", "--hostname", f"{queue}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    recreate_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    assert settings.CELERY_BROKER_URL.startswith("redis"), "set CELERY_BROKER_URL to Redis"
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill()
    print(f"filled {CONTACTS:,} opted-in contacts in {ORGANISATIONS:,} organisations "
          f"in {time.perf_counter() - started:.1f} s")

    from accounts.models import User
    from portal.celery import app
    from updates.actions import publish_release
    from updates.demo import _notes
    from updates.models import Kind, Release, ReleaseNotification

    actor = User.objects.create_superuser(email="publisher@bench.example", password=None,
                                          is_staff=True)
    release = Release.objects.create(version="6.4.5", kind=Kind.UPDATE,
                                     released_on=django.utils.timezone.localdate(),
                                     notes=_notes("6.4.5", Kind.UPDATE, 3))
    queue = f"bench-{uuid.uuid4().hex[:12]}"
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    mail_dir = Path(tempfile.mkdtemp(prefix="release-news-"))
    worker = start_worker(queue, mail_dir)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[f"{queue}@{os.uname().nodename}"], timeout=1):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("The Celery worker did not start:\n" + worker.stdout.read())
        print(f"worker ready: {CONCURRENCY} processes, {EMAIL_BACKEND.rsplit('.', 2)[-2]} "
              f"email backend")

        started = time.perf_counter()
        with transaction.atomic():
            publish_release(release=release, actor=actor)
        published = time.perf_counter()
        sent = ReleaseNotification.objects.filter(release=release, sent_at__isnull=False)
        queued_at = None
        while (done := sent.count()) < CONTACTS:
            if queued_at is None and ReleaseNotification.objects.filter(
                    release=release).count() == CONTACTS:
                queued_at = time.perf_counter()
            if worker.poll() is not None or time.perf_counter() - started > TIMEOUT:
                raise RuntimeError(f"only {done:,} of {CONTACTS:,} sent:\n"
                                   + (worker.stdout.read() if worker.poll() is not None
                                      else "timed out"))
            time.sleep(0.2)
        total = time.perf_counter() - started
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
    messages = sum(path.read_text().count("\nSubject: ") for path in mail_dir.glob("*.log"))
    print(f"publish_release returned in {published - started:.3f} s")
    if queued_at is not None:
        print(f"all {CONTACTS:,} notification rows queued after {queued_at - started:.2f} s")
    print(f"{CONTACTS:,} emails sent in {total:.1f} s ({CONTACTS / total:,.0f} emails/s) "
          f"by {CONCURRENCY} worker processes; {messages:,} messages in {mail_dir}")


if __name__ == "__main__":
    main()
