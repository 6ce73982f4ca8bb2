"""The outbox in the admin (R-X-8): what is waiting, what failed and why, what was sent."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .heartbeat import BEAT
from .models import Heartbeat, OutboxItem
from .outbox import publish


class OutboxStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("pending", _("Waiting")), ("failing", _("Failed at least once, waiting")),
                ("done", _("Done"))]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() == "pending":
            return queryset.filter(done_at__isnull=True)
        if self.value() == "failing":
            return queryset.filter(done_at__isnull=True, attempts__gt=0)
        if self.value() == "done":
            return queryset.filter(done_at__isnull=False)
        return queryset


@admin.register(OutboxItem)
class OutboxItemAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "to", "created_at", "attempts", "retry_at", "done_at",
                    "outcome"]
    list_filter = [OutboxStateFilter, "outcome", "kind"]
    search_fields = ["=key", "to"]
    date_hierarchy = "created_at"
    readonly_fields = ["key", "kind", "payload", "created_at", "attempts", "last_error",
                       "retry_at", "done_at", "outcome", "to"]
    actions = ["relay_now"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.action(description=_("Send the selected waiting items now"),
                  permissions=["view"])
    def relay_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        ids = list(queryset.filter(done_at__isnull=True).values_list("pk", flat=True))
        queued = sum(publish(item_id) for item_id in ids)
        self.message_user(request, ngettext("%(count)d item queued.", "%(count)d items queued.",
                                            queued) % {"count": queued},
                          messages.SUCCESS if queued == len(ids) else messages.WARNING)


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    """Workers and beat: when each was last seen (R-X-8)."""

    list_display = ["name", "kind", "pid", "seen_at", "is_alive"]
    list_filter = ["kind"]
    readonly_fields = ["name", "kind", "pid", "seen_at"]

    @admin.display(description=_("alive"), boolean=True)
    def is_alive(self, beat: Heartbeat) -> bool:
        stale = settings.HEARTBEAT_STALE_AFTER * (2 if beat.kind == BEAT else 1)
        return beat.seen_at >= timezone.now() - dt.timedelta(seconds=stale)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
