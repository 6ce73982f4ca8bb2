"""Celery tasks of the partners app: thin wrappers that call an action (emails go through
the outbox, ``partners.emails``)."""

from __future__ import annotations

from celery import shared_task

from core.retry import CELERY_RETRY


@shared_task(acks_late=True, **CELERY_RETRY)
def check_partner_certifications() -> int:
    """Nightly (beat, 03:00 Europe/Amsterdam): R-PART-3. Returns the integrations delisted."""
    from .actions import check_partner_certifications as check

    return check().delisted
