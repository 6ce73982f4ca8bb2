"""Shared Celery tasks."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def relay_outbox_item(item_id: int) -> str:
    """Send one outbox row's email (or do its task) unless done already (R-X-8)."""
    from .outbox import relay

    return relay(item_id)


@shared_task
def sweep_outbox() -> int:
    """Every minute (beat): publish again the outbox rows that are due (R-X-8)."""
    from .outbox import sweep

    return sweep()
