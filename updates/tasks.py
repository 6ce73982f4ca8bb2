from __future__ import annotations

import smtplib

from celery import shared_task

RETRY = {"acks_late": True, "retry_backoff": True, "max_retries": 5,
         "autoretry_for": (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)}


@shared_task(**RETRY)
def queue_release_news(release_id: int) -> int:
    """Fan a published release out into batches of recipients (R-UPD-4)."""
    from .news import queue_release_news as queue

    return queue(release_id)


@shared_task(**RETRY)
def send_release_news_batch(release_id: int, contact_ids: list[int]) -> int:
    """Email one batch of recipients about a release (R-UPD-4)."""
    from .news import send_release_news_batch as send

    return send(release_id, contact_ids)
