"""Emails of webhooks, through the outbox (``core.outbox``, R-X-8): one row per
administrator, queued in the transaction that disabled the endpoint."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.urls import reverse

from contacts.models import Contact
from contacts.queries import ACTIVE_ADMINISTRATOR, administrators_of
from core.mail import portal_url, templated_email
from core.outbox import enqueue, outbox_handler

from .models import Endpoint


@outbox_handler
def endpoint_disabled_email(*, endpoint: int, contact: int) -> list[EmailMessage]:
    """One administrator: an endpoint failed for 24 hours and was disabled (R-HOOK-1)."""
    item = Endpoint.objects.select_related("organisation").filter(pk=endpoint).first()
    if item is None:
        return []
    administrator = administrators_of(item.organisation).filter(pk=contact).first()
    if administrator is None:
        return []
    return [templated_email("webhooks/email/endpoint_disabled", to=administrator.user.email,
                            language=administrator.language,
                            context={"endpoint": item, "organisation": item.organisation,
                                     "link": portal_url(reverse("webhook_detail",
                                                                args=[item.pk]))})]


def queue_endpoint_disabled(endpoint: Endpoint) -> None:
    """Tell every active administrator of the endpoint's organisation."""
    stamp = endpoint.disabled_at.strftime("%Y%m%d%H%M%S%f") if endpoint.disabled_at else ""
    for contact_id in (Contact.objects.filter(ACTIVE_ADMINISTRATOR,
                                              organisation_id=endpoint.organisation_id)
                       .order_by("pk").values_list("pk", flat=True)):
        enqueue(endpoint_disabled_email, key=f"webhook-disabled-{endpoint.pk}-{stamp}-"
                f"{contact_id}", endpoint=endpoint.pk, contact=contact_id)
