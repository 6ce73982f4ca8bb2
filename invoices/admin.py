"""Staff manage invoices (with their PDF) and subscriptions (R-ROLE-10). PDFs live in a
private folder, so the admin links them through its own permission-checked download view."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.private_files import PrivateFileWidget

from .models import Invoice, InvoiceStatus, Subscription
from .views import pdf_response


class InvoiceStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return InvoiceStatus.choices

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case InvoiceStatus.PAID:
                return queryset.filter(paid_at__isnull=False)
            case InvoiceStatus.OPEN:
                return queryset.filter(paid_at__isnull=True, due_date__gte=today)
            case InvoiceStatus.OVERDUE:
                return queryset.filter(paid_at__isnull=True, due_date__lt=today)
        return queryset


class InvoicePdfFilter(admin.SimpleListFilter):
    title = _("PDF")
    parameter_name = "pdf"

    def lookups(self, request, model_admin):
        return [("yes", _("With PDF")), ("no", _("Without PDF"))]

    def queryset(self, request, queryset):
        without = Q(pdf="") | Q(pdf__isnull=True)
        if self.value() == "yes":
            return queryset.exclude(without)
        if self.value() == "no":
            return queryset.filter(without)
        return queryset


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["number", "organisation", "invoice_date", "amount", "due_date", "status_label",
                    "has_pdf"]
    list_filter = [InvoiceStatusFilter, InvoicePdfFilter]
    search_fields = ["number", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "invoice_date"
    formfield_overrides = {models.FileField: {
        "widget": PrivateFileWidget(url_name="admin:invoices_invoice_pdf")}}
    fieldsets = (
        (None, {"fields": ("organisation", "number", "description")}),
        (_("Amount and dates"), {"fields": ("amount", "invoice_date", "due_date", "paid_at")}),
        (_("Document"), {"fields": ("pdf",)}),
    )

    readonly_fields = ["pdf_download"]

    def get_fieldsets(self, request: HttpRequest, obj: Invoice | None = None):
        """Staff who may only look get a download link instead of the file input."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [(name, {**options, "fields": tuple(
            "pdf_download" if field == "pdf" else field for field in options["fields"])})
            for name, options in fieldsets]

    @admin.display(description=_("PDF"))
    def pdf_download(self, invoice: Invoice) -> str:
        if not invoice.pdf:
            return "-"
        return format_html('<a href="{}">{}</a>',
                           reverse("admin:invoices_invoice_pdf", args=[invoice.pk]),
                           PurePosixPath(invoice.pdf.name or "").name)

    @admin.display(description=_("status"))
    def status_label(self, invoice: Invoice) -> str | Promise:
        return invoice.status.label

    @admin.display(description=_("PDF"), boolean=True)
    def has_pdf(self, invoice: Invoice) -> bool:
        return bool(invoice.pdf)

    def get_urls(self):
        download = path("<path:object_id>/pdf/", self.admin_site.admin_view(self.pdf_view),
                        name="invoices_invoice_pdf")
        return [download, *super().get_urls()]

    def pdf_view(self, request: HttpRequest, object_id: str) -> FileResponse:
        """The stored PDF for staff who may view invoices."""
        invoice = self.get_object(request, unquote(object_id))
        if invoice is None:
            raise Http404
        if not self.has_view_permission(request, invoice):
            raise PermissionDenied
        return pdf_response(invoice)


class SubscriptionActiveFilter(admin.SimpleListFilter):
    title = _("active")
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("yes", _("Active")), ("no", _("Not active"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        running = Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
        if self.value() == "yes":
            return queryset.filter(running)
        if self.value() == "no":
            return queryset.exclude(running)
        return queryset


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["product", "organisation", "quantity", "price_per_period", "billing_period",
                    "start_date", "end_date", "is_active"]
    list_filter = [SubscriptionActiveFilter, "billing_period"]
    search_fields = ["product", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fields = ("organisation", "product", "description", "quantity", "price_per_period",
              "billing_period", "start_date", "end_date")

    @admin.display(description=_("active"), boolean=True)
    def is_active(self, subscription: Subscription) -> bool:
        return subscription.active
