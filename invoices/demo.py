"""Demo invoices and subscriptions for Demo BV and Andere BV (part of ``seed_demo``).

A year of monthly invoices, dated relative to today so the demo always shows the three
states: the newest is open, the one before is overdue, the rest are paid. Each has a small
real PDF. Safe to run again: invoices are keyed by number and older demo invoices that fall
out of the year are removed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from contacts.models import Organisation
from core.pdf import text_pdf

from .models import BillingPeriod, Invoice, Subscription

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VAT = Decimal("1.21")
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]

# organisation: (digit that starts its invoice numbers, its subscriptions)
SUBSCRIPTIONS: dict[str, tuple[str, list[dict]]] = {
    "Demo BV": ("1", [
        dict(product="AFAS Profit Financieel", description="Licenties financiële administratie",
             quantity=85, price_per_period=Decimal("6.25"), billing_period=BillingPeriod.MONTHLY,
             start_date=dt.date(2022, 1, 1), end_date=None),
        dict(product="AFAS InSite", description="Portaal voor medewerkers en managers",
             quantity=1, price_per_period=Decimal("150.00"),
             billing_period=BillingPeriod.QUARTERLY, start_date=dt.date(2024, 7, 1),
             end_date=None),
    ]),
    "Andere BV": ("2", [
        dict(product="AFAS Profit HRM/Payroll",
             description="Personeelsdossier en salarisverwerking",
             quantity=420, price_per_period=Decimal("4.10"), billing_period=BillingPeriod.MONTHLY,
             start_date=dt.date(2021, 9, 1), end_date=None),
        dict(product="Extra testomgeving", description="Tijdelijke omgeving voor de migratie",
             quantity=1, price_per_period=Decimal("95.00"), billing_period=BillingPeriod.MONTHLY,
             start_date=dt.date(2025, 1, 1), end_date=dt.date(2026, 6, 30)),
    ]),
}


def _months_back(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (days past the 28th are moved back to the 28th)."""
    total = day.year * 12 + day.month - 1 - months
    return dt.date(total // 12, total % 12 + 1, min(day.day, 28))


def _billed_in(subscription: Subscription, day: dt.date) -> Decimal:
    if not subscription.is_active_on(day):
        return Decimal("0.00")
    if subscription.billing_period == BillingPeriod.QUARTERLY and day.month not in (1, 4, 7, 10):
        return Decimal("0.00")
    if (subscription.billing_period == BillingPeriod.YEARLY
            and day.month != subscription.start_date.month):
        return Decimal("0.00")
    return subscription.total_per_period


def _euro_nl(amount: Decimal) -> str:
    return "€ " + f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _attach_pdf(invoice: Invoice) -> None:
    pdf = text_pdf([
        f"Factuur {invoice.number}",
        invoice.organisation.name,
        f"Factuurdatum: {invoice.invoice_date:%d-%m-%Y}",
        f"Vervaldatum: {invoice.due_date:%d-%m-%Y}",
        invoice.description,
        f"Totaal te betalen (incl. 21% btw): {_euro_nl(invoice.amount)}",
    ], title=f"Factuur {invoice.number}")
    if invoice.pdf:
        try:
            with invoice.pdf.open("rb") as stored:
                if stored.read() == pdf:
                    return
        except FileNotFoundError:
            pass
        invoice.pdf.delete(save=False)
    invoice.pdf.save(f"{invoice.number}.pdf", ContentFile(pdf), save=True)


def _seed_organisation(organisation: Organisation, digit: str, subscriptions: list[dict],
                       today: dt.date) -> None:
    kept = [
        Subscription.objects.update_or_create(
            organisation=organisation, product=fields["product"], defaults=fields)[0]
        for fields in subscriptions
    ]
    numbers = []
    for months in range(12):
        invoice_date = _months_back(today, months)
        number = f"F{invoice_date.year}-{digit}{invoice_date.month:05d}"
        numbers.append(number)
        paid = months >= 2  # the newest is open, the one before it overdue
        total = sum((_billed_in(subscription, invoice_date) for subscription in kept),
                    Decimal("0.00"))
        invoice, _created = Invoice.objects.update_or_create(number=number, defaults={
            "organisation": organisation,
            "invoice_date": invoice_date,
            "due_date": invoice_date + dt.timedelta(days=14),
            "amount": (total * VAT).quantize(Decimal("0.01")),
            "description": f"Abonnementen {MONTHS_NL[invoice_date.month - 1]} {invoice_date.year}",
            "paid_at": dt.datetime.combine(invoice_date + dt.timedelta(days=10), dt.time(10, 0),
                                           tzinfo=AMSTERDAM) if paid else None,
        })
        _attach_pdf(invoice)
    for stale in Invoice.objects.filter(organisation=organisation).exclude(number__in=numbers):
        stale.pdf.delete(save=False)
        stale.delete()


def seed() -> None:
    """Create or reset the demo invoices and subscriptions; safe to run again."""
    today = timezone.localdate()
    for name, (digit, subscriptions) in SUBSCRIPTIONS.items():
        _seed_organisation(Organisation.objects.get(name=name), digit, subscriptions, today)
