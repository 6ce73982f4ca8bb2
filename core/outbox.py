"""The outbox (R-X-8): no email or task whose loss matters is lost when the broker or a
worker fails, and no request waits on the broker.

- ``enqueue(handler, key=…, **payload)`` writes an ``OutboxItem`` row in the caller's
  transaction: the email exists exactly when the change does. After the commit the row's id is
  published to the broker once, without retrying, with a short timeout
  (``OUTBOX_PUBLISH_TIMEOUT``): a broker that is down costs the request at most that timeout,
  logged, never an error page; after a failure the process publishes nothing for
  ``OUTBOX_PUBLISH_PAUSE`` seconds, so an outage costs one timeout per pause, not per email.
- A worker runs ``relay(item_id)``: it locks the row (SELECT … FOR UPDATE), skips it when
  ``done_at`` is set, calls the handler, sends what the handler returns, and sets ``done_at``
  in the same transaction. A worker that dies before the SMTP server accepted the message
  rolls back and the task comes again (acks_late); one that dies after the commit finds
  ``done_at`` on the retry; two workers running the same row wait for each other on the lock.
  The window left is a crash between the SMTP server's "250 OK" and the COMMIT; every
  message has a Message-ID fixed by the row, so a mail system can drop that duplicate.
- ``sweep()`` runs every minute (Celery beat) and publishes again what is still not done: rows
  whose publish failed, rows whose task was lost, and failed rows when their back-off is over.
  A row is never given up: it backs off (``core.retry``) to once an hour and shows its error
  in the admin.

A handler is a function decorated with ``@outbox_handler`` that takes the payload as keyword
arguments and returns the emails to send (one per row, so one recipient's email never waits
for another's), ``[]`` when there is nothing to send any more (the row is marked skipped),
or ``None`` when it did its work itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .mail import send_all
from .models import OutboxItem, OutboxOutcome
from .retry import backoff

logger = logging.getLogger(__name__)

Handler = Callable[..., Sequence[EmailMessage] | None]

# A new row is published at commit; the sweep leaves it alone this long before assuming the
# publish was lost.
GRACE = dt.timedelta(minutes=1)
# After the sweep published a row, it waits this long before publishing it again.
REQUEUE_AFTER = dt.timedelta(minutes=2)
SWEEP_LIMIT = 1000
MESSAGE_ID_DOMAIN = "outbox.klantportal"
_NOT_IN_ID = re.compile(r"[^A-Za-z0-9.-]")


def outbox_handler(function: Handler) -> Handler:
    """Mark a function as one the outbox may call (rows name their handler by path)."""
    function.outbox_handler = True  # type: ignore[attr-defined]
    return function


def _path(handler: Handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def _handler(kind: str) -> Handler:
    handler = import_string(kind)
    if not getattr(handler, "outbox_handler", False):
        raise ValueError(f"{kind} is not an outbox handler")
    return handler


def enqueue(handler: Handler, *, key: str, **payload: Any) -> OutboxItem:
    """Write the row for ``key`` (once: a second call with the same key returns the first row
    and queues nothing) and publish it after the caller's transaction commits."""
    if not getattr(handler, "outbox_handler", False):
        raise ValueError(f"{_path(handler)} is not an outbox handler")
    item, created = OutboxItem.objects.get_or_create(
        key=key, defaults={"kind": _path(handler), "payload": payload})
    if created:
        transaction.on_commit(partial(publish, item.pk))
    return item


def enqueue_many(handler: Handler, items: Sequence[tuple[str, dict[str, Any]]]) -> int:
    """``enqueue`` for many rows at once, (key, payload) each, in a few queries per thousand;
    keys already written are left alone. Returns the number of new keys."""
    if not getattr(handler, "outbox_handler", False):
        raise ValueError(f"{_path(handler)} is not an outbox handler")
    existing: set[str] = set()
    for start in range(0, len(items), 1000):
        keys = [key for key, _payload in items[start:start + 1000]]
        existing.update(OutboxItem.objects.filter(key__in=keys).values_list("key", flat=True))
    created = OutboxItem.objects.bulk_create(
        [OutboxItem(key=key, kind=_path(handler), payload=payload)
         for key, payload in items if key not in existing],
        ignore_conflicts=True, batch_size=1000)
    new_keys = [item.key for item in created]
    if new_keys:
        transaction.on_commit(partial(_publish_keys, new_keys))
    return len(new_keys)


def _publish_keys(keys: list[str]) -> None:
    for start in range(0, len(keys), 1000):
        ids = list(OutboxItem.objects.filter(key__in=keys[start:start + 1000],
                                             done_at__isnull=True).values_list("pk", flat=True))
        if publish_many(ids) < len(ids):
            return  # the broker is down: the sweep sends the rest


