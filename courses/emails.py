"""Emails of the courses app, through the outbox (``core.outbox``, R-X-8)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.urls import reverse

from core.mail import portal_url, templated_email
from core.outbox import enqueue, outbox_handler

from .models import Enrolment, EnrolmentStatus


@outbox_handler
def promotion_email(*, enrolment: int) -> list[EmailMessage]:
    """A seat freed up and the contact moved from the waiting list (R-COURSE-1)."""
    place = (Enrolment.objects.select_related("contact__user", "event__course")
             .filter(pk=enrolment, status=EnrolmentStatus.ENROLLED,
                     contact__is_active=True).first())
    if place is None:  # cancelled again before the email left
        return []
    return [templated_email("courses/email/promoted", to=place.contact.user.email,
                            language=place.contact.language,
                            context={"enrolment": place, "event": place.event,
                                     "course": place.event.course,
                                     "link": portal_url(reverse("my_courses"))})]


def queue_promotion_email(enrolment: Enrolment) -> None:
    enqueue(promotion_email, key=f"course-promotion-{enrolment.pk}", enrolment=enrolment.pk)
