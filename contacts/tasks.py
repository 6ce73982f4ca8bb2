"""Celery tasks of the contacts app: thin wrappers that load by id and call an action."""

from __future__ import annotations

from celery import shared_task

from core.retry import CELERY_RETRY


@shared_task(acks_late=True, **CELERY_RETRY)
def recount_submitter_seats() -> int:
    """Nightly (beat, 02:00 Europe/Amsterdam): R-QUOTA-3."""
    from .actions import recount_submitter_seats as recount

    return recount().organisations


@shared_task(acks_late=True, **CELERY_RETRY)
def request_organisation_checks() -> int:
    """Daily (beat, 09:00 Europe/Amsterdam); acts only in the configured months (R-CARE-3)."""
    from .checks import request_organisation_checks as request

    return request()
