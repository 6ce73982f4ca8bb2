"""Upgrading an installation: scan reports are deleted from storage before their column goes
(R-PART-6), and every integration gets a due date and a yearly review (R-PART-7, R-PART-8)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.pdf import text_pdf

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("partners", "0001_initial")


def _upgrade():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps


def test_the_upgrade_deletes_every_stored_scan_report__R_PART_6():
    from django.core.files.storage import default_storage

    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    partner = old.get_model("contacts", "Organisation").objects.create(
        name="Oud Partner BV", kind="partner")
    integration = old.get_model("partners", "Integration").objects.create(
        organisation=partner, name="Oude koppeling", agreement_start=dt.date(2024, 1, 1),
        last_scanned_on=dt.date(2025, 6, 1), next_scan_due=dt.date(2026, 6, 1), is_listed=True)
    Scan = old.get_model("partners", "Scan")
    with_report = Scan(integration=integration, scanned_on=dt.date(2025, 6, 1), colour="red")
    with_report.report.save("rapport.pdf", ContentFile(text_pdf(["Volledig rapport"])))
    Scan.objects.create(integration=integration, scanned_on=dt.date(2024, 6, 1), colour="green")
    stored = with_report.report.name
    assert stored.startswith("private/partners/scans/") and default_storage.exists(stored)
    keep = default_storage.save("private/partners/agreements/1/contract.pdf",
                                ContentFile(text_pdf(["Contract"])))

    new = _upgrade()

    assert not default_storage.exists(stored)
    assert default_storage.listdir(f"private/partners/scans/{integration.pk}") == ([], [])
    assert default_storage.exists(keep)  # agreements are the partner's: they stay
    with connection.cursor() as cursor:
        columns = [column.name for column in
                   connection.introspection.get_table_description(cursor, "partners_scan")]
    assert "report" not in columns and "tester" in columns
    scans = new.get_model("partners", "Scan").objects.order_by("scanned_on")
    assert [(scan.scanned_on, scan.colour) for scan in scans] == [
        (dt.date(2024, 6, 1), "green"), (dt.date(2025, 6, 1), "red")]


def test_never_scanned_integrations_get_a_strict_first_due_date_and_a_review__R_PART_7(settings):
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    partner = old.get_model("contacts", "Organisation").objects.create(
        name="Oud Partner BV", kind="partner")
    Integration = old.get_model("partners", "Integration")
    never = Integration.objects.create(organisation=partner, name="Nooit gescand",
                                       agreement_start=dt.date(2024, 1, 31))
    scanned = Integration.objects.create(organisation=partner, name="Gescand",
                                         agreement_start=dt.date(2023, 5, 1),
                                         last_scanned_on=dt.date(2025, 6, 1),
                                         next_scan_due=dt.date(2026, 6, 1))

    new = _upgrade()

    Integration = new.get_model("partners", "Integration")
    never, scanned = Integration.objects.get(pk=never.pk), Integration.objects.get(pk=scanned.pk)
    # Agreement start + 3 months, even though that has long passed (the strict reading).
    assert never.next_scan_due == dt.date(2024, 4, 30)
    assert scanned.next_scan_due == dt.date(2026, 6, 1)  # a scanned one keeps its date
    today = timezone.localdate()
    for integration in (never, scanned):
        assert today < integration.next_review_on <= today + dt.timedelta(days=366)
        assert (integration.next_review_on.month, integration.next_review_on.day) == (
            integration.agreement_start.month,
            min(integration.agreement_start.day, 29 if integration.agreement_start.month == 2
                else integration.agreement_start.day))
        assert integration.notice_months == 12
