"""The quicker reset after transactional tests and the copied demo data (issue 12,
tests/database_reset.py): they must leave the database exactly as Django's flush and
``manage.py seed_demo`` would."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from incidents.models import Incident
from tests import database_reset
from tests.database_reset import KEPT, reset_database, seed_demo, tables_with_rows
from tests.factories import make_organisation

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def kept_rows() -> tuple[list, list, list]:
    return (list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model")),
            list(Group.objects.order_by("pk").values_list("pk", "name")),
            list(Permission.objects.order_by("pk").values_list("pk", "codename")))


def test_the_quick_reset_empties_every_table_and_keeps_the_content_types_keys():
    reset_database("default")  # a full flush first: the kept rows' fingerprint is known
    before = kept_rows()
    make_organisation()
    assert set(tables_with_rows(connection)) - set(KEPT)

    reset_database("default")

    assert set(tables_with_rows(connection)) <= set(KEPT)
    assert kept_rows() == before


def test_a_changed_group_is_undone_by_a_full_flush():
    reset_database("default")
    group = Group.objects.order_by("pk").first()
    assert group is not None, "post_migrate builds the staff groups"
    name = group.name
    group.name = "Renamed by a test"
    group.save()
    group.permissions.clear()

    reset_database("default")

    assert Group.objects.filter(name=name).exists()
    assert not Group.objects.filter(name="Renamed by a test").exists()
    assert Group.objects.get(name=name).permissions.exists()


def test_the_copied_demo_data_is_the_demo_data_seeded_now(monkeypatch):
    reset_database("default")
    seed_demo()
    assert database_reset._demo is not None, "the first load into an empty database is copied"
    first = {table: len(rows) for table, (_, rows) in database_reset._demo.tables.items()}
    incident = Incident.objects.order_by("pk").first()
    reset_database("default")
    # As if a day passed between the first load and this one.
    monkeypatch.setattr(database_reset._demo, "taken",
                        database_reset._demo.taken - dt.timedelta(days=1))

    seed_demo()

    with connection.cursor() as cursor:
        for table, count in first.items():
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            assert cursor.fetchone()[0] == count, table
    again = Incident.objects.get(pk=incident.pk)
    # Moved by the day plus the seconds this test took since the first load.
    moved = again.created_at - incident.created_at
    assert dt.timedelta(days=1) < moved < dt.timedelta(days=1, minutes=5)
    assert again.subject == incident.subject
