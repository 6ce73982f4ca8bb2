"""Consultancy staff keep projects, appointments and booked hours, and answer visit requests
(R-CONS-1 … 3). Every save and delete goes through ``consultancy.actions``, which checks the
staff member's permission and emails the customer; what the customer sent is read only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict, cast

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.staff import staff_member

from . import actions, queries
from .forms import week_label
from .models import (
    Appointment, HoursBooking, Project, VisitRequest, VisitRequestState, upcoming,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ProjectFigures(TypedDict):
    hours_spent: Decimal
    next_appointment_at: dt.datetime | None


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 0
    fields = ["kind", "starts_at", "ends_at", "consultant", "agenda"]
    show_change_link = True


class HoursBookingInline(admin.TabularInline):
    model = HoursBooking
    extra = 1
    fields = ["worked_on", "hours", "consultant", "description"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "phase", "consultant", "starts_on",
                    "planned_end_on", "budget_hours", "hours_spent", "next_appointment"]
    list_filter = ["phase", "consultant"]
    list_select_related = ["organisation", "consultant"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "name", "consultant", "phase", "starts_on", "planned_end_on",
              "budget_hours"]
    inlines = [AppointmentInline, HoursBookingInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Project]:
        return queries.with_figures(super().get_queryset(request))

    @admin.display(description=_("hours spent"), ordering="hours_spent")
    def hours_spent(self, project: WithAnnotations[Project, ProjectFigures]) -> Decimal:
        return project.hours_spent

    @admin.display(description=_("next appointment"), ordering="next_appointment_at")
    def next_appointment(self, project: WithAnnotations[Project, ProjectFigures]
                         ) -> dt.datetime | None:
        return project.next_appointment_at

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # a finished project is "Completed": its hours and appointments stay

    def save_model(self, request, obj: Project, form, change) -> None:
        actions.save_project(project=obj, actor=staff_member(request))

    def save_formset(self, request, form, formset, change) -> None:
        """Appointments and hours of the project, each through its action; an appointment
        is with the project's organisation."""
        project = form.instance
        kept = formset.save(commit=False)
        for removed in formset.deleted_objects:
            if isinstance(removed, Appointment):
                actions.delete_appointment(appointment=removed, actor=staff_member(request))
            else:
                actions.delete_booking(booking=removed, actor=staff_member(request))
        for item in kept:
            if isinstance(item, Appointment):
                item.project, item.organisation_id = project, project.organisation_id
                actions.save_appointment(appointment=item, actor=staff_member(request))
            else:
                item.project = project
                actions.book_hours(booking=item, actor=staff_member(request))


class UpcomingFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset: QuerySet[Appointment]) -> QuerySet[Appointment]:
        if self.value() == "upcoming":
            return queryset.filter(upcoming(timezone.now()))
        if self.value() == "past":
            return queryset.exclude(upcoming(timezone.now()))
        return queryset


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "ends_at", "organisation", "project", "kind", "consultant"]
    list_filter = [UpcomingFilter, "kind", "consultant"]
    list_select_related = ["organisation", "project", "consultant"]
    search_fields = ["organisation__name", "project__name", "agenda"]
    autocomplete_fields = ["organisation", "project"]
    date_hierarchy = "starts_at"
    fields = ["organisation", "project", "kind", "starts_at", "ends_at", "consultant", "agenda"]

    def save_model(self, request, obj: Appointment, form, change) -> None:
        actions.save_appointment(appointment=obj, actor=staff_member(request))

    def delete_model(self, request, obj: Appointment) -> None:
        actions.delete_appointment(appointment=obj, actor=staff_member(request))

    def delete_queryset(self, request, queryset: QuerySet[Appointment]) -> None:
        for appointment in queryset:
            actions.delete_appointment(appointment=appointment, actor=staff_member(request))


@admin.register(HoursBooking)
class HoursBookingAdmin(admin.ModelAdmin):
    list_display = ["worked_on", "project", "organisation", "hours", "consultant",
                    "description"]
    list_filter = ["consultant"]
    list_select_related = ["project__organisation", "consultant"]
    search_fields = ["project__name", "project__organisation__name", "description"]
    autocomplete_fields = ["project"]
    date_hierarchy = "worked_on"
    fields = ["project", "worked_on", "hours", "consultant", "description"]

    @admin.display(description=_("organisation"), ordering="project__organisation__name")
    def organisation(self, booking: HoursBooking) -> str:
        return booking.project.organisation.name

    def save_model(self, request, obj: HoursBooking, form, change) -> None:
        actions.book_hours(booking=obj, actor=staff_member(request))

    def delete_model(self, request, obj: HoursBooking) -> None:
        actions.delete_booking(booking=obj, actor=staff_member(request))

    def delete_queryset(self, request, queryset: QuerySet[HoursBooking]) -> None:
        for booking in queryset:
            actions.delete_booking(booking=booking, actor=staff_member(request))


class VisitRequestAdminForm(forms.ModelForm):
    class Meta:
        model = VisitRequest
        fields = ["state", "answer", "appointment"]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        state, answer = cleaned.get("state"), (cleaned.get("answer") or "").strip()
        if state == VisitRequestState.REQUESTED and self.changed_data:
            self.add_error("state", _("Choose planned or declined to answer the request."))
        elif state != VisitRequestState.REQUESTED and not answer:
            self.add_error("answer", _("Write the answer the customer gets."))
        return cleaned


@admin.register(VisitRequest)
class VisitRequestAdmin(admin.ModelAdmin):
    form = VisitRequestAdminForm
    list_display = ["subject", "organisation", "kind", "state", "requested_at",
                    "preferred_weeks_display"]
    list_filter = ["state", "kind"]
    list_select_related = ["organisation"]
    search_fields = ["subject", "organisation__name", "requested_by__user__email"]
    date_hierarchy = "requested_at"
    fields = ["organisation", "requested_by", "kind", "project", "subject", "details",
              "preferred_weeks_display", "requested_at", "state", "answer", "appointment",
              "answered_by", "answered_at"]
    readonly_fields = ["organisation", "requested_by", "kind", "project", "subject", "details",
                       "preferred_weeks_display", "requested_at", "answered_by", "answered_at"]

    @admin.display(description=_("preferred weeks"))
    def preferred_weeks_display(self, visit: VisitRequest) -> str:
        return "; ".join(week_label(monday) for monday in visit.weeks)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:  # only an appointment with the organisation that asked
            field = cast(forms.ModelChoiceField, form.base_fields["appointment"])
            field.queryset = Appointment.objects.filter(
                organisation_id=obj.organisation_id).order_by("-starts_at")
        return form

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # asked by administrators in the portal

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # the request and its answer are the customer's history

    def save_model(self, request, obj: VisitRequest, form, change) -> None:
        if form.changed_data:
            data = form.cleaned_data
            actions.answer_visit_request(
                visit_request=obj, actor=staff_member(request),
                state=VisitRequestState(data["state"]),
                answer=data["answer"], appointment=data["appointment"])
        obj.refresh_from_db()
