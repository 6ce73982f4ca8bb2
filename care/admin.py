"""Customer Care answers feedback and complaints, with an "overdue complaints" filter
(R-CARE-1); Support confirms or declines extra support (R-CARE-2). What the customer sent
is read only; every change goes through care.actions (which also sends the emails)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.staff import staff_member

from . import actions
from .models import (
    ExtraSupportRequest, ExtraSupportStatus, Feedback, FeedbackKind, FeedbackStatus,
)


class OverdueFilter(admin.SimpleListFilter):
    title = _("first response")
    parameter_name = "response"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue complaints")),
                ("waiting", _("Complaints waiting for a first response"))]

    def queryset(self, request, queryset: QuerySet[Feedback]) -> QuerySet[Feedback]:
        waiting = queryset.filter(kind=FeedbackKind.COMPLAINT, first_response_at__isnull=True)
        if self.value() == "overdue":
            return waiting.filter(response_due_at__lt=timezone.now())
        if self.value() == "waiting":
            return waiting
        return queryset


class FeedbackAdminForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["status", "response"]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if (cleaned.get("status") == FeedbackStatus.ANSWERED
                and not (cleaned.get("response") or "").strip()):
            self.add_error("response", _("Write the response the customer gets."))
        return cleaned


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    form = FeedbackAdminForm
    list_display = ["subject", "organisation", "kind", "status", "received_at",
                    "response_due_at", "overdue"]
    list_filter = [OverdueFilter, "kind", "status"]
    list_select_related = ["organisation"]
    search_fields = ["subject", "organisation__name", "contact__user__email"]
    date_hierarchy = "received_at"
    fields = ["organisation", "contact", "kind", "subject", "message", "received_at",
              "response_due_at", "first_response_at", "responded_by", "status", "response"]
    readonly_fields = ["organisation", "contact", "kind", "subject", "message", "received_at",
                       "response_due_at", "first_response_at", "responded_by"]
    actions = ["mark_in_progress", "close"]

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, feedback: Feedback) -> bool:
        return feedback.is_overdue()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # sent by customers in the portal

    def save_model(self, request, obj: Feedback, form, change) -> None:
        """The answer, status changes and closing go through the actions (and emails)."""
        status = form.cleaned_data["status"]
        response = form.cleaned_data["response"]
        if "response" in form.changed_data and response.strip():
            actions.answer_feedback(feedback=obj, actor=request.user, response=response)
        elif status == FeedbackStatus.ANSWERED and "status" in form.changed_data:
            actions.answer_feedback(feedback=obj, actor=request.user, response=response)
        if status == FeedbackStatus.IN_PROGRESS and "status" in form.changed_data:
            actions.start_handling_feedback(feedback=obj, actor=request.user)
        elif status == FeedbackStatus.CLOSED and "status" in form.changed_data:
            actions.close_feedback(feedback=obj, actor=request.user)
        obj.refresh_from_db()

    @admin.action(description=_("Mark as in progress"), permissions=["change"])
    def mark_in_progress(self, request: HttpRequest, queryset: QuerySet[Feedback]) -> None:
        for feedback in queryset:
            actions.start_handling_feedback(feedback=feedback, actor=staff_member(request))
        self.message_user(request, _("Marked as in progress."), messages.SUCCESS)

    @admin.action(description=_("Close"), permissions=["change"])
    def close(self, request: HttpRequest, queryset: QuerySet[Feedback]) -> None:
        count = 0
        for feedback in queryset:
            actions.close_feedback(feedback=feedback, actor=staff_member(request))
            count += 1
        self.message_user(request, _("Closed: %(count)d.") % {"count": count},
                          messages.SUCCESS)


class ExtraSupportAdminForm(forms.ModelForm):
    class Meta:
        model = ExtraSupportRequest
        fields = ["status", "staff_note"]


@admin.register(ExtraSupportRequest)
class ExtraSupportRequestAdmin(admin.ModelAdmin):
    form = ExtraSupportAdminForm
    list_display = ["organisation", "starts_at", "ends_at", "billable", "status",
                    "requested_at"]
    list_filter = ["status", "billable"]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name", "requested_by__user__email", "description"]
    date_hierarchy = "starts_at"
    fields = ["organisation", "requested_by", "starts_at", "ends_at", "description",
              "outage", "billable", "requested_at", "status", "staff_note", "handled_by",
              "handled_at"]
    readonly_fields = ["organisation", "requested_by", "starts_at", "ends_at", "description",
                       "outage", "billable", "requested_at", "handled_by", "handled_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # requested by administrators in the portal

    def save_model(self, request, obj: ExtraSupportRequest, form, change) -> None:
        status = form.cleaned_data["status"]
        if status != ExtraSupportStatus.REQUESTED and form.changed_data:
            actions.decide_extra_support(request=obj, actor=request.user,
                                         status=ExtraSupportStatus(status),
                                         note=form.cleaned_data["staff_note"])
        obj.refresh_from_db()
