"""Thin Celery tasks: load by id and send one email (after the transaction commits)."""

from __future__ import annotations

from celery import shared_task

RETRY = {"acks_late": True, "autoretry_for": (OSError,), "retry_backoff": True,
         "max_retries": 5}


@shared_task(**RETRY)
def send_feedback_answer(feedback_id: int) -> int:
    """Email the sender that their feedback or complaint was answered (R-CARE-1)."""
    from .emails import send_answer

    return send_answer(feedback_id)


@shared_task(**RETRY)
def notify_staff_of_complaint(feedback_id: int) -> int:
    """Email Customer Care about a new complaint and its response target (R-CARE-1)."""
    from .emails import send_complaint_notice

    return send_complaint_notice(feedback_id)


@shared_task(**RETRY)
def notify_staff_of_extra_support(request_id: int) -> int:
    """Email the Support group about a request for extra support (R-CARE-2)."""
    from .emails import send_extra_support_notice

    return send_extra_support_notice(request_id)


@shared_task(**RETRY)
def send_extra_support_decision(request_id: int) -> int:
    """Email the administrator that their request was confirmed or declined (R-CARE-2)."""
    from .emails import send_extra_support_decision as send

    return send(request_id)
