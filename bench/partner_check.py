"""Benchmark of the nightly partner check (R-PART-3, R-PART-7) at production size: delisting,
notices, ended agreements and the 90/30/7-day reminders for BENCH_INTEGRATIONS (10,000)
integrations of BENCH_INTEGRATIONS / 10 partners with one contact each.

    make bench                      # or: .venv/bin/python bench/partner_check.py
    BENCH_QUICK=1 .venv/bin/python bench/partner_check.py      # 200 integrations, seconds

Drops and re-creates the PostgreSQL database named in DATABASE_URL (default
klantportal_bench_partners), fills it with ``bulk_create`` (due dates spread from 100 days
ago to 300 days ahead, so about a quarter is overdue and a quarter is in a reminder window),
then times ``check_partner_certifications`` twice: the first run does the work, the second
finds nothing new (idempotent). Prints the time, the number of queries and what each run did;
it asserts nothing. The emails are only queued (outbox rows), as in production; a worker
sends them afterwards. tests/partners/test_bench.py runs ``fill`` and ``run`` small.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import recreate_database  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
INTEGRATIONS = int(os.environ.get("BENCH_INTEGRATIONS", 200 if QUICK else 10_000))
PER_PARTNER = 10
SPREAD_DAYS = (-100, 300)


def fill(integrations: int, *, today: dt.date) -> None:
    """Partners (one contact each) and ``integrations`` integrations, by bulk_create."""
    from accounts.models import User
    from accounts.roles import OrganisationKind
    from contacts.models import Contact, Organisation
    from partners.models import Integration, IntegrationStatus

    partners = Organisation.objects.bulk_create(
        [Organisation(name=f"Bench partner {number}", kind=OrganisationKind.PARTNER)
         for number in range(max(1, integrations // PER_PARTNER))], batch_size=1000)
    users = User.objects.bulk_create(
        [User(email=f"partner{number}@bench.example", password="!")
         for number in range(len(partners))], batch_size=1000)
    Contact.objects.bulk_create(
        [Contact(user=user, organisation=partner, is_administrator=True)
         for user, partner in zip(users, partners, strict=True)], batch_size=1000)
    first, last = SPREAD_DAYS
    rows = []
    for number in range(integrations):
        due = today + dt.timedelta(days=first + number % (last - first))
        rows.append(Integration(
            organisation=partners[number % len(partners)], name=f"Bench koppeling {number}",
            agreement_start=dt.date(2022, 1, 1), status=IntegrationStatus.ACTIVE,
            last_scanned_on=due - dt.timedelta(days=365), next_scan_due=due,
            is_listed=True, next_review_on=dt.date(2027, 1, 1)))
    Integration.objects.bulk_create(rows, batch_size=1000)


def run(*, today: dt.date, label: str) -> tuple[float, int, object]:
    """One nightly check: (seconds, queries, result)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partners.actions import check_partner_certifications

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = check_partner_certifications(today=today)
        seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.2f} s, {len(queries)} queries; {result}")
    return seconds, len(queries), result


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    os.environ.setdefault("DATABASE_URL",
                          "postgres://postgres@127.0.0.1:5432/klantportal_bench_partners")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DEBUG"] = "False"
    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from core.models import OutboxItem
    from portal.celery import app

    call_command("migrate", verbosity=0)
    # As in production the check only writes outbox rows; publishing them goes to the
    # in-memory broker here, not to a worker.
    app.conf.update(task_always_eager=False, broker_url="memory://")
    today = timezone.localdate()
    started = time.perf_counter()
    fill(INTEGRATIONS, today=today)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"filled {INTEGRATIONS:,} integrations of {max(1, INTEGRATIONS // PER_PARTNER):,} "
          f"partners in {time.perf_counter() - started:.1f} s")
    run(today=today, label="nightly check, first run")
    run(today=today, label="nightly check, second run (nothing new)")
    print(f"outbox rows written: {OutboxItem.objects.count():,}")


if __name__ == "__main__":
    main()
