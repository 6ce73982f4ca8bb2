"""The incident emails (R-INC-7): HTML and text, in the recipient's language, exactly one per
status change or public reply and recipient. They go through the outbox (``core.outbox``),
which explains how "exactly one" survives a broker that is down and a worker that dies.

They go to the incident's owner (R-INC-13), and only while the owner can still act on it
(``queries.is_acting_owner``, decided when the email is sent, not when it was queued): an
owner who was deactivated, removed or lost the role Submit incidents gets nothing more, and
the row is marked skipped. Status and reply emails go to the followers too (R-MAIL-5), one
row per (event, contact), so an owner who also follows gets one; who still follows is
decided at send time as well. Every one respects the recipient's choices and carries an
unsubscribe link (R-MAIL-6, ``notifications.deliver``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from accounts.permissions import Capability, can
from contacts.models import Contact
from core.mail import portal_url, templated_email
from core.outbox import enqueue, enqueue_many, outbox_handler

from . import notifications, queries
from .replies import reply_headers
from .models import Incident, Message, NotificationKind, OwnerChange, Status, StatusChange
from .waiting import auto_resolve_at, reopen_period
from .calendar import SupportCalendar

_WITH_OWNER = ("incident__owner__user", "incident__owner__organisation")


def _email(template: str, *, incident: Incident, recipient: Contact,
           unsubscribe: str | None = None, **context) -> EmailMessage:
    return templated_email(template, to=recipient.user.email, language=recipient.language,
                           headers=reply_headers(incident_id=incident.pk,
                                                 incident_number=incident.number,
                                                 contact_id=recipient.pk),
                           context={"incident": incident, "contact": recipient,
                                    "link": portal_url(reverse("incident_detail",
                                                               args=[incident.number])),
                                    **context}, unsubscribe=unsubscribe)


def _deliver(template: str, *, kind: str, incident: Incident, recipient: Contact,
             **context) -> list[EmailMessage] | None:
    """The email as the recipient chose to get it (R-MAIL-6): single, in the digest, or not."""
    return notifications.deliver(
        recipient=recipient, incident=incident, kind=kind,
        build=lambda unsubscribe: _email(template, incident=incident, recipient=recipient,
                                         unsubscribe=unsubscribe, **context))


def _recipient(contact_id: int) -> Contact | None:
    return Contact.objects.select_related("user", "organisation").filter(pk=contact_id).first()


def _owner(contact_id: int, incident: Incident) -> Contact | None:
    """The recipient while they own the incident and can still act on it (R-INC-13)."""
    recipient = _recipient(contact_id)
    if recipient is None or not queries.is_acting_owner(recipient, incident):
        return None
    return recipient


def _reader(contact_id: int, incident: Incident) -> tuple[Contact, bool] | None:
    """The recipient and whether they get it as a follower: the owner while they can act
    on it (R-INC-13), else a follower while they follow it (R-MAIL-5); None for anyone else."""
    recipient = _recipient(contact_id)
    if recipient is None:
        return None
    if queries.is_acting_owner(recipient, incident):
        return recipient, False
    if queries.is_follower(recipient, incident):
        return recipient, True
    return None


@outbox_handler
def status_email(*, change: int, to: int, reply: int | None = None) -> list[EmailMessage] | None:
    """The status of the incident changed (or it was received); with ``reply``, support's
    public reply of the same save is in it too (one email per save, issue 14)."""
    status_change = StatusChange.objects.select_related(*_WITH_OWNER).get(pk=change)
    reader = _reader(to, status_change.incident)
    if reader is None:
        return []
    recipient, following = reader
    resolved = status_change.to_status == Status.RESOLVED
    message = (Message.public.filter(pk=reply, incident_id=status_change.incident_id).first()
               if reply is not None else None)
    # A save that also replied reaches whoever wants either kind: the reply is in it.
    kind = NotificationKind.STATUS
    if message is not None and not notifications.wants(recipient, kind):
        kind = NotificationKind.REPLY
    return _deliver("incidents/email/status", kind=kind,
                    incident=status_change.incident, recipient=recipient,
                    change=status_change, following=following, message=message,
                    auto_resolve_days=settings.INCIDENT_WAITING_AUTO_RESOLVE_WORKING_DAYS,
                    reopen_until=status_change.at + reopen_period() if resolved else None)


@outbox_handler
def reply_email(*, message: int, to: int) -> list[EmailMessage] | None:
    """Support replied in public (internal notes are never queued, R-INC-8)."""
    reply = Message.public.select_related(*_WITH_OWNER).get(pk=message)
    reader = _reader(to, reply.incident)
    if reader is None:
        return []
    recipient, following = reader
    return _deliver("incidents/email/reply", kind=NotificationKind.REPLY,
                    incident=reply.incident, recipient=recipient, message=reply,
                    following=following)


@outbox_handler
def new_incident_email(*, incident: int, to: int) -> list[EmailMessage] | None:
    """A colleague submitted an incident (R-MAIL-6): for administrators and viewers who
    still see all of the organisation's incidents and want to hear of new ones."""
    new = (Incident.objects.select_related("organisation", "reporter__user")
           .filter(pk=incident).first())
    recipient = _recipient(to)
    if (new is None or recipient is None or recipient.organisation_id != new.organisation_id
            or not queries.is_active_contact(recipient)
            or not can(recipient, Capability.VIEW_ALL_INCIDENTS)):
        return []
    return _deliver("incidents/email/new_incident", kind=NotificationKind.NEW_INCIDENT,
                    incident=new, recipient=recipient)


