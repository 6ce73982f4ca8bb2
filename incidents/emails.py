"""The incident emails (R-INC-7): HTML and text, in the recipient's language, exactly one per
status change or public reply and recipient. They go through the outbox (``portal.outbox``),
which explains how "exactly one" survives a broker that is down and a worker that dies."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.urls import reverse

from contacts.emails import portal_url
from contacts.models import Contact
from portal.emails import templated_email
from portal.outbox import enqueue, outbox_handler

from .models import Incident, Message, StatusChange


def _email(template: str, *, incident: Incident, recipient: Contact, **context) -> EmailMessage:
    return templated_email(template, to=recipient.user.email, language=recipient.language,
                           context={"incident": incident, "contact": recipient,
                                    "link": portal_url(reverse("incident_detail",
                                                               args=[incident.number])),
                                    **context})


def _recipient(contact_id: int) -> Contact | None:
    return Contact.objects.select_related("user").filter(pk=contact_id).first()


@outbox_handler
def status_email(*, change: int, to: int) -> list[EmailMessage]:
    """The status of the incident changed (or it was received)."""
    status_change = StatusChange.objects.select_related("incident").get(pk=change)
    recipient = _recipient(to)
    if recipient is None:
        return []
    return [_email("incidents/email/status", incident=status_change.incident,
                   recipient=recipient, change=status_change)]


@outbox_handler
def reply_email(*, message: int, to: int) -> list[EmailMessage]:
    """Support replied in public (internal notes are never queued, R-INC-8)."""
    reply = Message.public.select_related("incident").get(pk=message)
    recipient = _recipient(to)
    if recipient is None:
        return []
    return [_email("incidents/email/reply", incident=reply.incident, recipient=recipient,
                   message=reply)]


def queue_status_email(change: StatusChange) -> None:
    """After commit, tell the reporter about a status change (R-INC-7)."""
    to = change.incident.reporter_id
    enqueue(status_email, key=f"incident-status-{change.pk}-{to}", change=change.pk, to=to)


def queue_reply_email(message: Message) -> None:
    """After commit, send the reporter support's public reply (R-INC-7)."""
    to = message.incident.reporter_id
    enqueue(reply_email, key=f"incident-reply-{message.pk}-{to}", message=message.pk, to=to)
