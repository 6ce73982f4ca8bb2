"""Celery tasks of the incidents app: thin, each calls one action."""

from __future__ import annotations

from celery import shared_task

from core.retry import CELERY_RETRY


# Not retried by Celery (core.retry): it runs again every 15 minutes anyway.
@shared_task(acks_late=True)
def end_incident_waits() -> dict[str, int]:
    """Every 15 minutes (beat): reminders, automatic resolution and closing after the reopen
    period (R-INC-14). Idempotent, so a lost or repeated run does no harm."""
    from .actions import end_incident_waits as end_waits

    ended = end_waits()
    return {"reminded": ended.reminded, "resolved": ended.resolved, "closed": ended.closed}


@shared_task(acks_late=True, **CELERY_RETRY)
def queue_daily_digests() -> int:
    """Every morning (beat): one digest per contact who chose it, through the outbox,
    idempotent per contact and day (R-MAIL-6)."""
    from .notifications import queue_daily_digests as queue_digests

    return queue_digests()


# Not retried by Celery: beat runs it again every minute, and what it did not finish (a lost
# connection) is still unread in the mailbox then.
@shared_task(acks_late=True)
def poll_support_mailbox() -> dict[str, int | bool]:
    """Every minute (beat): fetch the support mailbox (R-MAIL-1); nothing when it is not
    configured or another poller is at it."""
    from .mailbox import poll_mailbox

    result = poll_mailbox()
    return {"polled": result.polled, "received": result.received}
