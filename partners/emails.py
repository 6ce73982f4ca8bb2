"""Emails of the partners app, each in the recipient's language, as HTML and plain text."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from contacts.emails import portal_url
from contacts.models import Contact, Organisation

from .models import Integration
from .rules import NOTICE_MONTHS


def send_certification_lapsed(organisation_id: int, integration_ids: list[int]) -> int:
    """R-PART-3: tell every active contact of the partner which integrations left the
    partner page for a missing quickscan, and what the notice means."""
    organisation = Organisation.objects.get(pk=organisation_id)
    integrations = list(Integration.objects.filter(organisation=organisation,
                                                   pk__in=integration_ids).order_by("name"))
    contacts = (Contact.objects.filter(organisation=organisation, is_active=True,
                                        user__is_active=True)
                .select_related("user").order_by("user__email"))
    context = {"organisation": organisation, "integrations": integrations,
               "notice_months": NOTICE_MONTHS, "link": portal_url(reverse("partner"))}
    sent = 0
    for contact in contacts:
        with translation.override(contact.language):
            subject = " ".join(render_to_string(
                "partners/email/certification_lapsed_subject.txt", context).split())
            body = render_to_string("partners/email/certification_lapsed_body.txt", context)
            html = render_to_string("partners/email/certification_lapsed_body.html", context)
        message = EmailMultiAlternatives(subject=subject, body=body, to=[contact.user.email])
        message.attach_alternative(html, "text/html")
        sent += message.send()
    return sent
