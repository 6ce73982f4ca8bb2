"""Admin for the organisation-details checks (R-CARE-3): staff see who was asked when and
who confirmed; the rows are written by the task and the one-click link only."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from contacts.models import OrganisationCheck


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("yes", _("Confirmed")), ("no", _("Not yet confirmed"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(confirmed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


@admin.register(OrganisationCheck)
class OrganisationCheckAdmin(admin.ModelAdmin):
    list_display = ["organisation", "period", "requested_at", "confirmed_at", "confirmed_by"]
    list_filter = ["period", ConfirmedFilter]
    search_fields = ["organisation__name", "confirmed_by__email"]
    list_select_related = ["organisation", "confirmed_by"]
    date_hierarchy = "requested_at"
    fields = ("organisation", "period", "requested_at", "confirmed_at", "confirmed_by")
    readonly_fields = fields

    # Requests come from the schedule and confirmations from the administrators' links.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
