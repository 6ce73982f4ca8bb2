"""What an email fetched from the support mailbox does (R-MAIL-1 … 4): one action,
``receive_email(raw)``, called by the poller (``incidents.mailbox``) once per message.

- Mail sent by a machine (auto-replies, bounces, list mail, null senders; ``mailtext``) is
  kept for staff and does nothing else: never posted, never answered (R-MAIL-4).
- Mail to a reply address (``support+<token>@…``, ``replies``) becomes a customer reply on
  the incident through ``actions.reply``, when it comes from the contact the address was
  issued to (same address, case-insensitively) and ``queries.may_reply_by_email`` lets them
  (R-MAIL-2). Files are checked as web uploads (``attachments.check_upload``): the ones
  refused are left off, the text is still posted, and the sender is told which and why.
- Mail to the plain support address opens an incident (type question, channel email) for
  the sender's contact who may submit (role and starter course, as on the web), confirmed
  with its number (R-MAIL-3). A person with contacts in several organisations who may submit
  in more than one is refused: the mail does not say for which organisation, and an incident
  in the wrong one is read by that organisation's administrators and viewers. When only one
  of their contacts may submit, the organisation is unambiguous and it goes there.
- Anything else gets one refusal, at most ``INCIDENT_MAILBOX_REFUSALS_PER_HOUR`` per sender
  and hour; after that the mail is kept but not answered, so two robots answering each other
  run out (R-MAIL-4).

Exactly once: the ``InboundEmail`` row (unique on Message-ID) is written in the same
transaction as the message, the incident and the queued emails (the outbox), and with the
original message (private storage). A message fetched again finds its row and does nothing;
the poller marks it read only after this commit.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.permissions import CapabilityDenied
from contacts.models import Contact
from core.uploads import clean_file_name, removing_uploads_on_error
from courses.gate import submission_gate

from . import actions, queries
from .attachments import MAX_FILES, check_upload
from .inbound_emails import queue_confirmation, queue_files_refused, queue_refusal
from .mailtext import IncomingEmail, read_email, strip_quoted
from .models import (
    Channel, Environment, InboundEmail, InboundOutcome, Incident, IncidentType, ProductArea,
)
from .replies import read_token, tokens_in
from .waiting import replies_closed

logger = logging.getLogger(__name__)

SUBJECT_MAX = 200


class Refused(Exception):
    """The email may not do what it asks; ``reason`` names the refusal email's text."""

    def __init__(self, reason: str, *, incident: Incident | None = None,
                 contact: Contact | None = None,
                 organisations: list[int] | None = None) -> None:
        super().__init__(reason)
        self.reason, self.incident, self.contact = reason, incident, contact
        self.organisations = organisations or []


@dataclass(frozen=True)
class FileRefusal:
    name: str
    why: str


def receive_email(raw: bytes, *, now: dt.datetime | None = None) -> InboundEmail:
    """Act on one raw email once (see the module); returns its row, also when it had been
    received before."""
    email = read_email(raw, max_file_bytes=settings.INCIDENT_ATTACHMENT_MAX_BYTES)
    done = InboundEmail.objects.filter(message_id_header=email.message_id).first()
    if done is not None:
        return done
    now = now or timezone.now()
    try:
        with removing_uploads_on_error(), transaction.atomic():
            return _receive(email, raw, now)
    except IntegrityError:  # received meanwhile (another poller, a retry): that one counts
        done = InboundEmail.objects.filter(message_id_header=email.message_id).first()
        if done is None:
            raise
        return done


def _record(email: IncomingEmail, raw: bytes, now: dt.datetime, outcome: str, *,
            reason: str = "", incident: Incident | None = None, **fields) -> InboundEmail:
    record = InboundEmail(message_id_header=email.message_id, sender=email.sender[:254],
                          subject=email.subject, received_at=now, outcome=outcome,
                          reason=reason, incident=incident, size=len(raw), **fields)
    record.raw.save("original.eml", ContentFile(raw), save=False)
    record.save()
    return record


def _receive(email: IncomingEmail, raw: bytes, now: dt.datetime) -> InboundEmail:
    if email.automatic is not None:
        return _record(email, raw, now, InboundOutcome.DROPPED, reason=email.automatic)
    tokens = tokens_in(email.recipients)
    try:
        if tokens:
            return _post_reply(email, raw, now, tokens[0])
        return _open_incident(email, raw, now)
    except Refused as refusal:
        return _refuse(email, raw, now, refusal)


def _acceptable_files(email: IncomingEmail) -> tuple[list[UploadedFile], list[FileRefusal]]:
    """The files as web uploads would take them (R-INC-9), at most ``MAX_FILES``; the others
    with the reason, in the words of the web form."""
    accepted: list[UploadedFile] = []
    refused: list[FileRefusal] = []
    for incoming in email.files:
        if incoming.too_large:
            refused.append(FileRefusal(clean_file_name(incoming.name), "size"))
            continue
        upload = SimpleUploadedFile(clean_file_name(incoming.name), incoming.content,
                                    incoming.content_type)
        if len(accepted) >= MAX_FILES:
            refused.append(FileRefusal(upload.name or "", "too-many"))
            continue
        try:
            check_upload(upload)
        except ValidationError as error:
            refused.append(FileRefusal(upload.name or "", error.code or "type"))
            continue
        accepted.append(upload)
    return accepted, refused


