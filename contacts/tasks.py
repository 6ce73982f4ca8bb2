"""Celery tasks of the contacts app: thin wrappers that load by id and call an action."""

from __future__ import annotations

from celery import shared_task

from . import emails


@shared_task(acks_late=True)
def recount_submitter_seats() -> int:
    """Nightly (beat, 02:00 Europe/Amsterdam): R-QUOTA-3."""
    from .actions import recount_submitter_seats as recount

    return recount().organisations


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_seat_shortage(organisation_id: int) -> int:
    """One email to each active administrator: the maximum fell below usage (R-QUOTA-6)."""
    return emails.send_seat_shortage(organisation_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(contact_id: int, new_user: bool) -> int:
    """The email that tells a new contact how to log in (and set a password when new)."""
    return emails.send_invitation(contact_id, new_user=new_user)


@shared_task(acks_late=True)
def request_organisation_checks() -> int:
    """Daily (beat, 09:00 Europe/Amsterdam); acts only in the configured months (R-CARE-3)."""
    from .checks import request_organisation_checks as request

    return request()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_organisation_check_request(check_id: int, contact_id: int) -> int:
    """One administrator's email: check the organisation's details, confirm in one click."""
    from .checks import send_check_request

    return send_check_request(check_id=check_id, contact_id=contact_id)