@outbox_handler
def hand_over_email(*, change: int, to: int) -> list[EmailMessage] | None:
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
    return _deliver(template, kind=NotificationKind.STATUS, incident=incident,
                    recipient=recipient, change=owner_change)


@outbox_handler
def waiting_reminder_email(*, incident: int, to: int,
                           since: str) -> list[EmailMessage] | None:
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
    return _deliver("incidents/email/waiting_reminder", kind=NotificationKind.STATUS,
                    incident=current, recipient=recipient,
                    resolve_at=auto_resolve_at(current, SupportCalendar()))


@outbox_handler
def busy_notice_email(*, message: int, to: int) -> list[EmailMessage] | None:
    """R-INC-17: Support is exceptionally busy and the P4 incident's target may not be met;
    the email carries the portal's message on the incident, in the owner's language."""
    notice_message = (Message.public.select_related(*_WITH_OWNER, "busy_notice")
                      .get(pk=message))
    recipient = _owner(to, notice_message.incident)
    if recipient is None:
        return []
    return _deliver("incidents/email/busy_notice", kind=NotificationKind.STATUS,
                    incident=notice_message.incident, recipient=recipient,
                    message=notice_message, notice=notice_message.busy_notice)


def queue_busy_notice_email(message: Message) -> None:
    """After commit, the owner reads the portal's busyness message by email (R-INC-17); the
    key names the message, itself one per incident and notice."""
    to = message.incident.owner_id
    enqueue(busy_notice_email, key=f"incident-busy-{message.pk}-{to}", message=message.pk,
            to=to)


def _readers(incident: Incident) -> list[int]:
    """The owner and the followers, each contact once (R-INC-7, R-MAIL-5)."""
    return list(dict.fromkeys([incident.owner_id, *queries.follower_ids(incident)]))


def queue_status_email(change: StatusChange, *, reply: Message | None = None) -> None:
    """After commit, tell the owner and the followers about a status change (R-INC-7,
    R-MAIL-5): one row per contact, with support's public ``reply`` of the same save in the
    same email (issue 14)."""
    extra = {} if reply is None else {"reply": reply.pk}
    for to in _readers(change.incident):
        enqueue(status_email, key=f"incident-status-{change.pk}-{to}", change=change.pk, to=to,
                **extra)


def queue_reply_email(message: Message) -> None:
    """After commit, send the owner and the followers support's public reply (R-INC-7,
    R-MAIL-5): one row per contact."""
    for to in _readers(message.incident):
        enqueue(reply_email, key=f"incident-reply-{message.pk}-{to}", message=message.pk,
                to=to)


def queue_new_incident_emails(incident: Incident) -> None:
    """After commit, tell the organisation's administrators and viewers other than the
    reporter that an incident was submitted (R-MAIL-6); each is checked again when sent."""
    enqueue_many(new_incident_email, [
        (f"incident-new-{incident.pk}-{to}", {"incident": incident.pk, "to": to})
        for to in queries.new_incident_recipients(incident)])


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
