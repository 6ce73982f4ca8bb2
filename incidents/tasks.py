from __future__ import annotations

import smtplib

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError, smtplib.SMTPException), retry_backoff=True,
             max_retries=8)
def send_incident_email(outgoing_id: int) -> int:
    """Send one queued incident email, unless it was sent already (R-INC-7)."""
    from .emails import send_outgoing

    return send_outgoing(outgoing_id)


@shared_task
def send_pending_incident_emails() -> int:
    """Queue again the incident emails whose task never ran (the broker was down at commit)."""
    from .emails import requeue_pending

    return requeue_pending()
