"""Agreement documents and scan reports: access-checked downloads from private storage
(R-PART-5, R-ROLE-14)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.conftest import client_for
from tests.partners.factories import (
    make_document, make_integration, make_partner, make_report_scan,
)

pytestmark = pytest.mark.django_db


def test_the_partner_downloads_its_own_document__R_PART_5(cast):
    document = make_document(cast.partner_organisation, "Overeenkomst")
    assert document.file.name.startswith("private/partners/agreements/")
    response = client_for(cast.partner.user).get(f"/partner/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_another_partners_document_is_404__R_ROLE_14(cast):
    document = make_document(make_partner(), "Van een ander")
    assert client_for(cast.partner.user).get(
        f"/partner/documents/{document.pk}/").status_code == 404


def test_customers_get_403_and_anonymous_the_login(cast, client):
    document = make_document(cast.partner_organisation)
    url = f"/partner/documents/{document.pk}/"
    assert client_for(cast.administrator.user).get(url).status_code == 403
    assert client.get(url).status_code == 302


def test_unknown_or_missing_files_are_404__R_X_2(cast):
    document = make_document(cast.partner_organisation)
    document.file.delete(save=False)
    client = client_for(cast.partner.user)
    assert client.get(f"/partner/documents/{document.pk}/").status_code == 404
    assert client.get("/partner/documents/999999/").status_code == 404
    assert client.get("/partner/documents/99999999999999999999999/").status_code == 404


def test_the_partner_downloads_its_scan_reports_only__R_PART_5(cast):
    scan = make_report_scan(make_integration(cast.partner_organisation))
    other = make_report_scan(make_integration(make_partner()))
    client = client_for(cast.partner.user)
    response = client.get(f"/partner/scans/{scan.pk}/report/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="quickscan-{timezone.localdate()}.pdf"')
    assert client.get(f"/partner/scans/{other.pk}/report/").status_code == 404


def test_a_scan_without_report_is_404(cast):
    integration = make_integration(cast.partner_organisation,
                                   scanned_on=timezone.localdate())
    scan = integration.scans.get()
    assert client_for(cast.partner.user).get(
        f"/partner/scans/{scan.pk}/report/").status_code == 404