def _no_text(contact: Contact) -> str:
    with translation.override(contact.language):
        return gettext("(The email had no text.)")


def _post_reply(email: IncomingEmail, raw: bytes, now: dt.datetime,
                token_text: str) -> InboundEmail:
    token = read_token(token_text, today=timezone.localdate(now))
    if token is None:
        raise Refused("forged")
    incident = (Incident.objects.select_related("organisation", "owner__user",
                                                "owner__organisation")
                .filter(pk=token.incident_id).first())
    contact = (Contact.objects.select_related("user", "organisation")
               .filter(pk=token.contact_id).first())
    if incident is None or contact is None:
        raise Refused("forged")
    if token.expired:
        raise Refused("expired", incident=incident, contact=contact)
    if contact.user.email.lower() != email.sender:
        raise Refused("stranger", incident=incident)
    if not queries.may_reply_by_email(contact, incident, now):
        raise Refused("closed" if replies_closed(incident, now) else "may-not-reply",
                      incident=incident, contact=contact)
    files, refused_files = _acceptable_files(email)
    body = strip_quoted(email.text) or _no_text(contact)
    try:
        message = actions.reply(contact=contact, incident=incident, body=body, files=files,
                                now=now)
    except (actions.IncidentError, CapabilityDenied, Incident.DoesNotExist):
        # The incident or the contact changed since the check above: the rule decides.
        raise Refused("may-not-reply", incident=incident, contact=contact) from None
    record = _record(email, raw, now, InboundOutcome.REPLY, incident=incident,
                     message=message)
    if refused_files:
        queue_files_refused(record, contact=contact,
                            files=[(refusal.name, refusal.why) for refusal in refused_files])
    return record


def _open_incident(email: IncomingEmail, raw: bytes, now: dt.datetime) -> InboundEmail:
    contacts = [contact for contact in
                Contact.objects.select_related("user", "organisation")
                .filter(user__email__iexact=email.sender).order_by("pk")
                if queries.is_active_contact(contact)]
    if not contacts:
        raise Refused("unknown")
    may_submit = [contact for contact in contacts if submission_gate(contact).may_submit]
    if len(may_submit) > 1:
        raise Refused("several-organisations", contact=may_submit[0],
                      organisations=[contact.organisation_id for contact in may_submit])
    if not may_submit:
        raise Refused("may-not-submit", contact=contacts[0],
                      organisations=[contact.organisation_id for contact in contacts])
    contact = may_submit[0]
    files, refused_files = _acceptable_files(email)
    description = email.text.strip() or _no_text(contact)
    with translation.override(contact.language):
        subject = email.subject[:SUBJECT_MAX] or gettext("(no subject)")
    try:
        incident = actions.submit_incident(
            contact=contact, subject=subject, description=description,
            incident_type=IncidentType.QUESTION, product_area=ProductArea.OTHER,
            environment=Environment.PRODUCTION, files=files, now=now, channel=Channel.EMAIL)
    except (actions.IncidentError, CapabilityDenied):
        raise Refused("may-not-submit", contact=contact,
                      organisations=[contact.organisation_id]) from None
    record = _record(email, raw, now, InboundOutcome.NEW_INCIDENT, incident=incident,
                     answered=True)
    queue_confirmation(record, incident=incident, contact=contact)
    if refused_files:
        queue_files_refused(record, contact=contact,
                            files=[(refusal.name, refusal.why) for refusal in refused_files])
    return record


def refusals_left(sender: str, now: dt.datetime) -> bool:
    """Fewer than ``INCIDENT_MAILBOX_REFUSALS_PER_HOUR`` refusals went to the sender in the
    last hour (R-MAIL-4)."""
    sent = InboundEmail.objects.filter(
        sender=sender, outcome=InboundOutcome.REFUSED, answered=True,
        received_at__gt=now - dt.timedelta(hours=1)).count()
    return sent < settings.INCIDENT_MAILBOX_REFUSALS_PER_HOUR


def _refuse(email: IncomingEmail, raw: bytes, now: dt.datetime,
            refusal: Refused) -> InboundEmail:
    answer = refusals_left(email.sender, now)
    record = _record(email, raw, now, InboundOutcome.REFUSED, reason=refusal.reason,
                     incident=refusal.incident, answered=answer)
    if answer:
        queue_refusal(record, contact=refusal.contact, organisations=refusal.organisations)
    else:
        logger.info("Not answering %s again within the hour (R-MAIL-4).", email.sender)
    return record
