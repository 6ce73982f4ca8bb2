"""R-INC-13: existing incidents get their reporter as owner when the owner column arrives."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("incidents", "0003_outbox_replaces_outgoing_email")


def test_the_owner_is_filled_from_the_reporter__R_INC_13():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    organisation = old.get_model("contacts", "Organisation").objects.create(
        name="Oud BV", kind="customer")
    user = old.get_model("accounts", "User").objects.create(email="oud@test.example")
    reporter = old.get_model("contacts", "Contact").objects.create(
        user=user, organisation=organisation)
    old.get_model("incidents", "Incident").objects.create(
        number="12345678", organisation=organisation, reporter=reporter, subject="Oud",
        description="Van voor de eigenaar", incident_type="fault", product_area="finance",
        environment="production")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    incident = new.get_model("incidents", "Incident").objects.get(number="12345678")
    assert incident.owner_id == incident.reporter_id == reporter.pk


def test_closure_days_become_exceptions_and_the_former_week_a_schedule__R_INC_16():
    """Nothing changes for an existing installation: its closure days keep date and reason
    as closed-all-day exceptions, and the hours the code held become the first schedule."""
    import datetime as dt

    before = ("incidents", "0004_owner_handover_and_waiting")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    old.get_model("incidents", "ClosureDay").objects.create(
        date=dt.date(2026, 12, 31), reason="Jaarafsluiting")
    # As on an installation from before: the Support group holds the closure-day rights.
    permissions = old.get_model("auth", "Permission").objects.filter(
        content_type__app_label="incidents", codename__endswith="_openingexception")
    for permission in permissions:
        permission.codename = permission.codename.replace("openingexception", "closureday")
        permission.save()
    support = old.get_model("auth", "Group").objects.get_or_create(name="Support")[0]
    support.permissions.set(old.get_model("auth", "Permission").objects.filter(
        codename__endswith="_closureday"))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    exception = new.get_model("incidents", "OpeningException").objects.get()
    assert (exception.date, exception.reason, exception.opens, exception.closes) == (
        dt.date(2026, 12, 31), "Jaarafsluiting", None, None)
    schedule = new.get_model("incidents", "OpeningSchedule").objects.get()
    assert schedule.valid_from == dt.date(2000, 1, 1)
    assert [(getattr(schedule, f"{day}_opens"), getattr(schedule, f"{day}_closes"))
            for day in ("monday", "thursday", "friday", "saturday", "sunday")] == [
        (dt.time(8, 30), dt.time(17, 0)), (dt.time(8, 30), dt.time(17, 0)),
        (dt.time(8, 30), dt.time(16, 0)), (None, None), (None, None)]
    support = new.get_model("auth", "Group").objects.get(name="Support")
    assert sorted(support.permissions.values_list("codename", flat=True)) == [
        "add_openingexception", "change_openingexception", "delete_openingexception",
        "view_openingexception"]


def test_the_last_activity_is_filled_from_public_messages_and_status_changes__issue_15():
    """The stored last activity starts as the migration finds it: the newest public message
    or status change, never an internal note (R-INC-8), the submission when there is none."""
    import datetime as dt

    before = ("incidents", "0013_incident_list_index")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    organisation = old.get_model("contacts", "Organisation").objects.create(
        name="Oud BV", kind="customer")
    user = old.get_model("accounts", "User").objects.create(email="oud@test.example")
    reporter = old.get_model("contacts", "Contact").objects.create(
        user=user, organisation=organisation)
    submitted = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    incident_model = old.get_model("incidents", "Incident")
    made = {}
    for number in ("11111111", "22222222", "33333333"):
        made[number] = incident_model.objects.create(
            number=number, organisation=organisation, reporter=reporter, owner=reporter,
            subject="Oud", description="Van voor de kolom", incident_type="fault",
            product_area="finance", environment="production", created_at=submitted)
    message = old.get_model("incidents", "Message").objects
    message.create(incident=made["11111111"], kind="public", body="Antwoord",
                   created_at=submitted + dt.timedelta(hours=2))
    message.create(incident=made["11111111"], kind="internal", body="Notitie",
                   created_at=submitted + dt.timedelta(hours=5))
    old.get_model("incidents", "StatusChange").objects.create(
        incident=made["22222222"], from_status="submitted", to_status="in_progress",
        at=submitted + dt.timedelta(hours=3))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    activity = dict(new.get_model("incidents", "Incident").objects.values_list(
        "number", "last_activity_at"))
    assert activity == {"11111111": submitted + dt.timedelta(hours=2),
                        "22222222": submitted + dt.timedelta(hours=3),
                        "33333333": submitted}
