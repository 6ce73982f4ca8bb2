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
