"""Partner management in the admin: integrations and their agreements, quickscans with their
reports, agreement documents and the partners' questions (R-PART-1 … R-PART-5).

Status, listing, due dates and subscription end change only through partners.actions: a
new scan goes through ``record_scan``, ending an agreement through the admin actions that
call ``give_notice`` and ``terminate_integration``, an answer through ``answer_question``.
Reports and agreements live in a private folder, so the admin serves them itself."""

from __future__ import annotations

from functools import partial
from pathlib import PurePosixPath
from typing import cast

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.permissions import require_staff
from core.private_files import PrivateFileWidget, private_file_response

from . import actions
from .models import (
    AgreementDocument, EndReason, Integration, IntegrationStatus, Question, Scan, scan_overdue,
)


def _file_response(request: HttpRequest, permission: str, file) -> FileResponse:
    require_staff(request.user, permission)
    return private_file_response(file)


# Integrations ---------------------------------------------------------------------------


class ScanInline(admin.TabularInline):
    """The integration's scans, newest first; new ones are added on the quickscan page."""

    model = Scan
    extra = 0
    fields = ("scanned_on", "colour", "report_link", "recorded_at", "recorded_by")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("report (PDF)"))
    def report_link(self, scan: Scan) -> str:
        # The private folder has no URL: link the staff download view instead.
        if not scan.report:
            return "–"
        return format_html('<a href="{}">{}</a>', reverse("admin:partners_scan_report",
                                                          args=[scan.pk]),
                           PurePosixPath(scan.report.name or "").name)


class ListedFilter(admin.SimpleListFilter):
    title = _("quickscan")
    parameter_name = "scan"

    def lookups(self, request, model_admin):
        return [("overdue", _("Past its due date")), ("listed", _("On the partner page")),
                ("unlisted", _("Not on the partner page"))]

    def queryset(self, request, queryset):
        match self.value():
            case "overdue":
                return queryset.filter(scan_overdue(timezone.localdate())).exclude(
                    status=IntegrationStatus.TERMINATED)
            case "listed":
                return queryset.filter(is_listed=True)
            case "unlisted":
                return queryset.filter(is_listed=False)
        return queryset


class IntegrationForm(forms.ModelForm):
    class Meta:
        model = Integration
        fields = ["organisation", "name", "description", "agreement_start"]


