"""Staff manage invoices (with the PDF) and subscriptions in the admin (R-ROLE-10)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from invoices.models import Invoice, Subscription
from core.pdf import text_pdf
from tests.conftest import client_for
from tests.invoices.factories import make_invoice, make_subscription

pytestmark = pytest.mark.django_db


def _staff(cast, group: str):
    cast.staff.groups.add(Group.objects.get(name=group))
    return client_for(cast.staff)


def _invoice_form(cast, **changes) -> dict:
    data = {"organisation": cast.organisation.pk, "number": "F2026-000321",
            "description": "Cursus", "amount": "250.00", "invoice_date": "2026-03-01",
            "due_date": "2026-03-15", "paid_at_0": "", "paid_at_1": "",
            "pdf": SimpleUploadedFile("factuur.pdf", text_pdf(["Factuur F2026-000321"]),
                                      content_type="application/pdf")}
    data.update(changes)
    return data


def test_customer_care_lists_and_finds_invoices_by_number_and_organisation__R_ROLE_10(cast):
    make_invoice(cast.organisation, number="F2026-000301")
    make_invoice(cast.other_organisation, number="F2026-000302")
    client = _staff(cast, "Customer Care")
    page = client.get("/admin/invoices/invoice/").content.decode()
    assert "F2026-000301" in page and "F2026-000302" in page
    found = client.get("/admin/invoices/invoice/?q=F2026-000301").content.decode()
    assert "F2026-000301" in found and "F2026-000302" not in found
    by_name = client.get("/admin/invoices/invoice/?q=Andere").content.decode()
    assert "F2026-000302" in by_name and "F2026-000301" not in by_name
    for query in ("status=paid", "status=open", "status=overdue", "pdf=yes", "pdf=no"):
        assert client.get(f"/admin/invoices/invoice/?{query}").status_code == 200


def test_customer_care_adds_an_invoice_with_its_pdf__R_ROLE_10(cast):
    client = _staff(cast, "Customer Care")
    response = client.post("/admin/invoices/invoice/add/", _invoice_form(cast))
    assert response.status_code == 302, response.content.decode()
    invoice = Invoice.objects.get(number="F2026-000321")
    assert invoice.pdf.name.startswith(f"private/invoices/{cast.organisation.pk}/")
    assert invoice.pdf.read().startswith(b"%PDF-")


def test_a_file_that_is_not_a_pdf_is_refused_with_a_message(cast):
    client = _staff(cast, "Customer Care")
    fake = SimpleUploadedFile("factuur.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post("/admin/invoices/invoice/add/", _invoice_form(cast, pdf=fake))
    assert response.status_code == 200
    assert "Dit bestand is geen pdf." in response.content.decode()
    assert not Invoice.objects.exists()


def test_the_change_page_links_the_pdf_through_the_staff_download(cast):
    invoice = make_invoice(cast.organisation, number="F2026-000330")
    client = _staff(cast, "Support")
    page = client.get(f"/admin/invoices/invoice/{invoice.pk}/change/").content.decode()
    assert f'href="/admin/invoices/invoice/{invoice.pk}/pdf/"' in page
    response = client.get(f"/admin/invoices/invoice/{invoice.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_customer_care_sees_the_current_pdf_next_to_the_file_input(cast):
    invoice = make_invoice(cast.organisation, number="F2026-000332")
    client = _staff(cast, "Customer Care")
    page = client.get(f"/admin/invoices/invoice/{invoice.pk}/change/").content.decode()
    assert 'type="file" name="pdf"' in page
    assert f'href="/admin/invoices/invoice/{invoice.pk}/pdf/"' in page


def test_staff_without_invoice_permission_cannot_download(cast):
    invoice = make_invoice(cast.organisation, number="F2026-000331")
    client = _staff(cast, "Partner management")
    assert client.get(f"/admin/invoices/invoice/{invoice.pk}/pdf/").status_code == 403
    assert client.get("/admin/invoices/invoice/").status_code == 403


def test_support_sees_but_does_not_add_or_change(cast):
    invoice = make_invoice(cast.organisation, number="F2026-000340")
    make_subscription(cast.organisation, product="AFAS InSite")
    client = _staff(cast, "Support")
    assert client.get("/admin/invoices/invoice/").status_code == 200
    assert "AFAS InSite" in client.get("/admin/invoices/subscription/").content.decode()
    assert client.get("/admin/invoices/invoice/add/").status_code == 403
    response = client.post(f"/admin/invoices/invoice/{invoice.pk}/change/",
                           _invoice_form(cast, number="F2026-000341"))
    assert response.status_code == 403
    assert Invoice.objects.filter(number="F2026-000340").exists()


def test_customer_care_manages_subscriptions(cast):
    client = _staff(cast, "Customer Care")
    response = client.post("/admin/invoices/subscription/add/", {
        "organisation": cast.organisation.pk, "product": "AFAS Pocket", "description": "",
        "quantity": "5", "price_per_period": "3.00", "billing_period": "yearly",
        "start_date": "2026-01-01", "end_date": "",
    })
    assert response.status_code == 302, response.content.decode()
    assert Subscription.objects.get(product="AFAS Pocket").billing_period == "yearly"
    for query in ("active=yes", "active=no", "billing_period__exact=yearly"):
        page = client.get(f"/admin/invoices/subscription/?{query}")
        assert page.status_code == 200
