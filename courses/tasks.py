from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_promotion_email(enrolment_id: int) -> int:
    """Tell a contact that a seat freed up and they moved from the waiting list (R-COURSE-1)."""
    from .emails import send_promotion

    return send_promotion(enrolment_id)
