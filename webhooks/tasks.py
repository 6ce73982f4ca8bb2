"""Celery tasks of webhooks (R-HOOK-1): thin, they call ``webhooks.delivery``."""

from __future__ import annotations

from celery import shared_task


# Not retried by Celery: a failed attempt is recorded on the row and the sweep publishes it
# again after its back-off (core.retry), as the outbox does. acks_late: a worker killed in
# the middle leaves the task to be delivered again; the row's lock and status decide.
@shared_task(name="webhooks.tasks.deliver_webhook", acks_late=True, ignore_result=True,
             soft_time_limit=60, time_limit=90)
def deliver_webhook(delivery_id: int) -> str:
    """One attempt of one webhook delivery, unless it was delivered already (R-HOOK-1)."""
    from .delivery import deliver

    return deliver(delivery_id)


# Not retried: it runs again within a minute.
@shared_task(name="webhooks.tasks.sweep_webhook_deliveries", ignore_result=True)
def sweep_webhook_deliveries() -> int:
    """Every minute (beat): publish again the deliveries that are due (R-HOOK-1, R-X-8)."""
    from .delivery import sweep

    return sweep()
