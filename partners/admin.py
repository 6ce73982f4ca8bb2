"""Partner management in the admin: integrations and their agreements, quickscans (tester,
date and colour: no report, R-PART-6), agreement documents and the partners' questions
(R-PART-1 … R-PART-9).

Status, listing, due dates and subscription end change only through partners.actions: a new
integration through ``register_integration`` (its first due date, R-PART-7), a new scan
through ``record_scan``, ending an agreement through the admin actions that call
``give_notice`` and ``terminate_integration``, an answer through ``answer_question`` (which
emails it, R-PART-9). The list shows the one derived status (R-PART-8). Agreements live in a
private folder, so the admin serves them itself."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import cast

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import require_staff
from core.private_files import PrivateFileWidget, private_file_response

from . import actions
from .models import (
    AgreementDocument, EndReason, Integration, IntegrationStatus, Question, Scan, ScanReminder,
    Standing,
)
from .queries import with_standing

# R-PART-8: the review filter shows the agreements whose yearly review is this close.
REVIEW_DUE_DAYS = 30


def _file_response(request: HttpRequest, permission: str, file) -> FileResponse:
    require_staff(request.user, permission)
    return private_file_response(file)


# Integrations ---------------------------------------------------------------------------


class ScanInline(admin.TabularInline):
    """The integration's scans, newest first; new ones are added on the quickscan page."""

    model = Scan
    extra = 0
    fields = ("scanned_on", "colour", "tester", "recorded_at", "recorded_by")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReminderInline(admin.TabularInline):
    """The reminders sent before a quickscan was due (R-PART-7), newest first."""

    model = ScanReminder
    extra = 0
    fields = ("due_on", "days_before", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class StandingFilter(admin.SimpleListFilter):
    """R-PART-8: filter by the one derived status."""

    title = _("status")
    parameter_name = "standing"

    def lookups(self, request, model_admin):
        return Standing.choices

    def queryset(self, request, queryset):
        if self.value() in Standing.values:
            return queryset.filter(standing=self.value())
        return queryset


class ReviewDueFilter(admin.SimpleListFilter):
    """R-PART-8: agreements whose yearly review is due (within REVIEW_DUE_DAYS, or past)."""

    title = _("yearly review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("Review due"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.filter(
                next_review_on__lte=timezone.localdate() + dt.timedelta(days=REVIEW_DUE_DAYS)
            ).exclude(status=IntegrationStatus.TERMINATED)
        return queryset


class IntegrationForm(forms.ModelForm):
    class Meta:
        model = Integration
        fields = ["organisation", "name", "description", "agreement_start", "notice_months",
                  "next_review_on"]


@admin.register(Integration)
class IntegrationAdmin(admin.ModelAdmin):
    form = IntegrationForm
    list_display = ["name", "organisation", "standing_display", "last_scanned_on",
                    "next_scan_due", "next_review_on"]
    list_filter = [StandingFilter, ReviewDueFilter, "end_reason"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    readonly_fields = ("standing_display", "status", "is_listed", "last_scanned_on",
                       "next_scan_due", "subscription_end", "end_reason", "ended_on",
                       "created_at")
    fieldsets = [
        (None, {"fields": ["organisation", "name", "description", "agreement_start",
                           "notice_months", "next_review_on"]}),
        (_("Certification and agreement"), {"fields": readonly_fields}),
    ]
    inlines = [ScanInline, ReminderInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Integration]:
        return with_standing(super().get_queryset(request), timezone.localdate())

    @admin.display(description=_("status"), ordering="standing")
    def standing_display(self, integration: Integration) -> str:
        if integration.pk is None:
            return "–"
        return integration.standing_text

    def save_model(self, request, obj: Integration, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)  # name, dates, notice period
            return
        actions.register_integration(integration=obj, actor=request.user)
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

    @admin.action(description=_("End with normal notice (the subscription ends after the "
                                "agreement's notice period)"), permissions=["change"])
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
        fields = ["integration", "tester", "scanned_on", "colour"]

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
    integration is listed again and a notice for missing certification is withdrawn. Only
    the tester, the date and the colour: the full report stays with the partner (R-PART-6)."""

    form = ScanForm
    list_display = ["integration", "organisation", "scanned_on", "colour", "tester",
                    "recorded_at"]
    list_filter = ["colour"]
    search_fields = ["integration__name", "integration__organisation__name", "tester"]
    list_select_related = ["integration__organisation"]
    date_hierarchy = "scanned_on"

    @admin.display(description=_("partner"), ordering="integration__organisation__name")
    def organisation(self, scan: Scan) -> str:
        return scan.integration.organisation.name

    def get_readonly_fields(self, request, obj=None):
        return ["integration", "tester", "scanned_on", "colour", "recorded_at",
                "recorded_by"] if obj else []

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["integration", "tester", "scanned_on", "colour"]
        return ["integration", "tester", "scanned_on", "colour", "recorded_at", "recorded_by"]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # a recorded scan is a fact: nothing of it changes

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # the due date and the listing follow from the scans

    def save_model(self, request, obj: Scan, form, change) -> None:
        # The form checked what the action refuses (a date in the future, a second scan on
        # one day, an ended agreement), so the action's refusals cannot reach here.
        saved = actions.record_scan(
            integration=obj.integration, scanned_on=obj.scanned_on, colour=obj.colour,
            tester=obj.tester, actor=request.user)
        obj.pk, obj.recorded_at = saved.pk, saved.recorded_at


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
