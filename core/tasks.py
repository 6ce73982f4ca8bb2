"""Celery tasks of the kernel: the outbox relay and sweep, and beat's heartbeat (R-X-8).

Their names are fixed (``name=``), not taken from this module: the beat schedule names them
and messages already waiting in the broker carry them. They keep the names they had when
they lived in ``portal/tasks.py``, so a queue filled before an upgrade is still worked off.
"""

from __future__ import annotations

from celery import shared_task


# No result is kept: publishing must not touch the result backend (R-X-8). A relay that
# hangs (an SMTP server that stops answering) is ended by the time limit; the row waits.
# Celery does not retry it: the outbox does, with the policy of core.retry.
@shared_task(name="portal.tasks.relay_outbox_item", acks_late=True, ignore_result=True,
             soft_time_limit=120, time_limit=150)
def relay_outbox_item(item_id: int) -> str:
    """Send one outbox row's email (or do its task) unless done already (R-X-8)."""
    from .outbox import relay

    return relay(item_id)


# Neither the sweep nor the heartbeat is retried: they run again within a minute.
@shared_task(name="portal.tasks.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    """Every minute (beat): publish again the outbox rows that are due (R-X-8)."""
    from .outbox import sweep

    return sweep()


@shared_task(name="portal.tasks.beat_heartbeat", ignore_result=True)
def beat_heartbeat() -> None:
    """Every 30 seconds (beat): beat, the broker and a worker are alive (R-X-8)."""
    from .heartbeat import BEAT, record

    record(name="beat", kind=BEAT)


@shared_task(name="core.tasks.remove_expired_held_uploads", ignore_result=True)
def remove_expired_held_uploads() -> int:
    """Files kept between two tries of a form that nobody sent (issue 14); idempotent."""
    from core.held_uploads import remove_expired

    return remove_expired()
