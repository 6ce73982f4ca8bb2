"""Benchmark of the nightly seat recount (R-QUOTA-3) at production size.

    make bench            # or: DATABASE_URL=postgres://… .venv/bin/python bench/recount.py

Fills a PostgreSQL database of its own (default klantportal_bench, dropped and re-created)
with ORGANISATIONS customer organisations and CONTACTS contacts (generate_series, in SQL),
then times recount_submitter_seats() a few times. Prints the figures; it asserts nothing.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import recreate_database  # noqa: E402

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/klantportal_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
ORGANISATIONS = int(os.environ.get("BENCH_ORGANISATIONS", 100_000))
CONTACTS = int(os.environ.get("BENCH_CONTACTS", 1_000_000))
RUNS = int(os.environ.get("BENCH_RUNS", 3))


def fill() -> None:
    from django.db import connection

    segments = "ARRAY['business_services','care','education','government','industry','retail']"
    with connection.cursor() as cursor:
        cursor.execute(f"""
            INSERT INTO contacts_organisation (name, kind, street, postal_code, city, country,
                phone, email, segment, employee_count, service_level, is_active, created_at)
            SELECT 'Organisation ' || i, 'customer', '', '', '', 'Nederland', '', '',
                   ({segments})[1 + mod(i, 6)], mod(i * 37, 2000), 'standard', true, now()
            FROM generate_series(1, %s) AS i""", [ORGANISATIONS])
        cursor.execute("""
            INSERT INTO accounts_user (password, is_superuser, email, first_name, last_name,
                phone, is_staff, is_active, date_joined)
            SELECT '!', false, 'user' || i || '@bench.example', '', '', '', false, true, now()
            FROM generate_series(1, %s) AS i""", [CONTACTS])
        cursor.execute("""
            INSERT INTO contacts_contact (user_id, organisation_id, is_employee,
                is_administrator, can_submit_incidents, can_view_incidents, certified_expert,
                submission_profile, language, application_management, release_news,
                job_title, is_active, created_at)
            SELECT u.id, o.min_id + mod(u.id, %s), true, mod(u.id, 10) = 0, mod(u.id, 3) = 0,
                   false, mod(u.id, 29) = 0, 'finance', 'nl', false, false, '', mod(u.id, 50) <> 0,
                   now()
            FROM accounts_user u,
                 (SELECT min(id) AS min_id FROM contacts_organisation) o""", [ORGANISATIONS])
        cursor.execute("""
            INSERT INTO contacts_seatallowancerule (segment, min_employees, max_employees, seats)
            VALUES ('', 0, 49, 2), ('', 50, 249, 3), ('', 250, 999, 5), ('', 1000, NULL, 8),
                   ('care', 250, NULL, 6), ('education', 0, 99, 3)""")
        cursor.execute("ANALYZE")


def main() -> None:
    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill()
    print(f"filled {ORGANISATIONS:,} organisations and {CONTACTS:,} contacts "
          f"in {time.perf_counter() - started:.1f} s")
    from contacts.actions import recount_submitter_seats
    from portal.celery import app

    # As in production, the recount only queues the shortage emails (to the in-memory
    # broker here); the worker sends them afterwards.
    app.conf.update(task_always_eager=False, broker_url="memory://")

    for run in range(1, RUNS + 1):
        started = time.perf_counter()
        result = recount_submitter_seats()
        print(f"recount run {run}: {time.perf_counter() - started:.2f} s, "
              f"{result.organisations:,} organisations, {len(result.newly_short):,} newly short")


if __name__ == "__main__":
    main()
