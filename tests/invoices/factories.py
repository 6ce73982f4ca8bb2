"""Invoices and subscriptions for tests (staff make them in the admin; there is no action)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.base import ContentFile

from contacts.models import Organisation
from invoices.models import BillingPeriod, Invoice, Subscription
from core.pdf import text_pdf

_numbers = itertools.count(1)


def make_invoice(organisation: Organisation, *, number: str | None = None, pdf: bool = True,
                 **fields) -> Invoice:
    number = number or f"F2026-{next(_numbers):06d}"
    fields.setdefault("invoice_date", dt.date(2026, 1, 1))
    fields.setdefault("due_date", fields["invoice_date"] + dt.timedelta(days=14))
    fields.setdefault("amount", Decimal("1234.56"))
    fields.setdefault("description", "Abonnementen")
    invoice = Invoice.objects.create(organisation=organisation, number=number, **fields)
    if pdf:
        invoice.pdf.save(f"{number}.pdf", ContentFile(text_pdf([f"Factuur {number}"])))
    return invoice


def make_subscription(organisation: Organisation, **fields) -> Subscription:
    fields.setdefault("product", "AFAS Profit Financieel")
    fields.setdefault("quantity", 10)
    fields.setdefault("price_per_period", Decimal("6.25"))
    fields.setdefault("billing_period", BillingPeriod.MONTHLY)
    fields.setdefault("start_date", dt.date(2025, 1, 1))
    return Subscription.objects.create(organisation=organisation, **fields)
