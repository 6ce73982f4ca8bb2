"""Emails of consultancy: a new visit request to the Consultancy staff (in Dutch, the desk's
language), the answer to the administrator who asked (in their language). Each goes through
the outbox (``core.outbox``, R-X-8): the ``queue_*`` functions write one row per recipient
in the caller's transaction, so the email exists exactly when the request or the answer does,
and a broker that is down at the commit delays it but never loses it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from accounts.models import User
from contacts.emails import portal_url
from core.mail import templated_email
from core.outbox import enqueue, outbox_handler

from .models import Appointment, VisitRequest

CONSULTANCY = "Consultancy"


@outbox_handler
def visit_request_notice(*, visit_request: int, to: int) -> list[EmailMessage]:
    """A new visit request, to one member of the Consultancy group who is still active."""
    email = (User.objects.filter(pk=to, is_staff=True, is_active=True).exclude(email="")
             .values_list("email", flat=True).first())
    if email is None:
        return []
    visit = VisitRequest.objects.select_related(
        "organisation", "requested_by__user", "project").get(pk=visit_request)
    link = portal_url(reverse("admin:consultancy_visitrequest_change", args=[visit.pk]))
    return [templated_email("consultancy/email/visit_request_notice", to=email,
                            language=settings.LANGUAGE_CODE,
                            context={"visit": visit, "link": link})]


def queue_visit_request_notice(visit: VisitRequest) -> None:
    """Tell every member of the Consultancy group about a new request, one row each."""
    staff = (User.objects.filter(is_staff=True, is_active=True, groups__name=CONSULTANCY)
             .exclude(email="").order_by("pk").distinct().values_list("pk", flat=True))
    for user_id in staff:
        enqueue(visit_request_notice, key=f"consultancy-visit-{visit.pk}-{user_id}",
                visit_request=visit.pk, to=user_id)


@outbox_handler
def visit_request_answer(*, visit_request: int, state: str, answer: str,
                         appointment: int | None = None) -> list[EmailMessage]:
    """Planned or declined, to the administrator who asked: the answer given then, also when
    a later one replaced it before this email went out."""
    visit = VisitRequest.objects.select_related("requested_by__user").get(pk=visit_request)
    visit.state, visit.answer = state, answer
    visit.appointment = (Appointment.objects.filter(pk=appointment).first()
                         if appointment is not None else None)
    contact = visit.requested_by
    if not contact.is_active or contact.removed_at is not None or not contact.user.email:
        return []  # left the organisation since: the answer is on the portal for the others
    return [templated_email("consultancy/email/visit_request_answer", to=contact.user.email,
                            language=contact.language,
                            context={"visit": visit, "contact": contact,
                                     "link": portal_url(reverse("consultancy_visits"))})]


def queue_visit_request_answer(visit: VisitRequest) -> None:
    """Email the requester the answer given at ``visit.answered_at`` (every answer is)."""
    if visit.answered_at is None:
        raise ValueError("an unanswered visit request has no answer to email")
    moment = visit.answered_at.strftime("%Y%m%dT%H%M%S%f")
    enqueue(visit_request_answer, key=f"consultancy-visit-answer-{visit.pk}-{moment}",
            visit_request=visit.pk, state=visit.state, answer=visit.answer,
            appointment=visit.appointment_id)
