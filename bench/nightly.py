"""The nightly jobs on the benchmark's data, and status emails through a real worker.

- the seat recount (R-QUOTA-3) over every contact, twice (the first finds every shortage
  new, the second is an ordinary night), the organisation checks (R-CARE-3, forced:
  every organisation with an administrator is asked) and the partner check (R-PART-3/7) over
  ``10,000 × scale`` integrations that bench/partner_check.py's ``fill`` adds first; each job
  runs in a transaction that is rolled back afterwards, so the data stays as generated (the
  COMMIT itself is not timed);
- ``10,000 × scale`` status emails (``incidents.emails.status_email``, one per incident owner)
  queued through the outbox in one transaction and delivered by a real Celery worker (prefork,
  BENCH_WORKER_CONCURRENCY processes, default 2) fed through Redis, over SMTP into the
  aiosmtpd sink of tests/mail_sink.py on loopback; timed from the COMMIT (which publishes the
  rows) until the sink holds every message; then the resident memory of the worker's
  processes. The rows are deleted again afterwards.

    .venv/bin/python -m bench.nightly --out nightly.json --scale 1
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, children, rss_mib  # noqa: E402

EMAILS = 10_000
INTEGRATIONS = 10_000
TIMEOUT = int(os.environ.get("BENCH_EMAIL_TIMEOUT", 900))


class _Rollback(Exception):
    pass


def timed_and_rolled_back(job) -> tuple[float, object]:
    """Run ``job()`` in a transaction, time it, roll the transaction back."""
    from django.db import transaction

    outcome: list = []
    try:
        with transaction.atomic():
            started = time.perf_counter()
            outcome.append(job())
            outcome.insert(0, time.perf_counter() - started)
            raise _Rollback
    except _Rollback:
        pass
    return outcome[0], outcome[1]


def nightly_jobs(scale: float) -> dict:

    from django.utils import timezone

    from bench import partner_check
    from contacts.actions import recount_submitter_seats
    from contacts.checks import request_organisation_checks
    from contacts.models import Contact
    from partners.actions import check_partner_certifications

    results: dict = {"contacts": Contact.objects.count()}

    def recount_twice() -> object:
        # The first run after the data was made finds every shortage new (a notice each);
        # the second is an ordinary night: nothing new.
        first = recount_submitter_seats()
        started = time.perf_counter()
        recount_submitter_seats()
        results["recount_again_s"] = round(time.perf_counter() - started, 2)
        return first

    seconds, recount = timed_and_rolled_back(recount_twice)
    results["recount_s"] = round(seconds - results["recount_again_s"], 2)
    results["recount"] = str(recount)[:300]
    results["recount_newly_short"] = len(recount.newly_short)  # type: ignore[attr-defined]
    print(f"  recount of {results['contacts']:,} contacts: {results['recount_s']:.2f} s "
          f"({results['recount_newly_short']:,} organisations newly short), again "
          f"{results['recount_again_s']:.2f} s", flush=True)
    now = timezone.now()
    seconds, asked = timed_and_rolled_back(
        lambda: request_organisation_checks(now=now, force=True))
    results["organisation_checks_s"] = round(seconds, 2)
    results["organisation_checks"] = asked
    print(f"  organisation checks: {asked:,} organisations asked in {seconds:.2f} s", flush=True)
    integrations = max(20, round(INTEGRATIONS * scale))
    today = timezone.localdate()

    def partners() -> object:
        partner_check.fill(integrations, today=today)
        started = time.perf_counter()
        result = check_partner_certifications(today=today)
        results["partner_check_s"] = round(time.perf_counter() - started, 2)
        return result

    _seconds, checked = timed_and_rolled_back(partners)
    results["integrations"] = integrations
    results["partner_check"] = str(checked)
    print(f"  partner check of {integrations:,} integrations: {results['partner_check_s']:.2f} s",
          flush=True)
    return results


def start_worker(queue: str, port: int, concurrency: int) -> subprocess.Popen:
    env = {**os.environ, "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "EMAIL_USE_TLS": "False",
           "CELERY_TASK_DEFAULT_QUEUE": queue}
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=prefork",
         f"--concurrency={concurrency}", "-Q", queue, "--without-gossip", "--without-mingle",
         "--loglevel=WARNING", "--hostname", f"{queue}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def status_emails(scale: float) -> dict:
    from django.db import transaction

    from core.models import OutboxItem
    from core.outbox import enqueue_many
    from incidents.emails import status_email
    from incidents.models import Incident, Status, StatusChange
    from portal.celery import app
    from tests.mail_sink import smtp_sink

    count = max(10, round(EMAILS * scale))
    concurrency = int(os.environ.get("BENCH_WORKER_CONCURRENCY", 2))
    # Owners who get the email (an acting owner who wants status emails one by one).
    incidents = list(Incident.objects.exclude(organisation__name="Demo BV")
                     .filter(owner__can_submit_incidents=True, owner__is_active=True,
                             owner__removed_at__isnull=True, owner__notify_status=True,
                             owner__daily_digest=False)
                     .order_by("pk").values_list("pk", "owner_id")[:count])
    if len(incidents) < count:
        raise RuntimeError(f"only {len(incidents)} incidents for {count} emails")
    changes = StatusChange.objects.bulk_create(
        [StatusChange(incident_id=pk, from_status=Status.IN_PROGRESS, to_status=Status.WAITING)
         for pk, _owner in incidents], batch_size=1000)
    queue = f"bench-{uuid.uuid4().hex[:12]}"
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    keys = [f"incident-status-{change.pk}-{owner}"
            for change, (_pk, owner) in zip(changes, incidents, strict=True)]
    result: dict = {"emails": count, "worker_concurrency": concurrency}
    try:
        with smtp_sink() as (recorder, port):
            worker = start_worker(queue, port, concurrency)
            try:
                deadline = time.monotonic() + 120
                name = f"{queue}@{os.uname().nodename}"
                while not app.control.ping(destination=[name], timeout=1):
                    if worker.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("the Celery worker did not start:\n"
                                           + (worker.stdout.read() if worker.poll() is not None
                                              else "timed out"))
                idle = {str(pid): round(rss_mib(pid), 1)
                        for pid in [worker.pid, *children(worker.pid)]}
                started = time.perf_counter()
                with transaction.atomic():
                    enqueue_many(status_email, [
                        (key, {"change": change.pk, "to": owner})
                        for key, change, (_pk, owner) in zip(keys, changes, incidents,
                                                             strict=True)])
                    committing = time.perf_counter()
                published = time.perf_counter()
                timed_out = False
                while len(recorder.messages) < count:
                    if worker.poll() is not None:
                        raise RuntimeError(f"only {len(recorder.messages)} of {count} emails "
                                           f"arrived:\n" + worker.stdout.read())
                    if time.perf_counter() - started > TIMEOUT:  # a figure, not a failure
                        timed_out = True
                        break
                    time.sleep(0.05)
                delivered = time.perf_counter()
                done = OutboxItem.objects.filter(key__in=keys, done_at__isnull=False).count()
                memory = {str(pid): round(rss_mib(pid), 1)
                          for pid in [worker.pid, *children(worker.pid)]}
            finally:
                worker.terminate()
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()
        result.update({
            "queue_s": round(committing - started, 2),
            "commit_and_publish_s": round(published - committing, 2),
            "delivered_s": round(delivered - committing, 2),
            "emails_per_s": round(count / (delivered - committing), 1),
            "worker_rss_idle_mib": idle, "worker_rss_mib": memory,
            "outbox_rows_done": done, "timed_out": timed_out,
            "arrived": len(recorder.messages),
            "duplicates": sum(n - 1 for n in recorder.message_ids().values() if n > 1),
        })
        print(f"  {count:,} status emails delivered {result['delivered_s']:.1f} s after the "
              f"commit ({result['emails_per_s']:.0f}/s; queueing took {result['queue_s']:.1f} s)"
              f"; worker RSS {memory} MiB", flush=True)
    finally:
        OutboxItem.objects.filter(key__in=keys).delete()
        StatusChange.objects.filter(pk__in=[change.pk for change in changes]).delete()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--scale", type=float, required=True)
    arguments = parser.parse_args()
    import django

    django.setup()
    from portal.celery import app

    # The jobs only queue their emails (outbox rows, rolled back); nothing reaches a broker.
    app.conf.update(task_always_eager=False)
    results = nightly_jobs(arguments.scale)
    results.update(status_emails(arguments.scale))
    Path(arguments.out).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
