"""The benchmark's data: the demo (``seed_demo``) plus, at scale 1, 10,000 customer
organisations, 1,000,000 contacts (each with a login), 1,000,000 incidents with about
3,000,000 messages, of which 50,000 incidents in the demo customer Demo BV (so the demo
accounts see a big organisation), written by PostgreSQL COPY (psycopg 3 ``cursor.copy``).

The goal of issue 15 times the recount over 1,000,000 contacts, hence that many (the issue's
data list asks for at least 200,000). Demo BV also gets 1,000 plain employees (contacts page).
Two incidents of the demo submitter exist at every scale, scale 0 (the demo only) included,
so the incident page is measured with the same thread at demo and at full size:
``LONG_THREAD`` (150 messages) and ``SHORT_THREAD`` (3 messages).

The database is reused between runs: the table ``bench_marker`` holds the scale, the
migration state (the migrations on disk) and the generator's version; when any differs the
database is dropped and generated again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass

DATA_VERSION = 1
ORGANISATIONS = 10_000
CONTACTS = 1_000_000
INCIDENTS = 1_000_000
DEMO_INCIDENTS = 50_000
DEMO_EMPLOYEES = 1_000
MESSAGES_PER_INCIDENT = 3
LONG_THREAD_MESSAGES = 150
FIRST_NUMBER = 40_000_000  # clear of the demo's numbers (14142135 … 69314718)
LONG_THREAD = str(FIRST_NUMBER)
SHORT_THREAD = str(FIRST_NUMBER + 1)
# Words the subjects are made of; SEARCH_TERM is in one subject in eight.
SEARCH_TERM = "salarisstrook"
SUBJECTS = [
    "Journaalpost kan niet worden geboekt", "Hoe maak ik een eigen rapport",
    "Fout bij het importeren van bankafschriften", "Salarisstrook toont verkeerde datum",
    "Koppeling met de webshop geeft een foutmelding", "Vraag over de btw-aangifte",
    "Wens: extra veld op de relatiekaart", "Factuurrun loopt vast",
]
SENTENCES = [
    "Sinds de update van vanochtend lukt het niet meer.", "We zien een foutcode op het scherm.",
    "Kun je meekijken in onze omgeving?", "Het gaat om de administratie van de holding.",
    "De collega's van de afdeling financiën hebben er ook last van.",
    "Bij het openen van het overzicht blijft het scherm leeg.",
    "We hebben het al opnieuw geprobeerd na het wissen van de cache.",
    "Het probleem doet zich alleen voor in de productieomgeving.",
    "Een schermafdruk van de melding sturen we mee.", "Dank voor de snelle reactie!",
    "De oplossing werkt, het boeken lukt weer.", "Wanneer verwachten jullie een oplossing?",
]
FIRST_NAMES = ["Anna", "Bram", "Carla", "Daan", "Eva", "Femke", "Gijs", "Hanna", "Ivo", "Joke"]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"]
SEGMENTS = ["business_services", "care", "education", "government", "industry", "retail"]
TYPES = ["fault", "question", "wish", "fault", "outage"]
AREAS = ["finance", "hrm_payroll", "crm", "projects", "online", "other"]
STATUSES = ["closed", "closed", "resolved", "in_progress", "submitted", "waiting", "closed"]
PRIORITIES = ["1", "2", "3", "3", "4", r"\N"]
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
SPAN_SECONDS = 3 * 365 * 24 * 3600  # the incidents spread over three years


@dataclass(frozen=True)
class Sizes:
    organisations: int
    contacts: int
    incidents: int
    demo_incidents: int
    demo_employees: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        def of(full: int, least: int = 0) -> int:
            return max(least, round(full * scale))

        demo = of(DEMO_INCIDENTS, 2)
        organisations = of(ORGANISATIONS)
        return cls(organisations=organisations,
                   contacts=max(organisations, of(CONTACTS)) if organisations else 0,
                   incidents=max(demo, of(INCIDENTS)) if organisations else demo,
                   demo_incidents=demo, demo_employees=of(DEMO_EMPLOYEES))


def migration_state() -> str:
    """A fingerprint of the migrations on disk: another migration means other data."""
    from django.db.migrations.loader import MigrationLoader

    names = sorted(f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations)
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def marker(url: str) -> dict | None:
    """The marker of the data in ``url``, None when there is none (or no database)."""
    import psycopg

    from bench.common import database_exists

    if not database_exists(url):
        return None
    with psycopg.connect(url) as conn:
        exists = conn.execute("SELECT to_regclass('bench_marker')").fetchone()[0]
        if exists is None:
            return None
        row = conn.execute("SELECT scale, migrations, version, sizes FROM bench_marker")
        found = row.fetchone()
    if found is None:
        return None
    return {"scale": float(found[0]), "migrations": found[1], "version": found[2],
            "sizes": found[3]}


def is_current(url: str, scale: float) -> bool:
    found = marker(url)
    wanted = {"scale": float(scale), "migrations": migration_state(), "version": DATA_VERSION}
    return found is not None and all(found[key] == value for key, value in wanted.items())


def ensure(url: str, scale: float, *, template: str | None = None,
           log=print) -> tuple[bool, float]:
    """Make the database at ``url`` hold the data of ``scale`` (Django must be set up with
    DATABASE_URL = ``url``). With ``template``, the URL of a database holding the current
    data of scale 0 (the migrated demo), the new database starts as a copy of it instead of
    migrating and seeding again. Returns (generated now, seconds it took)."""
    import psycopg

    from bench.common import database_name, recreate_database, server_url

    if is_current(url, scale):
        log(f"reusing the data of scale {scale} in {database_name(url)} "
            f"({marker(url)['sizes']})")  # type: ignore[index]
        return False, 0.0
    started = time.perf_counter()
    from django.db import connections

    connections.close_all()
    copied = template is not None and is_current(template, 0)
    if copied:
        with psycopg.connect(server_url(url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database_name(url)}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{database_name(url)}" '
                         f'TEMPLATE "{database_name(template)}"')  # type: ignore[arg-type]
        log(f"  copied {database_name(template)}: {time.perf_counter() - started:.1f} s")  # type: ignore[arg-type]
    else:
        recreate_database(url)
    generate(scale, log=log, migrated=copied)
    seconds = time.perf_counter() - started
    log(f"generated the data of scale {scale} in {seconds:.0f} s")
    return True, seconds


def generate(scale: float, *, log=print, migrated: bool = False) -> None:
    """Migrate and seed the demo (unless ``migrated``: a copy of the seeded demo), then add
    the bulk data of ``scale`` and the marker."""
    from django.core.management import call_command
    from django.db import connection

    sizes = Sizes.at(scale)
    step = time.perf_counter()

    def done(what: str) -> None:
        nonlocal step
        log(f"  {what}: {time.perf_counter() - step:.1f} s")
        step = time.perf_counter()

    if not migrated:
        call_command("migrate", verbosity=0)
        done("migrate")
        call_command("seed_demo", allow_without_debug=True, stdout=_Quiet())
        done("seed_demo")
    connection.ensure_connection()
    raw = connection.connection
    raw.autocommit = False
    with raw.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # no FK triggers per row
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        demo = _demo_ids(cursor)
        if migrated:  # the copy holds the two threads of scale 0: made again below
            cursor.execute("""DELETE FROM incidents_message WHERE incident_id IN (SELECT id
                              FROM incidents_incident WHERE number >= %s)""", [LONG_THREAD])
            cursor.execute("DELETE FROM incidents_incident WHERE number >= %s", [LONG_THREAD])
        indexes = _drop_indexes(cursor, ["accounts_user", "contacts_contact",
                                         "incidents_incident", "incidents_message"])
        org_ids = _organisations(cursor, sizes.organisations)
        contact_ids = _contacts(cursor, org_ids, sizes.contacts, demo, sizes.demo_employees)
        done(f"{len(org_ids):,} organisations, {len(contact_ids) + sizes.demo_employees:,} "
             f"contacts")
        messages = _incidents(cursor, sizes, org_ids, contact_ids, demo)
        done(f"{sizes.incidents:,} incidents, {messages:,} messages")
        for statement in indexes:
            cursor.execute(statement)
        done(f"{len(indexes)} indexes rebuilt")
        for table in ("contacts_organisation", "accounts_user", "contacts_contact",
                      "incidents_incident", "incidents_message"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT max(id) FROM {table}))")
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("DROP TABLE IF EXISTS bench_marker")
        cursor.execute("""CREATE TABLE bench_marker (scale numeric, migrations text,
                          version integer, sizes text, created_at timestamptz)""")
        cursor.execute("INSERT INTO bench_marker VALUES (%s, %s, %s, %s, now())",
                       [scale, migration_state(), DATA_VERSION,
                        f"{sizes.organisations:,} organisations, {sizes.contacts:,} contacts, "
                        f"{sizes.incidents:,} incidents ({sizes.demo_incidents:,} of Demo BV), "
                        f"{messages:,} messages"])
    raw.commit()
    raw.autocommit = True
    with raw.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    done("vacuum analyze")


class _Quiet:
    def write(self, *args, **kwargs) -> None:
        pass

    def flush(self) -> None:
        pass


@dataclass(frozen=True)
class _Demo:
    organisation: int
    submitter: int  # the contact insturen@demo.example
    expert: int  # the contact expert@demo.example
    support_user: int  # the user support@portal.example


def _demo_ids(cursor) -> _Demo:
    def contact(email: str) -> int:
        cursor.execute("""SELECT c.id FROM contacts_contact c JOIN accounts_user u
                          ON u.id = c.user_id JOIN contacts_organisation o
                          ON o.id = c.organisation_id
                          WHERE u.email = %s AND o.name = 'Demo BV'""", [email])
        return cursor.fetchone()[0]

    cursor.execute("SELECT id FROM contacts_organisation WHERE name = 'Demo BV'")
    organisation = cursor.fetchone()[0]
    cursor.execute("SELECT id FROM accounts_user WHERE email = 'support@portal.example'")
    support = cursor.fetchone()[0]
    return _Demo(organisation, contact("insturen@demo.example"), contact("expert@demo.example"),
                 support)


def _drop_indexes(cursor, tables: list[str]) -> list[str]:
    """Drop the indexes of ``tables`` that no constraint needs (COPY fills faster without
    them) and return the statements that create them again."""
    cursor.execute("""
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""",
                   [tables])
    found = cursor.fetchall()
    for name, _definition in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def _next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def _copy(cursor, table: str, columns: str, lines: Iterator[str]) -> None:
    """COPY text-format ``lines`` (tab-separated, newline-terminated) in blocks."""
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        block: list[str] = []
        for line in lines:
            block.append(line)
            if len(block) >= 20_000:
                copy.write("".join(block))
                block.clear()
        if block:
            copy.write("".join(block))


def _stamp(seconds_ago: int) -> str:
    return (NOW - dt.timedelta(seconds=seconds_ago)).isoformat()


def _organisations(cursor, count: int) -> list[int]:
    if not count:
        return []
    first = _next_id(cursor, "contacts_organisation")
    created = _stamp(400 * 24 * 3600)
    _copy(cursor, "contacts_organisation",
          "id, name, kind, street, postal_code, city, country, phone, email, segment, "
          "employee_count, service_level, is_active, created_at, require_mfa, public_email, "
          "website",
          (f"{first + i}\tBench organisation {i}\tcustomer\tDorpsstraat {i % 200 + 1}\t"
           f"3511 AB\tUtrecht\tNederland\t+31 30 000 0000\tinfo{i}@bench.example\t"
           f"{SEGMENTS[i % 6]}\t{(i * 37) % 2000}\t"
           f"{'first_class' if i % 10 == 0 else 'standard'}\tt\t{created}\tf\t\t\n"
           for i in range(count)))
    return list(range(first, first + count))


def _contacts(cursor, org_ids: list[int], count: int, demo: _Demo,
              demo_employees: int) -> list[int]:
    """``count`` contacts spread over ``org_ids`` (contact i in organisation i mod n, so
    the first n are one per organisation) and ``demo_employees`` plain employees of Demo
    BV; each with a user of its own. Returns the ids of the first kind."""
    total = count + demo_employees
    if not total:
        return []
    first_user = _next_id(cursor, "accounts_user")
    joined = _stamp(300 * 24 * 3600)
    _copy(cursor, "accounts_user",
          "id, password, is_superuser, first_name, last_name, is_staff, is_active, "
          "date_joined, email, phone",
          (f"{first_user + i}\t!\tf\t{FIRST_NAMES[i % 10]}\t{LAST_NAMES[i % 8]}\tf\tt\t{joined}"
           f"\tbench{i}@bench.example\t\n" for i in range(total)))
    first = _next_id(cursor, "contacts_contact")
    orgs = len(org_ids)

    def line(i: int) -> str:
        if i < count:
            organisation = org_ids[i % orgs]
            administrator, submit = i % 10 == 0, i % 3 == 0
            expert, active = i % 29 == 0, i % 50 != 0 or i < orgs
        else:
            organisation, administrator, submit, expert, active = (
                demo.organisation, False, False, False, True)
        flag = {True: "t", False: "f"}
        certified = "2026-01-15\t2028-01-15" if expert else "\\N\t\\N"
        return (f"{first + i}\tt\t{flag[administrator]}\t{flag[submit]}\tf\t{flag[expert]}\t"
                f"finance\t{'nl' if i % 4 else 'en'}\tf\tf\t\t{flag[active]}\t{joined}\t"
                f"{first_user + i}\t{organisation}\tf\tt\tt\tt\t{certified}\n")

    _copy(cursor, "contacts_contact",
          "id, is_employee, is_administrator, can_submit_incidents, can_view_incidents, "
          "certified_expert, submission_profile, language, application_management, "
          "release_news, job_title, is_active, created_at, user_id, organisation_id, "
          "daily_digest, notify_new_incidents, notify_replies, notify_status, "
          "expert_certified_on, expert_certified_until",
          (line(i) for i in range(total)))
    return list(range(first, first + count))


def _incidents(cursor, sizes: Sizes, org_ids: list[int], contact_ids: list[int],
               demo: _Demo) -> int:
    """The incidents (newest first: j = 0 is the newest) and their messages; returns the
    number of messages."""
    first = _next_id(cursor, "incidents_incident")
    orgs = len(org_ids)
    step = max(1, SPAN_SECONDS // max(1, sizes.incidents))

    def where(j: int) -> tuple[int, int]:
        if j < sizes.demo_incidents:
            return demo.organisation, demo.submitter if j % 2 == 0 or j < 2 else demo.expert
        k = j % orgs
        return org_ids[k], contact_ids[k]

    def incident(j: int) -> str:
        organisation, reporter = where(j)
        status = "in_progress" if j < 2 else STATUSES[j % 7]
        created = _stamp(600 + j * step)
        resolved = created if status in ("resolved", "closed") else r"\N"
        subject = f"{SUBJECTS[j % 8]} ({j})"
        description = " ".join(SENTENCES[(j * factor + offset) % 12]
                               for factor, offset in ((1, 0), (5, 3), (7, 1)))
        # The last activity: the newest public message (every third one is internal).
        count = LONG_THREAD_MESSAGES if j == 0 else MESSAGES_PER_INCIDENT
        last_public = max(m for m in range(count) if m % 3 != 2)
        activity = _stamp(max(0, 590 + j * step - (count - last_public) * 60))
        return (f"{first + j}\t{FIRST_NUMBER + j}\t{subject}\t{description}\t{TYPES[j % 5]}\t"
                f"{AREAS[j % 6]}\tproduction\t{status}\t{PRIORITIES[j % 6]}\t{created}\t"
                f"{created}\t{resolved}\t{created}\t00:00:00\t{organisation}\t{reporter}\t"
                f"{reporter}\tweb\t{activity}\n")

    _copy(cursor, "incidents_incident",
          "id, number, subject, description, incident_type, product_area, environment, "
          "status, priority, created_at, updated_at, resolved_at, target_at, "
          "paused_working_time, organisation_id, reporter_id, owner_id, channel, "
          "last_activity_at",
          (incident(j) for j in range(sizes.incidents)))

    def messages() -> Iterator[str]:
        for j in range(sizes.incidents):
            _organisation, reporter = where(j)
            count = LONG_THREAD_MESSAGES if j == 0 else MESSAGES_PER_INCIDENT
            for m in range(count):
                at = _stamp(max(0, 590 + j * step - (count - m) * 60))
                body = f"{SENTENCES[(j + m) % 12]} {SENTENCES[(j * 3 + m) % 12]}"
                kind = ("customer", "public", "internal")[m % 3]
                author_contact = reporter if kind == "customer" else r"\N"
                author_user = demo.support_user if kind != "customer" else r"\N"
                yield (f"{kind}\t{body}\t{at}\t{author_contact}\t{author_user}\t"
                       f"{first + j}\n")

    _copy(cursor, "incidents_message",
          "kind, body, created_at, author_contact_id, author_user_id, incident_id",
          messages())
    return sizes.incidents * MESSAGES_PER_INCIDENT + LONG_THREAD_MESSAGES - MESSAGES_PER_INCIDENT


def main() -> None:
    """``python -m bench.data --scale S [--template URL]`` for DATABASE_URL."""
    import argparse
    import os
    import sys

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--template")
    arguments = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    import django

    django.setup()
    ensure(os.environ["DATABASE_URL"], arguments.scale, template=arguments.template)


if __name__ == "__main__":
    main()
