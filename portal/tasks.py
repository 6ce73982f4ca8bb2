"""Shared Celery tasks."""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def send_email(
    self, *, subject: str, body: str, to: list[str], from_email: str | None = None,
    html: str | None = None,
) -> int:
    """Send one already-rendered email; returns the number of messages sent."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


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
