"""The outbox (R-X-8): one row per email or task whose loss matters, written in the
transaction of the change that causes it. See ``core.outbox`` for how rows are relayed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxOutcome(models.TextChoices):
    PENDING = "", _("Waiting")
    DONE = "done", _("Done")
    # The handler found nothing to send any more (e.g. the recipient can no longer reply).
    SKIPPED = "skipped", _("Nothing to send")


class OutboxItem(models.Model):
    """A unit of work whose loss matters. ``key`` is unique per cause (one status change, one
    reply, one recipient), so writing the same cause twice cannot send twice; ``done_at`` is
    set in the transaction that holds the row locked while the work is done."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=100)
    payload = models.JSONField(_("payload"), default=dict)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # When the sweep may queue the row again: after a failure (backing off), or after the
    # sweep queued it (so a long backlog is not queued over and over).
    retry_at = models.DateTimeField(_("next attempt from"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=OutboxOutcome.choices,
                               blank=True, default=OutboxOutcome.PENDING)
    to = models.TextField(_("sent to"), blank=True)

    class Meta:
        verbose_name = _("outbox item")
        verbose_name_plural = _("outbox")
        # The table was made when the outbox lived in portal/; the model moved, the rows
        # stayed (migrations core 0001 and portal 0003).
        db_table = "portal_outboxitem"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["created_at"], condition=Q(done_at__isnull=True),
                         name="outbox_pending"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_at__isnull=True, outcome="")
                | Q(done_at__isnull=False, outcome__in=["done", "skipped"]),
                name="outbox_outcome_when_done"),
        ]

    def __str__(self) -> str:
        return self.key


class Heartbeat(models.Model):
    """The last sign of life of a Celery worker (written from its event loop, so a worker
    that hangs stops beating) or of beat (R-X-8): /healthz and the admin read it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    seen_at = models.DateTimeField(_("last seen at"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")
        db_table = "portal_heartbeat"  # made in portal/, see OutboxItem
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


def _held_upload_path(instance: HeldUpload, filename: str) -> str:
    from core.uploads import upload_path

    return upload_path("private/held", filename)


class HeldUpload(models.Model):
    """A file that passed its checks on a form that had to be shown again, because another
    file or field was wrong (issue 14). A browser cannot put a file back into a file field;
    so the portal holds the file for the person who sent it, the form lists it as kept, and
    the next send uses it. Only its owner can use it; ``core.held_uploads`` removes what is
    left after ``HELD_UPLOAD_HOURS``. Stored where no URL serves it."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"),
                              on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("file"), upload_to=_held_upload_path, max_length=255)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("held upload")
        verbose_name_plural = _("held uploads")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
