"""Invoices and subscriptions of an organisation (SPEC §2, R-ROLE-10). Staff maintain them in
the admin; the organisation's administrators see them on /invoices/."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation
from core.validators import validate_pdf

# The PDF lives in a folder that no URL serves: only the access-checked views hand it out.
PRIVATE_INVOICE_FOLDER = "private/invoices"

number_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9-]*$",
    _("Use letters, digits and hyphens only, e.g. F2026-000123."),
)


def invoice_pdf_path(invoice: Invoice, filename: str) -> str:
    return f"{PRIVATE_INVOICE_FOLDER}/{invoice.organisation_id}/{invoice.number}.pdf"


class InvoiceStatus(models.TextChoices):
    OPEN = "open", _("Outstanding")
    PAID = "paid", _("Paid")
    OVERDUE = "overdue", _("Overdue")


class Invoice(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="invoices",
    )
    number = models.CharField(
        _("invoice number"), max_length=30, unique=True, validators=[number_validator],
        help_text=_("As printed on the invoice, e.g. F2026-000123."),
    )
    invoice_date = models.DateField(_("invoice date"))
    due_date = models.DateField(_("due date"))
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=12, decimal_places=2,
        help_text=_("Including VAT, in euros."),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    paid_at = models.DateTimeField(
        _("paid at"), null=True, blank=True, help_text=_("Leave empty while the invoice is open."),
    )
    pdf = models.FileField(
        _("PDF"), upload_to=invoice_pdf_path, blank=True, max_length=200,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-invoice_date", "-number"]
        indexes = [models.Index(fields=["organisation", "-invoice_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__gte=F("invoice_date")), name="invoice_due_after_date",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        if self.invoice_date and self.due_date and self.due_date < self.invoice_date:
            message = _("The due date cannot be before the invoice date.")
            raise ValidationError({"due_date": message})

    @property
    def status(self) -> InvoiceStatus:
        """Paid once paid_at is set; open until then, overdue after the due date."""
        if self.paid_at is not None:
            return InvoiceStatus.PAID
        if self.due_date < timezone.localdate():
            return InvoiceStatus.OVERDUE
        return InvoiceStatus.OPEN


class BillingPeriod(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class Subscription(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="subscriptions",
    )
    product = models.CharField(_("product"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"), default=1, validators=[MinValueValidator(1)],
    )
    price_per_period = models.DecimalField(
        _("price per period (EUR)"), max_digits=12, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("For one unit, excluding VAT."),
    )
    billing_period = models.CharField(
        _("billing period"), max_length=20, choices=BillingPeriod.choices,
        default=BillingPeriod.MONTHLY,
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty while it runs on."),
    )

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["product", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="subscription_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="subscription_quantity_1"),
        ]

    def __str__(self) -> str:
        return self.product

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def is_active_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    @property
    def active(self) -> bool:
        """Running today: started and not yet ended."""
        return self.is_active_on(timezone.localdate())

    @property
    def total_per_period(self) -> Decimal:
        return self.price_per_period * self.quantity
