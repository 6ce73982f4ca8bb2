"""Invoice status (paid / open / overdue) and subscription activity."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone

from invoices.models import Invoice, InvoiceStatus, Subscription
from core.pdf import text_pdf
from tests.invoices.factories import make_invoice, make_subscription

pytestmark = pytest.mark.django_db


def test_status_is_paid_open_or_overdue(cast):
    today = timezone.localdate()
    invoice = Invoice(organisation=cast.organisation, number="F1", invoice_date=today,
                      due_date=today, amount=Decimal("1"))
    assert invoice.status == InvoiceStatus.OPEN  # due today is not overdue yet
    invoice.due_date = today - dt.timedelta(days=1)
    assert invoice.status == InvoiceStatus.OVERDUE
    invoice.paid_at = timezone.now()
    assert invoice.status == InvoiceStatus.PAID


def test_a_due_date_before_the_invoice_date_is_refused(cast):
    invoice = Invoice(organisation=cast.organisation, number="F2026-000001",
                      invoice_date=dt.date(2026, 2, 1), due_date=dt.date(2026, 1, 1),
                      amount=Decimal("10.00"))
    with pytest.raises(ValidationError) as error:
        invoice.full_clean()
    assert "due_date" in error.value.message_dict
    with pytest.raises(IntegrityError):
        invoice.save()


@pytest.mark.parametrize("number", ["F2026/1", "../etc", "F 1", ""])
def test_numbers_that_would_break_the_url_are_refused(cast, number):
    invoice = Invoice(organisation=cast.organisation, number=number,
                      invoice_date=dt.date(2026, 1, 1), due_date=dt.date(2026, 1, 1),
                      amount=Decimal("1.00"))
    with pytest.raises(ValidationError) as error:
        invoice.full_clean()
    assert "number" in error.value.message_dict


def test_only_pdfs_are_accepted(cast):
    invoice = make_invoice(cast.organisation, pdf=False)
    invoice.pdf = SimpleUploadedFile("factuur.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError) as error:
        invoice.full_clean()
    assert "pdf" in error.value.message_dict
    invoice.pdf = SimpleUploadedFile("factuur.pdf", text_pdf(["Factuur"]))
    invoice.full_clean()


def test_the_pdf_is_stored_in_a_private_folder(cast):
    invoice = make_invoice(cast.organisation, number="F2026-000777")
    assert re.fullmatch(rf"private/invoices/{cast.organisation.pk}/F2026-000777(_\w+)?\.pdf",
                        invoice.pdf.name)


def test_a_subscription_is_active_between_start_and_end(cast):
    today = timezone.localdate()
    subscription = make_subscription(cast.organisation, start_date=today)
    assert subscription.active
    subscription.start_date = today + dt.timedelta(days=1)
    assert not subscription.active
    subscription.start_date, subscription.end_date = today - dt.timedelta(days=10), today
    assert subscription.active  # the last day still counts
    subscription.end_date = today - dt.timedelta(days=1)
    assert not subscription.active


def test_a_subscription_total_is_quantity_times_price(cast):
    subscription = make_subscription(cast.organisation, quantity=3,
                                     price_per_period=Decimal("2.50"))
    assert subscription.total_per_period == Decimal("7.50")


def test_a_subscription_cannot_end_before_it_starts(cast):
    subscription = Subscription(organisation=cast.organisation, product="X", quantity=1,
                                price_per_period=Decimal("1.00"), start_date=dt.date(2026, 2, 1),
                                end_date=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as error:
        subscription.full_clean()
    assert "end_date" in error.value.message_dict
