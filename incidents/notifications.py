"""Which incident emails a contact gets (R-MAIL-6): per kind (status changes, replies from
support, new incidents in the organisation) and per organisation (the choices are fields of
the contact), one by one or in one daily digest; and the signed one-click unsubscribe link
(RFC 8058) every such email carries.

The choice is read when the email is sent (``deliver``, called by the outbox handlers of
``emails``), not when it was queued: a kind switched off sends nothing more, and with the
digest chosen the email becomes a ``DigestEntry`` that the next morning's digest takes
(``queue_daily_digests``, Celery beat; one digest per contact and day, by its outbox key)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from core import unsubscribe as unsubscribe_links
from core.mail import portal_url, templated_email
from core.outbox import enqueue_many, outbox_handler

from . import queries
from .calendar import AMSTERDAM
from .models import DigestEntry, Incident, NotificationKind

# The contact's field that holds each kind's choice.
KIND_FIELDS = {NotificationKind.STATUS: "notify_status",
               NotificationKind.REPLY: "notify_replies",
               NotificationKind.NEW_INCIDENT: "notify_new_incidents"}
# The digest's own link switches off every kind: the digest is all of them.
ALL = "all"
UNSUBSCRIBE_SALT = "incidents.unsubscribe"


def wants(contact: Contact, kind: str) -> bool:
    """The contact still wants emails of this kind (R-MAIL-6)."""
    return bool(getattr(contact, KIND_FIELDS[NotificationKind(kind)]))


def unsubscribe_token(*, contact_id: int, kind: str) -> str:
    """A signed token naming the contact and the kind to switch off (``core.unsubscribe``)."""
    return unsubscribe_links.sign(salt=UNSUBSCRIBE_SALT, key="kind", contact_id=contact_id,
                                  choice=kind)


def unsubscribe_url(contact: Contact, kind: str) -> str:
    return portal_url(reverse("incident_unsubscribe", args=[
        unsubscribe_token(contact_id=contact.pk, kind=kind)]))


def read_unsubscribe_token(token: str) -> tuple[Contact, str]:
    """The contact and kind of a token; InvalidUnsubscribeLink when it was altered, names an
    unknown kind or its contact is gone."""
    contact_id, kind = unsubscribe_links.read(token, salt=UNSUBSCRIBE_SALT, key="kind",
                                              choices={ALL, *KIND_FIELDS})
    contact = (Contact.objects.select_related("user", "organisation")
               .filter(pk=contact_id, removed_at__isnull=True).first())
    if contact is None:
        raise unsubscribe_links.InvalidUnsubscribeLink
    return contact, kind


def fields_of(kind: str) -> list[str]:
    """The choices an unsubscribe link of ``kind`` switches off."""
    return list(KIND_FIELDS.values()) if kind == ALL else [KIND_FIELDS[NotificationKind(kind)]]


def is_subscribed(contact: Contact, kind: str) -> bool:
    return any(getattr(contact, field) for field in fields_of(kind))


def unsubscribe(*, contact: Contact, kind: str) -> bool:
    """Switch off the kind an email was sent for (its one-click link, no login needed).
    Returns whether anything changed."""
    fields = fields_of(kind)
    changed = Contact.objects.filter(pk=contact.pk).update(**dict.fromkeys(fields, False))
    for field in fields:
        setattr(contact, field, False)
    return bool(changed)


def choose_notifications(*, contact: Contact, user_id: int, notify_status: bool,
                         notify_replies: bool, daily_digest: bool,
                         notify_new_incidents: bool | None = None) -> None:
    """The contact's own choices on their profile (R-MAIL-6). ``notify_new_incidents`` is
    offered only to who sees all incidents; ``None`` leaves it as it is."""
    if contact.user_id != user_id:
        raise PermissionError("A contact's choices are changed only by its own user.")
    contact.notify_status, contact.notify_replies = notify_status, notify_replies
    contact.daily_digest = daily_digest
    fields = ["notify_status", "notify_replies", "daily_digest"]
    if notify_new_incidents is not None:
        contact.notify_new_incidents = notify_new_incidents
        fields.append("notify_new_incidents")
    contact.save(update_fields=fields)


def deliver(*, recipient: Contact, incident: Incident, kind: str,
            build: Callable[[str], EmailMessage]) -> list[EmailMessage] | None:
    """What an outbox handler returns for one incident email (R-MAIL-6): nothing when the
    recipient switched the kind off (the row is skipped), a digest entry when they chose the
    daily digest (``None``: done without sending), else the email ``build`` makes with the
    kind's unsubscribe link."""
    if not wants(recipient, kind):
        return []
    email = build(unsubscribe_url(recipient, kind))
    if recipient.daily_digest:
        DigestEntry.objects.create(contact=recipient, incident=incident, kind=kind,
                                   subject=email.subject[:300])
        return None
    return [email]


def digest_day(now: dt.datetime) -> dt.date:
    """The digest sent on the Amsterdam day of ``now`` takes what came before that day."""
    return now.astimezone(AMSTERDAM).date()


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=AMSTERDAM)


def queue_daily_digests(now: dt.datetime | None = None) -> int:
    """One digest row per contact with entries from before today (Celery beat, every
    morning). The key names the contact and the day, so a second run the same day queues
    nothing; entries of a later run stay for the next day. Returns the rows queued."""
    day = digest_day(now or timezone.now())
    contact_ids = (DigestEntry.objects.filter(sent_on__isnull=True,
                                              created_at__lt=_day_start(day))
                   .values_list("contact_id", flat=True).distinct().order_by("contact_id"))
    with transaction.atomic():
        return enqueue_many(digest_email, [
            (f"incident-digest-{contact_id}-{day:%Y%m%d}",
             {"contact": contact_id, "day": day.isoformat()}) for contact_id in contact_ids])


@outbox_handler
def digest_email(*, contact: int, day: str) -> Sequence[EmailMessage] | None:
    """The daily digest (R-MAIL-6): every entry of the contact from before ``day`` not sent
    yet, of the kinds they still want and incidents they still read, in one email; the
    entries are marked in the same transaction as the send."""
    on = dt.date.fromisoformat(day)
    recipient = (Contact.objects.select_related("user", "organisation").filter(pk=contact)
                 .first())
    entries = (DigestEntry.objects.select_for_update(of=("self",)).select_related("incident")
               .filter(contact_id=contact, sent_on__isnull=True,
                       created_at__lt=_day_start(on)).order_by("created_at", "pk"))
    taken = list(entries)
    if not taken:
        return []
    DigestEntry.objects.filter(pk__in=[entry.pk for entry in taken]).update(sent_on=on)
    if recipient is None or not queries.is_active_contact(recipient):
        return []
    visible = set(queries.incidents_visible_to(recipient)
                  .filter(pk__in={entry.incident_id for entry in taken})
                  .values_list("pk", flat=True))
    items: list[dict[str, Any]] = [
        {"subject": entry.subject, "at": entry.created_at,
         "link": portal_url(reverse("incident_detail", args=[entry.incident.number]))}
        for entry in taken if entry.incident_id in visible and wants(recipient, entry.kind)]
    if not items:
        return []
    return [templated_email("incidents/email/digest", to=recipient.user.email,
                            language=recipient.language,
                            context={"contact": recipient, "items": items, "day": on},
                            unsubscribe=unsubscribe_url(recipient, ALL))]
