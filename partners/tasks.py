"""Celery tasks of the partners app: thin wrappers that call an action or send an email."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def check_partner_certifications() -> int:
    """Nightly (beat, 03:00 Europe/Amsterdam): R-PART-3. Returns the integrations delisted."""
    from .actions import check_partner_certifications as check

    return check().delisted


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_certification_lapsed(organisation_id: int, integration_ids: list[int]) -> int:
    """One email to each active contact of the partner: these integrations were delisted."""
    from .emails import send_certification_lapsed as send

    return send(organisation_id, integration_ids)
