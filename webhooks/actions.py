"""Every change to webhooks (R-HOOK-1): administrators register, change, enable and disable
their organisation's endpoints, rotate a secret and send a delivery again; the portal
disables an endpoint that failed for 24 hours; staff may disable one too.

Customer actions take the active ``contact`` and check the role matrix (WEBHOOKS) and that
the endpoint is their organisation's; the staff action passes ``require_staff`` first."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can, require_staff
from contacts.models import Contact

from .emails import queue_endpoint_disabled
from .models import Delivery, DeliveryStatus, DisabledReason, Endpoint, EventType
from .ssrf import check_url

STAFF_PERMISSION = "webhooks.change_endpoint"


class WebhookError(Exception):
    """A change that the rules refuse."""


class EndpointDisabled(WebhookError):
    """A delivery is sent again only to an enabled endpoint."""


class AlreadyPending(WebhookError):
    """The event is on its way to the endpoint already."""


def new_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _check(actor: Contact, endpoint: Endpoint | None = None) -> None:
    if not can(actor, Capability.WEBHOOKS):
        raise CapabilityDenied(Capability.WEBHOOKS)
    if endpoint is not None and endpoint.organisation_id != actor.organisation_id:
        raise CapabilityDenied(Capability.WEBHOOKS)


def _events(events: Iterable[str]) -> list[str]:
    chosen = {EventType(value).value for value in events}
    if not chosen:
        raise WebhookError("choose at least one event")
    return [value for value in EventType.values if value in chosen]


def _lock(endpoint: Endpoint) -> Endpoint:
    return Endpoint.objects.select_for_update().get(pk=endpoint.pk)


def register_endpoint(*, actor: Contact, url: str, events: Iterable[str],
                      description: str = "") -> Endpoint:
    """Register an endpoint for the actor's organisation with a new secret (shown once by
    the page); the address passes the SSRF guard (``ssrf.check_url``)."""
    _check(actor)
    check_url(url)
    return Endpoint.objects.create(organisation_id=actor.organisation_id, url=url,
                                   events=_events(events), description=description,
                                   secret=new_secret(), created_by=actor)


def update_endpoint(*, actor: Contact, endpoint: Endpoint, url: str, events: Iterable[str],
                    description: str = "") -> Endpoint:
    """Change an endpoint's address, events and description (the address passes the guard)."""
    _check(actor, endpoint)
    check_url(url)
    with transaction.atomic():
        endpoint = _lock(endpoint)
        endpoint.url, endpoint.events = url, _events(events)
        endpoint.description = description
        endpoint.save(update_fields=["url", "events", "description"])
    return endpoint


def rotate_secret(*, actor: Contact, endpoint: Endpoint,
                  now: dt.datetime | None = None) -> Endpoint:
    """A new secret; the old one keeps signing beside it for ``WEBHOOKS_ROTATION_OVERLAP``,
    so the receiver can switch without missing a delivery."""
    _check(actor, endpoint)
    now = now or timezone.now()
    with transaction.atomic():
        endpoint = _lock(endpoint)
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_until = now + settings.WEBHOOKS_ROTATION_OVERLAP
        endpoint.secret = new_secret()
        endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
    return endpoint


def _cancel_pending(endpoint: Endpoint) -> int:
    return Delivery.objects.filter(endpoint=endpoint, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.CANCELLED, next_attempt_at=None, requeue_at=None)


def _disable(endpoint: Endpoint, *, reason: str, now: dt.datetime) -> None:
    endpoint.enabled, endpoint.disabled_at, endpoint.disabled_reason = False, now, reason
    endpoint.save(update_fields=["enabled", "disabled_at", "disabled_reason"])
    _cancel_pending(endpoint)


def set_endpoint_enabled(*, actor: Contact, endpoint: Endpoint, enabled: bool,
                         now: dt.datetime | None = None) -> Endpoint:
    """Disable an endpoint (nothing more is sent to it; what waits is cancelled) or enable
    it again."""
    _check(actor, endpoint)
    now = now or timezone.now()
    with transaction.atomic():
        endpoint = _lock(endpoint)
        if enabled and not endpoint.enabled:
            endpoint.enabled, endpoint.disabled_at, endpoint.disabled_reason = True, None, ""
            endpoint.save(update_fields=["enabled", "disabled_at", "disabled_reason"])
        elif not enabled and endpoint.enabled:
            _disable(endpoint, reason=DisabledReason.ADMINISTRATOR, now=now)
    return endpoint


def resend_delivery(*, actor: Contact, delivery: Delivery,
                    now: dt.datetime | None = None) -> Delivery:
    """Send a delivery's event to its endpoint again: a new delivery with the same
    ``webhook-id`` (a receiver that got it already drops it)."""
    from .delivery import publish

    _check(actor, delivery.endpoint)
    now = now or timezone.now()
    with transaction.atomic():
        endpoint = _lock(delivery.endpoint)
        if not endpoint.enabled:
            raise EndpointDisabled(str(endpoint.pk))
        if Delivery.objects.filter(event_id=delivery.event_id, endpoint=endpoint,
                                   status=DeliveryStatus.PENDING).exists():
            raise AlreadyPending(str(delivery.pk))
        again = Delivery.objects.create(event_id=delivery.event_id, endpoint=endpoint,
                                        created_at=now, next_attempt_at=now,
                                        requeue_at=now + dt.timedelta(minutes=1),
                                        resent_from=delivery)
        transaction.on_commit(partial(publish, [again.pk]))
    return again


def disable_endpoint_after_failures(*, endpoint: Endpoint, now: dt.datetime) -> None:
    """The portal's own: deliveries failed for ``WEBHOOKS_RETRY_FOR``; disable the endpoint
    and email the organisation's active administrators, in the caller's transaction."""
    endpoint = _lock(endpoint)
    if not endpoint.enabled:
        return
    _disable(endpoint, reason=DisabledReason.FAILURES, now=now)
    queue_endpoint_disabled(endpoint)


def disable_endpoint_as_staff(*, actor: User, endpoint: Endpoint,
                              now: dt.datetime | None = None) -> Endpoint:
    """Support disables an endpoint (e.g. one that answers with abuse); the organisation's
    administrators can enable it again."""
    require_staff(actor, STAFF_PERMISSION)
    now = now or timezone.now()
    with transaction.atomic():
        endpoint = _lock(endpoint)
        if endpoint.enabled:
            _disable(endpoint, reason=DisabledReason.SUPPORT, now=now)
    return endpoint