@admin.register(Integration)
class IntegrationAdmin(admin.ModelAdmin):
    form = IntegrationForm
    list_display = ["name", "organisation", "status", "is_listed", "last_scanned_on",
                    "next_scan_due", "subscription_end"]
    list_filter = ["status", ListedFilter, "end_reason"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    readonly_fields = ("status", "is_listed", "last_scanned_on", "next_scan_due",
                       "subscription_end", "end_reason", "ended_on", "created_at")
    fieldsets = [
        (None, {"fields": ["organisation", "name", "description", "agreement_start"]}),
        (_("Certification and agreement"), {"fields": readonly_fields}),
    ]
    inlines = [ScanInline]
    actions = ["give_normal_notice", "terminate_non_payment", "terminate_code_of_conduct",
               "terminate_missing_certification"]

    def _end(self, request: HttpRequest, queryset: QuerySet[Integration], end) -> None:
        done = refused = 0
        for integration in queryset:
            try:
                end(integration=integration, actor=request.user)
            except actions.PartnerError:
                refused += 1
            else:
                done += 1
        if done:
            messages.success(request, _("Agreements changed: %(count)s.") % {"count": done})
        if refused:
            messages.warning(request, _("Not changed because the agreement has already ended "
                                        "or notice was already given: %(count)s.")
                             % {"count": refused})

    @admin.action(description=_("End with normal notice (the subscription ends 12 months "
                                "later)"), permissions=["change"])
    def give_normal_notice(self, request: HttpRequest, queryset: QuerySet[Integration]) -> None:
        self._end(request, queryset, actions.give_notice)

    @admin.action(description=_("End at once: invoices not paid"), permissions=["change"])
    def terminate_non_payment(self, request, queryset) -> None:
        self._end(request, queryset, partial(actions.terminate_integration,
                                             reason=EndReason.NON_PAYMENT))

    @admin.action(description=_("End at once: code of conduct not followed"),
                  permissions=["change"])
    def terminate_code_of_conduct(self, request, queryset) -> None:
        self._end(request, queryset, partial(actions.terminate_integration,
                                             reason=EndReason.CODE_OF_CONDUCT))

    @admin.action(description=_("End at once: periodic certification missing"),
                  permissions=["change"])
    def terminate_missing_certification(self, request, queryset) -> None:
        self._end(request, queryset, partial(actions.terminate_integration,
                                             reason=EndReason.MISSING_CERTIFICATION))


# Quickscans -----------------------------------------------------------------------------


class ScanForm(forms.ModelForm):
    class Meta:
        model = Scan
        fields = ["integration", "scanned_on", "colour", "report"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "integration" in self.fields:
            cast(forms.ModelChoiceField, self.fields["integration"]).queryset = (
                Integration.objects.exclude(status=IntegrationStatus.TERMINATED)
                .select_related("organisation"))

    def clean_scanned_on(self):
        scanned_on = self.cleaned_data["scanned_on"]
        if scanned_on > timezone.localdate():
            raise forms.ValidationError(_("The date of the scan cannot be in the future."))
        return scanned_on

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        integration, scanned_on = cleaned.get("integration"), cleaned.get("scanned_on")
        if integration and scanned_on and integration.scans.filter(
                scanned_on=scanned_on).exists():
            self.add_error("scanned_on", _("This integration already has a scan on that date."))
        return cleaned

    def validate_unique(self) -> None:
        pass  # clean() says it in words; the action is the last guard


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    """A new scan goes through ``record_scan``: the due date follows its colour, the
    integration is listed again and a notice for missing certification is withdrawn."""

    form = ScanForm
    list_display = ["integration", "organisation", "scanned_on", "colour", "recorded_at"]
    list_filter = ["colour"]
    search_fields = ["integration__name", "integration__organisation__name"]
    list_select_related = ["integration__organisation"]
    date_hierarchy = "scanned_on"
    formfield_overrides = {models.FileField: {
        "widget": PrivateFileWidget(url_name="admin:partners_scan_report")}}

    @admin.display(description=_("partner"), ordering="integration__organisation__name")
    def organisation(self, scan: Scan) -> str:
        return scan.integration.organisation.name

    def get_readonly_fields(self, request, obj=None):
        return ["integration", "scanned_on", "colour", "recorded_at", "recorded_by"] if obj \
            else []

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["integration", "scanned_on", "colour", "report"]
        return ["integration", "scanned_on", "colour", "report", "recorded_at", "recorded_by"]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # the due date and the listing follow from the scans

    def save_model(self, request, obj: Scan, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)  # only the report can change
            return
        # The form checked what the action refuses (a date in the future, a second scan on
        # one day, an ended agreement), so the action's refusals cannot reach here.
        saved = actions.record_scan(
            integration=obj.integration, scanned_on=obj.scanned_on, colour=obj.colour,
            report=form.cleaned_data.get("report") or None, actor=request.user)
        obj.pk, obj.recorded_at, obj.report = saved.pk, saved.recorded_at, saved.report

    def get_urls(self):
        download = path("<int:pk>/report/", self.admin_site.admin_view(self.report_view),
                        name="partners_scan_report")
        return [download, *super().get_urls()]

    def report_view(self, request: HttpRequest, pk: int) -> FileResponse:
        scan = get_object_or_404(Scan, pk=pk)
        return _file_response(request, "partners.view_scan", scan.report)


# Agreement documents --------------------------------------------------------------------


class AgreementDocumentForm(forms.ModelForm):
    class Meta:
        model = AgreementDocument
        fields = ["organisation", "integration", "title", "file"]


@admin.register(AgreementDocument)
class AgreementDocumentAdmin(admin.ModelAdmin):
    form = AgreementDocumentForm
    list_display = ["title", "organisation", "integration", "uploaded_at"]
    search_fields = ["title", "organisation__name", "integration__name"]
    list_select_related = ["organisation", "integration"]
    readonly_fields = ["uploaded_at"]
    formfield_overrides = {models.FileField: {
        "widget": PrivateFileWidget(url_name="admin:partners_agreementdocument_file")}}

    def get_urls(self):
        download = path("<int:pk>/file/", self.admin_site.admin_view(self.file_view),
                        name="partners_agreementdocument_file")
        return [download, *super().get_urls()]

    def file_view(self, request: HttpRequest, pk: int) -> FileResponse:
        document = get_object_or_404(AgreementDocument, pk=pk)
        return _file_response(request, "partners.view_agreementdocument", document.file)


# Questions ------------------------------------------------------------------------------


class AnsweredFilter(admin.SimpleListFilter):
    title = _("answered")
    parameter_name = "answered"

    def lookups(self, request, model_admin):
        return [("no", _("Waiting for an answer")), ("yes", _("Answered"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(answered_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(answered_at__isnull=False)
        return queryset


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["answer"]

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if not answer:
            raise forms.ValidationError(_("Write the answer the partner will see."))
        return answer


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """Partners ask in the portal; staff answer here, once, and the partner sees it there."""

    form = AnswerForm
    list_display = ["subject", "organisation", "asked_by", "asked_at", "answered_at"]
    list_filter = [AnsweredFilter]
    search_fields = ["subject", "text", "organisation__name"]
    list_select_related = ["organisation", "asked_by__user", "asked_by__organisation"]
    date_hierarchy = "asked_at"

    def get_fields(self, request, obj=None):
        return ["organisation", "asked_by", "asked_at", "subject", "text", "answer",
                "answered_at", "answered_by"]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["organisation", "asked_by", "asked_at", "subject", "text", "answered_at",
                 "answered_by"]
        return [*fixed, "answer"] if obj is not None and obj.is_answered else fixed

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # partners ask in the portal

    def save_model(self, request, obj: Question, form, change) -> None:
        if "answer" not in form.cleaned_data:
            return  # answered before: the page is read-only
        answered = actions.answer_question(question=obj, answer=form.cleaned_data["answer"],
                                           actor=request.user)
        obj.answered_at, obj.answered_by = answered.answered_at, answered.answered_by
