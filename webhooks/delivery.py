"""Delivering webhooks (R-HOOK-1, R-X-8): the ``Delivery`` rows are an outbox of their own,
on the principles of ``core.outbox``.

- ``emit`` writes the rows in the change's transaction; after the commit their ids are
  published to the broker once, with the outbox's short timeout (``publish``). A broker that
  is down costs the request at most that timeout; the sweep publishes them later.
- A worker runs ``deliver(delivery_id)`` (task ``acks_late``): it locks the row (SELECT …
  FOR UPDATE), does nothing unless it is pending and due, sends one signed POST with short
  timeouts and without following redirects, and records the outcome on the row in the same
  transaction: 2xx → delivered; anything else → the next attempt after ``core.retry.backoff``
  (2, 4, 8 … minutes, at most an hour); when the failures have lasted
  ``WEBHOOKS_RETRY_FOR`` (24 hours) the delivery fails, the endpoint is disabled, its other
  pending deliveries are cancelled and the organisation's administrators are emailed
  (through ``core.outbox``, in that transaction).
- ``sweep()`` runs every minute (beat): it publishes again the pending rows that are due
  (a lost publish, a lost task, a back-off that is over).

Exactly once per event id: a delivery recorded as delivered is never sent again (the lock
and the status check), and two workers given the same row wait for each other on the lock.
The window left is a worker that dies after the receiver answered 2xx and before the COMMIT:
the row is still pending, so the task comes again (acks_late) and the receiver gets the same
``webhook-id`` a second time, which the Standard Webhooks spec tells receivers to drop. A
resend on request is the same event again too: the same ``webhook-id``."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Sequence
from typing import Any

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from standardwebhooks import Webhook

from core.outbox import publish_many
from core.retry import backoff

from .models import Attempt, Delivery, DeliveryStatus, Endpoint
from .ssrf import TargetRefused, check_url, guarded_session

logger = logging.getLogger(__name__)

# After the sweep published a row it waits this long before publishing it again.
REQUEUE_AFTER = dt.timedelta(minutes=2)
SWEEP_LIMIT = 1000
USER_AGENT = "Klantportal-Webhooks/1"


def publish(delivery_ids: Sequence[int]) -> int:
    """Hand deliveries to workers now (in development: deliver them here and now); any
    failure is logged and left to the sweep."""
    from .tasks import deliver_webhook

    return publish_many(delivery_ids, task=deliver_webhook)


def signature_headers(*, webhook_id: str, body: str, secrets: Sequence[str],
                      now: dt.datetime) -> dict[str, str]:
    """The Standard Webhooks headers; during a rotation one signature per secret, separated
    by spaces (the receiver accepts any of them)."""
    signatures = " ".join(Webhook(secret).sign(webhook_id, now, body) for secret in secrets)
    return {"webhook-id": webhook_id, "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": signatures}


def _post(endpoint: Endpoint, headers: dict[str, str], body: str) -> tuple[int | None, str]:
    """One POST: (the response code or None, the error or ""). Redirects are not followed:
    a 3xx is a failure like any other non-2xx answer."""
    try:
        check_url(endpoint.url)
        with guarded_session() as session:
            response = session.post(
                endpoint.url, data=body.encode(), allow_redirects=False, stream=True,
                timeout=(settings.WEBHOOKS_CONNECT_TIMEOUT, settings.WEBHOOKS_READ_TIMEOUT),
                headers={**headers, "content-type": "application/json",
                         "user-agent": USER_AGENT})
            response.close()  # the body is not read: a receiver cannot make us wait on it
    except TargetRefused as refused:
        return None, f"refused: {refused}"
    except requests.Timeout:
        return None, "timeout"
    except requests.RequestException as error:
        return None, f"{type(error).__name__}: {error}"[:500]
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code}"


def deliver(delivery_id: int, *, now: dt.datetime | None = None) -> str:
    """One attempt of a pending, due delivery; returns its status afterwards ("" when there
    was nothing to do)."""
    with transaction.atomic():
        delivery = (Delivery.objects.select_for_update(of=("self",))
                    .select_related("event", "endpoint").filter(pk=delivery_id).first())
        now = now or timezone.now()
        if (delivery is None or delivery.status != DeliveryStatus.PENDING
                or (delivery.next_attempt_at is not None and delivery.next_attempt_at > now)):
            return ""
        endpoint = delivery.endpoint
        if not endpoint.enabled:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.CANCELLED, None
            delivery.save(update_fields=["status", "next_attempt_at"])
            return delivery.status
        from .events import body_of

        body = body_of(delivery.event)
        headers = signature_headers(webhook_id=delivery.event.webhook_id, body=body,
                                    secrets=endpoint.signing_secrets(now), now=now)
        started = time.monotonic()
        code, error = _post(endpoint, headers, body)
        took = dt.timedelta(seconds=time.monotonic() - started)
        finished = now + took
        Attempt.objects.create(delivery=delivery, at=now, response_code=code, error=error,
                               duration_ms=int(took.total_seconds() * 1000))
        delivery.attempts += 1
        delivery.last_attempt_at, delivery.response_code, delivery.last_error = now, code, error
        if not error:
            delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, finished
            delivery.next_attempt_at = None
        elif finished - delivery.created_at >= settings.WEBHOOKS_RETRY_FOR:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
            _give_up(endpoint, now=finished)
        else:
            delivery.next_attempt_at = finished + backoff(delivery.attempts)
        delivery.requeue_at = None
        delivery.save(update_fields=["attempts", "last_attempt_at", "response_code",
                                     "last_error", "status", "delivered_at",
                                     "next_attempt_at", "requeue_at"])
        return delivery.status


def _give_up(endpoint: Endpoint, *, now: dt.datetime) -> None:
    """The endpoint failed for ``WEBHOOKS_RETRY_FOR``: disable it and tell the
    administrators (in the caller's transaction)."""
    from .actions import disable_endpoint_after_failures

    disable_endpoint_after_failures(endpoint=endpoint, now=now)


def pending() -> Any:
    return Delivery.objects.filter(status=DeliveryStatus.PENDING)


def sweep(now: dt.datetime | None = None) -> int:
    """Publish again every pending delivery that is due; returns how many were published."""
    now = now or timezone.now()
    due = list(pending().filter(Q(requeue_at__isnull=True) | Q(requeue_at__lte=now),
                                next_attempt_at__lte=now)
               .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:SWEEP_LIMIT])
    if not due:
        return 0
    # Marked first (a worker may finish a row before the publish returns), so the next
    # sweeps leave them to the task for a while; unmarked when not published.
    marked = now + REQUEUE_AFTER
    Delivery.objects.filter(pk__in=due, status=DeliveryStatus.PENDING).update(requeue_at=marked)
    published = publish_many(due, task=_task())
    Delivery.objects.filter(pk__in=due[published:], status=DeliveryStatus.PENDING,
                            requeue_at=marked).update(requeue_at=None)
    return published


def _task() -> Any:
    from .tasks import deliver_webhook

    return deliver_webhook
