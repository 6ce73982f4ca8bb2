"""Demo invoices and subscriptions for Demo BV and Andere BV (seed_demo, SPEC §11)."""

from __future__ import annotations

import re

import pytest

from contacts import demo as contacts_demo
from invoices import demo as invoices_demo
from invoices.models import Invoice, InvoiceStatus, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    contacts_demo.seed()
    invoices_demo.seed()


@pytest.mark.parametrize("organisation", ["Demo BV", "Andere BV"])
def test_a_year_of_invoices_with_each_status(seeded, organisation):
    invoices = list(Invoice.objects.filter(organisation__name=organisation))
    assert len(invoices) == 12
    statuses = [invoice.status for invoice in invoices]
    assert statuses.count(InvoiceStatus.OPEN) == 1
    assert statuses.count(InvoiceStatus.OVERDUE) == 1
    assert statuses.count(InvoiceStatus.PAID) == 10
    assert Subscription.objects.filter(organisation__name=organisation).count() == 2


def test_every_demo_invoice_has_a_pdf_with_its_number_and_amount(seeded):
    for invoice in Invoice.objects.all():
        body = invoice.pdf.read()
        assert body.startswith(b"%PDF-1.4") and body.rstrip().endswith(b"%%EOF")
        assert invoice.number.encode() in body
        whole, cents = f"{invoice.amount:.2f}".split(".")
        assert f"{int(whole):,}".replace(",", ".").encode() + b"," + cents.encode() in body


def test_seeding_again_changes_nothing(seeded):
    before = {(i.number, i.amount, i.paid_at, i.pdf.name) for i in Invoice.objects.all()}
    subscriptions = Subscription.objects.count()
    invoices_demo.seed()
    after = {(i.number, i.amount, i.paid_at, i.pdf.name) for i in Invoice.objects.all()}
    assert after == before
    assert Subscription.objects.count() == subscriptions


def test_invoice_numbers_have_the_human_format(seeded):
    assert all(re.fullmatch(r"F\d{4}-\d{6}", number)
               for number in Invoice.objects.values_list("number", flat=True))
