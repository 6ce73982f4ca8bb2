"""Webhooks (R-HOOK-1): an organisation's endpoints, the events of its own objects and one
delivery per event and endpoint.

The ``Delivery`` row is the webhook's outbox row: it is written in the transaction of the
change that caused the event (``webhooks.events.emit``), so a delivery exists exactly when
the change does; ``webhooks.delivery`` works it off. Secrets are kept as the Standard
Webhooks spec needs them to sign (``whsec_`` + base64); the pages show a secret only once."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation


class EventType(models.TextChoices):
    INCIDENT_CREATED = "incident.created", _("Incident submitted")
    INCIDENT_STATUS_CHANGED = "incident.status_changed", _("Incident status changed")
    INCIDENT_STAFF_REPLIED = "incident.staff_replied", _("Support replied to an incident")
    CONTACT_CHANGED = "contact.changed", _("Contact changed")


def new_webhook_id() -> str:
    """The ``webhook-id`` of an event: unique, the same on every attempt and resend."""
    return f"msg_{uuid.uuid4().hex}"


class DisabledReason(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Disabled by an administrator")
    FAILURES = "failures", _("Disabled after 24 hours of failed deliveries")
    SUPPORT = "support", _("Disabled by support")


class Endpoint(models.Model):
    """An HTTPS address of the organisation that receives the events it subscribed to."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(_("secret"), max_length=100)
    # After a rotation the old secret keeps signing (beside the new one) until then.
    previous_secret = models.CharField(_("previous secret"), max_length=100, blank=True)
    previous_secret_until = models.DateTimeField(_("previous secret valid until"), null=True,
                                                 blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    disabled_reason = models.CharField(_("reason disabled"), max_length=20, blank=True,
                                       choices=DisabledReason.choices)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey("contacts.Contact", verbose_name=_("created by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "enabled"])]

    def __str__(self) -> str:
        return self.url

    def signing_secrets(self, now: dt.datetime) -> list[str]:
        """The secrets that sign now: the current one, and the previous one during the
        rotation overlap."""
        if self.previous_secret and self.previous_secret_until and now < self.previous_secret_until:
            return [self.secret, self.previous_secret]
        return [self.secret]

    def event_labels(self) -> list[str]:
        return [str(EventType(value).label) for value in self.events if value in EventType.values]


class Event(models.Model):
    """What happened, as sent: the payload is fixed when the change commits."""

    webhook_id = models.CharField(_("webhook id"), max_length=40, unique=True,
                                  default=new_webhook_id, editable=False)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="webhook_events")
    type = models.CharField(_("type"), max_length=40, choices=EventType.choices)
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.type} {self.webhook_id}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Not sent: endpoint disabled")


class Delivery(models.Model):
    """One event to one endpoint, with its attempts so far: the log the administrators see."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE,
                              related_name="deliveries")
    endpoint = models.ForeignKey(Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE,
                                 related_name="deliveries")
    status = models.CharField(_("status"), max_length=20, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True,
                                           default=timezone.now)
    # The sweep publishes a due row again only after this (a publish is under way).
    requeue_at = models.DateTimeField(_("not published again before"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # A delivery sent again on request: the same event (the same webhook-id) once more.
    resent_from = models.ForeignKey("self", verbose_name=_("sent again from"),
                                    on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["endpoint", "-created_at"]),
                   models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            # Never two deliveries of one event to one endpoint under way at once.
            models.UniqueConstraint(fields=["event", "endpoint"],
                                    condition=Q(status="pending"),
                                    name="webhook_one_pending_delivery"),
        ]

    def __str__(self) -> str:
        return f"{self.event.type} → {self.endpoint.url}"


class Attempt(models.Model):
    """One HTTP request of a delivery (for staff in the admin)."""

    delivery = models.ForeignKey(Delivery, verbose_name=_("delivery"), on_delete=models.CASCADE,
                                 related_name="attempt_log")
    at = models.DateTimeField(_("at"), default=timezone.now)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")
        ordering = ["-at", "-pk"]
