"""Reads of invoices and subscriptions, scoped in SQL to one organisation (R-ROLE-10)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.http import Http404
from django.utils import timezone

from contacts.models import Organisation

from .models import Invoice, InvoiceStatus, Subscription, number_validator
from core.queries import count_of


def invoices_for(
    organisation: Organisation, *, status: InvoiceStatus | None = None
) -> QuerySet[Invoice]:
    """The organisation's invoices, newest first; ``status`` narrows them (open includes
    overdue, since an overdue invoice is still open)."""
    invoices = Invoice.objects.filter(organisation=organisation)
    if status == InvoiceStatus.PAID:
        invoices = invoices.filter(paid_at__isnull=False)
    elif status == InvoiceStatus.OPEN:
        invoices = invoices.filter(paid_at__isnull=True)
    elif status == InvoiceStatus.OVERDUE:
        invoices = invoices.filter(paid_at__isnull=True, due_date__lt=timezone.localdate())
    return invoices.order_by("-invoice_date", "-number")


def subscriptions_for(organisation: Organisation) -> QuerySet[Subscription]:
    """The organisation's subscriptions: open-ended ones first, then the latest to end."""
    return Subscription.objects.filter(organisation=organisation).order_by(
        F("end_date").desc(nulls_first=True), "product", "-start_date"
    )


def get_invoice_for(organisation: Organisation, number: str) -> Invoice:
    """The organisation's invoice with that number; 404 whether it is missing or another
    organisation's (R-ROLE-14)."""
    try:
        number_validator(number)  # e.g. NUL, which PostgreSQL refuses: a 404, not a 500
        return Invoice.objects.get(organisation=organisation, number=number)
    except (ValidationError, Invoice.DoesNotExist):
        raise Http404 from None


def attention_counts(organisation_id: int) -> dict[str, object]:
    """Issue 14, the administrators' dashboard: unpaid invoices, and those past due."""
    unpaid = Invoice.objects.filter(organisation_id=organisation_id, paid_at__isnull=True)
    return {"invoices_open": count_of(unpaid),
            "invoices_overdue": count_of(unpaid.filter(due_date__lt=timezone.localdate()))}
