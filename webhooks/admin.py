"""Webhooks in the admin, read-mostly (R-HOOK-1): staff see endpoints (never their secrets),
events and deliveries with their attempts; the one change is disabling an endpoint, through
``actions.disable_endpoint_as_staff`` (``require_staff``)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.staff import staff_member

from . import actions
from .models import Attempt, Delivery, Endpoint, Event


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Endpoint)
class EndpointAdmin(_ReadOnly):
    list_display = ["url", "organisation", "enabled", "disabled_at", "disabled_reason",
                    "created_at"]
    list_filter = ["enabled", "disabled_reason"]
    list_select_related = ["organisation"]
    search_fields = ["url", "organisation__name"]
    # The secrets are not among the fields: staff never need them.
    readonly_fields = ("organisation", "url", "description", "events", "enabled",
                                "disabled_at", "disabled_reason", "previous_secret_until",
                                "created_at", "created_by")
    fields = readonly_fields
    actions = ["disable"]

    @admin.action(description=_("Disable the selected endpoints"), permissions=["view"])
    def disable(self, request: HttpRequest, queryset: QuerySet[Endpoint]) -> None:
        actor = staff_member(request)
        count = 0
        for endpoint in queryset.filter(enabled=True):
            actions.disable_endpoint_as_staff(actor=actor, endpoint=endpoint)
            count += 1
        self.message_user(request, ngettext("%(count)d endpoint disabled.",
                                            "%(count)d endpoints disabled.", count)
                          % {"count": count}, messages.SUCCESS)


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0
    readonly_fields = ("at", "response_code", "error", "duration_ms")
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(_ReadOnly):
    list_display = ["event", "endpoint", "status", "response_code", "attempts",
                    "next_attempt_at", "created_at"]
    list_filter = ["status"]
    list_select_related = ["event", "endpoint"]
    search_fields = ["=event__webhook_id", "endpoint__url", "endpoint__organisation__name"]
    readonly_fields = ("event", "endpoint", "status", "attempts", "next_attempt_at",
                                "last_attempt_at", "response_code", "last_error",
                                "delivered_at", "created_at", "resent_from")
    fields = readonly_fields
    inlines = [AttemptInline]


@admin.register(Event)
class EventAdmin(_ReadOnly):
    list_display = ["webhook_id", "type", "organisation", "created_at"]
    list_filter = ["type"]
    list_select_related = ["organisation"]
    search_fields = ["=webhook_id", "organisation__name"]
    readonly_fields = ("webhook_id", "type", "organisation", "payload", "created_at")
    fields = readonly_fields
