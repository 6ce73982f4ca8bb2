"""Emails of customer care: to the customer in their language, to staff in Dutch (the
desk's language)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from contacts.emails import portal_url, send_templated

from .models import ExtraSupportRequest, Feedback


def _staff_emails(group: str) -> list[str]:
    return list(User.objects.filter(is_staff=True, is_active=True, groups__name=group)
                .exclude(email="").order_by("email").values_list("email", flat=True)
                .distinct())


def send_answer(feedback_id: int) -> int:
    feedback = Feedback.objects.select_related("contact__user").get(pk=feedback_id)
    return send_templated(template="care/email/answered", to=feedback.contact.user.email,
                          language=feedback.contact.language,
                          context={"feedback": feedback, "contact": feedback.contact,
                                   "link": portal_url(reverse("feedback_detail",
                                                              args=[feedback.pk]))})


def send_complaint_notice(feedback_id: int) -> int:
    feedback = Feedback.objects.select_related("contact__user", "organisation").get(
        pk=feedback_id)
    link = portal_url(reverse("admin:care_feedback_change", args=[feedback.pk]))
    return sum(send_templated(template="care/email/complaint_notice", to=email,
                              language=settings.LANGUAGE_CODE,
                              context={"feedback": feedback, "link": link})
               for email in _staff_emails("Customer Care"))


def send_extra_support_notice(request_id: int) -> int:
    request = ExtraSupportRequest.objects.select_related("requested_by__user",
                                                         "organisation").get(pk=request_id)
    link = portal_url(reverse("admin:care_extrasupportrequest_change", args=[request.pk]))
    return sum(send_templated(template="care/email/extra_support_notice", to=email,
                              language=settings.LANGUAGE_CODE,
                              context={"request": request, "link": link})
               for email in _staff_emails("Support"))


def send_extra_support_decision(request_id: int) -> int:
    request = ExtraSupportRequest.objects.select_related("requested_by__user").get(
        pk=request_id)
    return send_templated(template="care/email/extra_support_decision",
                          to=request.requested_by.user.email,
                          language=request.requested_by.language,
                          context={"request": request, "contact": request.requested_by,
                                   "link": portal_url(reverse("extra_support"))})
