"""Cheaper resets for the tests that commit (issue 12): the browser tests' live server, real
Celery workers, the chaos tests.

Such a test ends with Django's ``flush``: it truncates every table (about 150 on PostgreSQL,
each a new file on disk) and then sends ``post_migrate``, which builds the content types, the
permissions and the staff groups anew, under new keys. That costs about half a second a test,
and because the keys change, every snapshot of rows pointing at them (the cast, the demo data)
has to be built again after it.

On PostgreSQL ``reset_database`` does what the flush does in fewer steps: it truncates only
the tables that hold rows, and leaves the rows ``post_migrate`` would build again where they
are, so their keys stay. It does so only while those rows are exactly as the last full flush
left them (a fingerprint of the four tables); when a test changed a group, a permission or a
content type, the full flush runs as before. Other databases always get the full flush.

``seed_demo()`` loads the demo data (``manage.py seed_demo``). In a process on PostgreSQL the
first load is copied, and every later load into an empty database puts the copy back with one
COPY per table, the times moved forward by the time that passed, as if it was seeded now.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.management import call_command
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.test import TransactionTestCase
from django.utils import timezone

# What post_migrate builds (contenttypes, auth and accounts.staff's groups): kept by the
# quick reset while unchanged.
KEPT = ("django_content_type", "auth_permission", "auth_group", "auth_group_permissions")

# alias → fingerprint of KEPT after the last full flush (or None: not known).
_fingerprints: dict[str, str | None] = {}


def _quote(connection: BaseDatabaseWrapper, table: str) -> str:
    return connection.ops.quote_name(table)


def _tables(connection: BaseDatabaseWrapper) -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True,
                                                              include_views=False))


def tables_with_rows(connection: BaseDatabaseWrapper) -> list[str]:
    """The Django tables that hold at least one row, in one query."""
    tables = _tables(connection)
    sql = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {_quote(connection, table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql, tables)
        return [row[0] for row in cursor.fetchall()]


def _fingerprint(connection: BaseDatabaseWrapper) -> str:
    parts = ", ".join(
        f"(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) "
        f"FROM {_quote(connection, table)} t)" for table in KEPT)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT concat_ws('/', {parts})")
        return cursor.fetchone()[0]


@receiver(post_migrate)
def _forget_fingerprints(**kwargs: object) -> None:
    """After a migrate or a full flush the kept rows are new: take their fingerprint again,
    and the demo copy (which points at them) is no good any more."""
    global _demo
    _fingerprints.clear()
    _demo = None


def reset_database(alias: str) -> None:
    """Empty the database ``alias`` as ``manage.py flush`` would (see the module's text)."""
    connection = connections[alias]
    if connection.vendor == "postgresql" and _fingerprints.get(alias) is not None:
        if _fingerprint(connection) == _fingerprints[alias]:
            emptied = [table for table in tables_with_rows(connection) if table not in KEPT]
            if emptied:
                with connection.cursor() as cursor:
                    # CASCADE reaches only tables that point at these, never a kept one (none
                    # of them points outside KEPT).
                    cursor.execute("TRUNCATE " + ", ".join(
                        _quote(connection, table) for table in emptied) + " CASCADE")
            return
    call_command("flush", verbosity=0, interactive=False, database=alias,
                 reset_sequences=False)
    if connection.vendor == "postgresql":
        _fingerprints[alias] = _fingerprint(connection)


def _fixture_teardown(self: TransactionTestCase) -> None:
    """``TransactionTestCase._fixture_teardown`` for tests that flush the whole database;
    a test case naming ``available_apps`` (none here) keeps Django's own."""
    if self.available_apps is not None or self.serialized_rollback:
        return _django_fixture_teardown(self)
    for alias in self._databases_names(include_mirrors=False):
        reset_database(alias)
    return None


_django_fixture_teardown = TransactionTestCase._fixture_teardown


def install() -> None:
    TransactionTestCase._fixture_teardown = _fixture_teardown  # type: ignore[method-assign]


class _DemoCopy:
    """The rows of the first ``seed_demo`` in this process, table by table."""

    def __init__(self, tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]],
                 taken: dt.datetime) -> None:
        self.tables = tables
        self.taken = taken

    @classmethod
    def take(cls, connection: BaseDatabaseWrapper, taken: dt.datetime) -> _DemoCopy:
        tables = {}
        with connection.cursor() as cursor:
            for table in tables_with_rows(connection):
                if table in KEPT:
                    continue
                cursor.execute(f"SELECT * FROM {_quote(connection, table)}")
                columns = [column.name for column in cursor.description]
                tables[table] = (columns, cursor.fetchall())
        return cls(tables, taken)

    def put_back(self, connection: BaseDatabaseWrapper) -> None:
        now = timezone.now()
        moved = now - self.taken
        days = timezone.localdate(now) - timezone.localdate(self.taken)

        def move(value: Any) -> Any:
            if isinstance(value, dt.datetime):
                return value + moved
            if isinstance(value, dt.date):
                return value + days
            return value

        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor: COPY row by row
            for table, (columns, rows) in self.tables.items():
                names = ", ".join(_quote(connection, column) for column in columns)
                with raw.copy(f"COPY {_quote(connection, table)} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row([move(value) for value in row])


_demo: _DemoCopy | None = None


def seed_demo(alias: str = "default") -> None:
    """The demo data, as ``manage.py seed_demo --allow-without-debug`` makes it."""
    global _demo
    connection = connections[alias]
    empty = (connection.vendor == "postgresql"
             and set(tables_with_rows(connection)) <= set(KEPT))
    if empty and _demo is not None:
        _demo.put_back(connection)
        return
    taken = timezone.now()
    call_command("seed_demo", allow_without_debug=True, stdout=io.StringIO())
    if empty:
        _demo = _DemoCopy.take(connection, taken)