# After a publish failed, this process publishes nothing until then (``time.monotonic``):
# a broker that is down costs one timeout per pause, not one per email or request.
_paused_until = 0.0


def publish(item_id: int) -> bool:
    """Hand the row to a worker now; on any failure log it and leave it to the sweep."""
    return publish_many([item_id]) == 1


def publish_many(item_ids: Sequence[int], *, task: Any = None) -> int:
    """Hand rows to workers over one broker connection with a short timeout
    (``OUTBOX_PUBLISH_TIMEOUT``), stopping at the first failure; returns how many were
    published. In development (tasks run in-process) each row is relayed here and now.
    ``task``: the Celery task that takes one row id (default: the outbox relay; an outbox of
    its own, like the webhooks' deliveries, publishes its rows the same way)."""
    global _paused_until
    from .tasks import relay_outbox_item

    relay = task or relay_outbox_item
    app = relay.app  # the project's Celery app (portal.celery), unnamed here
    if app.conf.task_always_eager:
        return sum(_relay_in_process(relay, item_id) for item_id in item_ids)
    if not item_ids or time.monotonic() < _paused_until:
        return 0
    timeout = settings.OUTBOX_PUBLISH_TIMEOUT
    published = 0
    try:
        with app.connection_for_write(connect_timeout=timeout, transport_options={
                "socket_timeout": timeout, "socket_connect_timeout": timeout}) as connection:
            for item_id in item_ids:
                relay.apply_async((item_id,), retry=False, connection=connection)
                published += 1
    except Exception:  # the broker is down or does not answer
        _paused_until = time.monotonic() + settings.OUTBOX_PUBLISH_PAUSE
        logger.warning("The broker did not take outbox items %s…; the sweep will retry them.",
                       list(item_ids[published:published + 5]), exc_info=True)
    return published


def _relay_in_process(task, item_id: int) -> bool:
    try:
        task.apply_async((item_id,), retry=False)
    except Exception:  # sending failed: the row waits for the sweep (``make run`` has none)
        logger.warning("Outbox item %s was not sent now.", item_id, exc_info=True)
        return False
    return True


def _stamp(item: OutboxItem, messages: Sequence[EmailMessage]) -> None:
    """A Message-ID fixed by the row, so a duplicate after a crash can be recognised."""
    base = _NOT_IN_ID.sub("-", item.key)
    for index, message in enumerate(messages):
        suffix = f".{index}" if index else ""
        message.extra_headers.setdefault(
            "Message-ID", f"<{base}.{item.pk}{suffix}@{MESSAGE_ID_DOMAIN}>")


def relay(item_id: int) -> str:
    """Do the row's work unless done already; returns the outcome ("" when it was done)."""
    try:
        with transaction.atomic():
            item = OutboxItem.objects.select_for_update().filter(pk=item_id).first()
            if item is None or item.done_at is not None:
                return ""
            messages = _handler(item.kind)(**item.payload)
            if messages:
                _stamp(item, messages)
                send_all(messages)
            item.outcome = OutboxOutcome.SKIPPED if messages == [] else OutboxOutcome.DONE
            item.to = ", ".join(address for message in messages or () for address in
                                message.recipients())
            item.done_at, item.last_error, item.retry_at = timezone.now(), "", None
            item.save(update_fields=["outcome", "to", "done_at", "last_error", "retry_at"])
            return item.outcome
    except Exception as error:
        now = timezone.now()
        failed = OutboxItem.objects.filter(pk=item_id, done_at__isnull=True)
        attempts = (failed.values_list("attempts", flat=True).first() or 0) + 1
        failed.update(attempts=F("attempts") + 1, last_error=repr(error)[:2000],
                      retry_at=now + backoff(attempts))
        raise


def pending() -> Any:
    """Rows not done yet (the admin and /healthz look at these)."""
    return OutboxItem.objects.filter(done_at__isnull=True)


def sweep(now: dt.datetime | None = None) -> int:
    """Publish again every row that is due: returns how many were published."""
    now = now or timezone.now()
    due = list(pending().filter(Q(retry_at__lte=now)
                                | Q(retry_at__isnull=True, created_at__lte=now - GRACE))
               .order_by("created_at", "pk").values_list("pk", flat=True)[:SWEEP_LIMIT])
    if not due:
        return 0
    # Marked first (a worker may finish a row before the publish returns), and unmarked when
    # not published, so they are due again at the next sweep (unless the relay backed off).
    marked = now + REQUEUE_AFTER
    OutboxItem.objects.filter(pk__in=due, done_at__isnull=True).update(retry_at=marked)
    published = publish_many(due)
    OutboxItem.objects.filter(pk__in=due[published:], done_at__isnull=True,
                              retry_at=marked).update(retry_at=now)
    return published
