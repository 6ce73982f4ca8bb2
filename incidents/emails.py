"""The incident emails (R-INC-7): HTML and text, in the recipient's language, exactly one per
status change or public reply and recipient. They go through the outbox (``core.outbox``),
which explains how "exactly one" survives a broker that is down and a worker that dies.

They go to the incident's owner (R-INC-13), and only while the owner can still act on it
(``queries.is_acting_owner``, decided when the email is sent, not when it was queued): an
owner who was deactivated, removed or lost the role Submit incidents gets nothing more, and
the row is marked skipped."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from contacts.models import Contact
from core.mail import portal_url, templated_email
from core.outbox import enqueue, outbox_handler

from . import queries
from .replies import reply_headers
from .models import Incident, Message, OwnerChange, Status, StatusChange
from .waiting import auto_resolve_at, reopen_period
from .calendar import SupportCalendar

_WITH_OWNER = ("incident__owner__user", "incident__owner__organisation")


def _email(template: str, *, incident: Incident, recipient: Contact, **context) -> EmailMessage:
    return templated_email(template, to=recipient.user.email, language=recipient.language,
                           headers=reply_headers(incident_id=incident.pk,
                                                 incident_number=incident.number,
                                                 contact_id=recipient.pk),
                           context={"incident": incident, "contact": recipient,
                                    "link": portal_url(reverse("incident_detail",
                                                               args=[incident.number])),
                                    **context})


def _recipient(contact_id: int) -> Contact | None:
    return Contact.objects.select_related("user", "organisation").filter(pk=contact_id).first()


def _owner(contact_id: int, incident: Incident) -> Contact | None:
    """The recipient while they own the incident and can still act on it (R-INC-13)."""
    recipient = _recipient(contact_id)
    if recipient is None or not queries.is_acting_owner(recipient, incident):
        return None
    return recipient


@outbox_handler
def status_email(*, change: int, to: int) -> list[EmailMessage]:
    """The status of the incident changed (or it was received)."""
    status_change = StatusChange.objects.select_related(*_WITH_OWNER).get(pk=change)
    recipient = _owner(to, status_change.incident)
    if recipient is None:
        return []
    resolved = status_change.to_status == Status.RESOLVED
    return [_email("incidents/email/status", incident=status_change.incident,
                   recipient=recipient, change=status_change,
                   auto_resolve_days=settings.INCIDENT_WAITING_AUTO_RESOLVE_WORKING_DAYS,
                   reopen_until=status_change.at + reopen_period() if resolved else None)]


@outbox_handler
def reply_email(*, message: int, to: int) -> list[EmailMessage]:
    """Support replied in public (internal notes are never queued, R-INC-8)."""
    reply = Message.public.select_related(*_WITH_OWNER).get(pk=message)
    recipient = _owner(to, reply.incident)
    if recipient is None:
        return []
    return [_email("incidents/email/reply", incident=reply.incident, recipient=recipient,
                   message=reply)]


@outbox_handler
def hand_over_email(*, change: int, to: int) -> list[EmailMessage]:
    """An administrator handed the incident over (R-INC-13): the new owner hears it is theirs
    now (while it still is and they can act on it), the old owner that it went to a
    colleague (while they are an active contact who could act on incidents)."""
    owner_change = (OwnerChange.objects
                    .select_related(*_WITH_OWNER, "from_owner__user", "to_owner__user",
                                    "by_contact__user").get(pk=change))
    incident = owner_change.incident
    if to == owner_change.to_owner_id:
        recipient = _owner(to, incident)
        template = "incidents/email/handed_over_to_you"
    elif to == owner_change.from_owner_id:
        recipient = _recipient(to)
        if recipient is not None and not queries.can_act_on_incidents(recipient):
            recipient = None
        template = "incidents/email/handed_over_from_you"
    else:
        recipient = None
    if recipient is None:
        return []
    return [_email(template, incident=incident, recipient=recipient, change=owner_change)]


@outbox_handler
def waiting_reminder_email(*, incident: int, to: int, since: str) -> list[EmailMessage]:
    """R-INC-14: the incident has waited for the owner's answer for a while; sent only while
    it still waits since the same moment (a reply meanwhile ends that wait)."""
    current = (Incident.objects.select_related("owner__user", "owner__organisation")
               .filter(pk=incident).first())
    if (current is None or current.waiting_since is None
            or current.waiting_since != dt.datetime.fromisoformat(since)):
        return []
    recipient = _owner(to, current)
    if recipient is None:
        return []
    return [_email("incidents/email/waiting_reminder", incident=current, recipient=recipient,
                   resolve_at=auto_resolve_at(current, SupportCalendar()))]


@outbox_handler
def busy_notice_email(*, message: int, to: int) -> list[EmailMessage]:
    """R-INC-17: Support is exceptionally busy and the P4 incident's target may not be met;
    the email carries the portal's message on the incident, in the owner's language."""
    notice_message = (Message.public.select_related(*_WITH_OWNER, "busy_notice")
                      .get(pk=message))
    recipient = _owner(to, notice_message.incident)
    if recipient is None:
        return []
    return [_email("incidents/email/busy_notice", incident=notice_message.incident,
                   recipient=recipient, message=notice_message,
                   notice=notice_message.busy_notice)]


def queue_busy_notice_email(message: Message) -> None:
    """After commit, the owner reads the portal's busyness message by email (R-INC-17); the
    key names the message, itself one per incident and notice."""
    to = message.incident.owner_id
    enqueue(busy_notice_email, key=f"incident-busy-{message.pk}-{to}", message=message.pk,
            to=to)


def queue_status_email(change: StatusChange) -> None:
    """After commit, tell the owner about a status change (R-INC-7)."""
    to = change.incident.owner_id
    enqueue(status_email, key=f"incident-status-{change.pk}-{to}", change=change.pk, to=to)


def queue_reply_email(message: Message) -> None:
    """After commit, send the owner support's public reply (R-INC-7)."""
    to = message.incident.owner_id
    enqueue(reply_email, key=f"incident-reply-{message.pk}-{to}", message=message.pk, to=to)


def queue_hand_over_emails(change: OwnerChange) -> None:
    """After commit, tell the new and the old owner about a hand-over (R-INC-13)."""
    for to in (change.to_owner_id, change.from_owner_id):
        enqueue(hand_over_email, key=f"incident-handover-{change.pk}-{to}", change=change.pk,
                to=to)


def queue_waiting_reminder(incident: Incident) -> None:
    """After commit, remind the owner once per wait (the key names the wait, R-INC-14)."""
    since = incident.waiting_since
    if since is None:
        raise ValueError(f"incident {incident.number} is not waiting: nothing to remind of")
    to = incident.owner_id
    enqueue(waiting_reminder_email, key=f"incident-waiting-{incident.pk}-{since:%Y%m%d%H%M%S}"
                                        f"-{to}",
            incident=incident.pk, to=to, since=since.isoformat())
