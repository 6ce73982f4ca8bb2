"""Emails of customer care: to the customer in their language, to staff in Dutch (the
desk's language). Each goes through the outbox (``core.outbox``, R-X-8): the ``queue_*``
functions write one row per recipient in the caller's transaction, and the handlers below
render the email when a worker relays the row, so a broker that is down at commit delays an
email but never loses it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.urls import reverse

from accounts.models import User
from core.mail import portal_url, templated_email
from core.outbox import enqueue, outbox_handler

from .models import ExtraSupportRequest, Feedback

CUSTOMER_CARE, SUPPORT = "Customer Care", "Support"


def _staff_of(group: str) -> QuerySet[User]:
    return (User.objects.filter(is_staff=True, is_active=True, groups__name=group)
            .exclude(email="").order_by("email").distinct())


def _staff_email(user_id: int) -> str | None:
    """The address of a staff member who is still active (they may have left since)."""
    return (User.objects.filter(pk=user_id, is_staff=True, is_active=True).exclude(email="")
            .values_list("email", flat=True).first())


def _moment(at: dt.datetime) -> str:
    """A key part that tells two answers or decisions of one item apart."""
    return at.strftime("%Y%m%dT%H%M%S%f")


# Complaint notice to Customer Care (R-CARE-1) ------------------------------------------

@outbox_handler
def complaint_notice(*, feedback: int, to: int) -> list[EmailMessage]:
    """A new complaint and its first-response target, to one Customer Care member."""
    email = _staff_email(to)
    if email is None:
        return []
    item = Feedback.objects.select_related("contact__user", "organisation").get(pk=feedback)
    return [templated_email(
        "care/email/complaint_notice", to=email, language=settings.LANGUAGE_CODE,
        context={"feedback": item,
                 "link": portal_url(reverse("admin:care_feedback_change", args=[item.pk]))})]


def queue_complaint_notice(feedback: Feedback) -> None:
    """Tell every member of Customer Care about a new complaint, one row each."""
    for user_id in _staff_of(CUSTOMER_CARE).values_list("pk", flat=True):
        enqueue(complaint_notice, key=f"care-complaint-{feedback.pk}-{user_id}",
                feedback=feedback.pk, to=user_id)


# The answer to the sender (R-CARE-1) ---------------------------------------------------

@outbox_handler
def feedback_answer(*, feedback: int, response: str) -> list[EmailMessage]:
    """Our response, to the contact who sent the feedback or complaint: the one given then,
    also when a later answer replaced it before this email went out."""
    item = Feedback.objects.select_related("contact__user").get(pk=feedback)
    item.response = response
    return [templated_email(
        "care/email/answered", to=item.contact.user.email, language=item.contact.language,
        context={"feedback": item, "contact": item.contact,
                 "link": portal_url(reverse("feedback_detail", args=[item.pk]))})]


def queue_feedback_answer(feedback: Feedback, *, answered_at: dt.datetime) -> None:
    """Email the sender the answer given at ``answered_at`` (every answer is emailed)."""
    enqueue(feedback_answer, key=f"care-answer-{feedback.pk}-{_moment(answered_at)}",
            feedback=feedback.pk, response=feedback.response)


# Extra support (R-CARE-2) --------------------------------------------------------------

@outbox_handler
def extra_support_notice(*, request: int, to: int) -> list[EmailMessage]:
    """A new request for extra support, to one member of Support."""
    email = _staff_email(to)
    if email is None:
        return []
    item = ExtraSupportRequest.objects.select_related(
        "requested_by__user", "organisation", "outage").get(pk=request)
    link = portal_url(reverse("admin:care_extrasupportrequest_change", args=[item.pk]))
    return [templated_email("care/email/extra_support_notice", to=email,
                            language=settings.LANGUAGE_CODE,
                            context={"request": item, "link": link})]


def queue_extra_support_notice(request: ExtraSupportRequest) -> None:
    """Tell every member of Support about a new request, one row each."""
    for user_id in _staff_of(SUPPORT).values_list("pk", flat=True):
        enqueue(extra_support_notice, key=f"care-extra-support-{request.pk}-{user_id}",
                request=request.pk, to=user_id)


@outbox_handler
def extra_support_decision(*, request: int, status: str, note: str) -> list[EmailMessage]:
    """Confirmed or declined, to the administrator who asked: the decision taken then."""
    item = ExtraSupportRequest.objects.select_related("requested_by__user").get(pk=request)
    item.status, item.staff_note = status, note
    return [templated_email("care/email/extra_support_decision",
                            to=item.requested_by.user.email,
                            language=item.requested_by.language,
                            context={"request": item, "contact": item.requested_by,
                                     "link": portal_url(reverse("extra_support"))})]


def queue_extra_support_decision(request: ExtraSupportRequest, *,
                                 handled_at: dt.datetime) -> None:
    """Email the administrator the decision taken at ``handled_at``."""
    enqueue(extra_support_decision,
            key=f"care-extra-support-decision-{request.pk}-{_moment(handled_at)}",
            request=request.pk, status=request.status, note=request.staff_note)
