"""Celery tasks of the incidents app: thin, each calls one action."""

from __future__ import annotations

from celery import shared_task


# Not retried by Celery (core.retry): it runs again every 15 minutes anyway.
@shared_task(acks_late=True)
def end_incident_waits() -> dict[str, int]:
    """Every 15 minutes (beat): reminders, automatic resolution and closing after the reopen
    period (R-INC-14). Idempotent, so a lost or repeated run does no harm."""
    from .actions import end_incident_waits as end_waits

    ended = end_waits()
    return {"reminded": ended.reminded, "resolved": ended.resolved, "closed": ended.closed}
