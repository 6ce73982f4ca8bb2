"""The portal's answers to email it received (R-MAIL-1 … 4): a refusal, the confirmation of
an incident opened by email, and the note that files were left off. They go through the
outbox like every incident email (``core.outbox``: queued in the transaction that received
the email, sent once), answer the email they are about (In-Reply-To) and say they are
automatic (``Auto-Submitted: auto-replied``, RFC 3834), so a well-behaved auto-responder does
not answer them and a loop cannot start from our side.

In the recipient's language when the portal knows them (a contact), else in Dutch and
English both."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.urls import reverse

from contacts.models import Contact, Organisation
from contacts.queries import administrators_of
from core.mail import portal_url, templated_email
from core.outbox import enqueue, outbox_handler

from .models import InboundEmail, Incident
from .replies import reply_headers

BOTH_LANGUAGES = ("nl", "en")


def _answer(template: str, record: InboundEmail, *, languages: tuple[str, ...],
            context: dict, reply_to: dict[str, str] | None = None) -> EmailMessage:
    """One text email to the sender of ``record`` in each of ``languages`` (one after the
    other), answering it."""
    parts = [templated_email(template, to=record.sender, language=language, context=context)
             for language in languages]
    headers = {"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All",
               "In-Reply-To": record.message_id_header,
               "References": record.message_id_header}
    if reply_to:  # the incident's thread and the contact's own reply address
        headers["References"] = f"{reply_to['References']} {record.message_id_header}"
        if "Reply-To" in reply_to:
            headers["Reply-To"] = reply_to["Reply-To"]
    return EmailMessage(subject=" / ".join(dict.fromkeys(str(part.subject) for part in parts)),
                        body="\n\n----------\n\n".join(str(part.body) for part in parts),
                        to=[record.sender], headers=headers)


def _languages(contact: Contact | None) -> tuple[str, ...]:
    return (contact.language,) if contact is not None else BOTH_LANGUAGES


def _contact(pk: int | None) -> Contact | None:
    if pk is None:
        return None
    return Contact.objects.select_related("user", "organisation").filter(pk=pk).first()


def _link(incident: Incident | None) -> str:
    if incident is None:
        return portal_url(reverse("incidents"))
    return portal_url(reverse("incident_detail", args=[incident.number]))


@outbox_handler
def refusal_email(*, inbound: int, contact: int | None,
                  organisations: list[int]) -> list[EmailMessage]:
    """R-MAIL-2/3: the email was not posted; why, and where to go instead."""
    record = InboundEmail.objects.select_related("incident").get(pk=inbound)
    recipient = _contact(contact)
    # Who can submit in each of the sender's organisations (R-MAIL-3): the administrators.
    found = Organisation.objects.filter(pk__in=organisations).order_by("name")
    named = [(organisation, [admin.user.get_full_name() or admin.user.email
                             for admin in administrators_of(organisation)])
             for organisation in found]
    return [_answer("incidents/email/inbound_refused", record,
                    languages=_languages(recipient),
                    context={"record": record, "reason": record.reason,
                             "incident": record.incident, "contact": recipient,
                             "organisations": named, "link": _link(record.incident),
                             "new_link": portal_url(reverse("incident_new"))})]


@outbox_handler
def confirmation_email(*, inbound: int, incident: int, contact: int) -> list[EmailMessage]:
    """R-MAIL-3: the incident opened by email, with its number."""
    record = InboundEmail.objects.get(pk=inbound)
    opened = Incident.objects.get(pk=incident)
    recipient = _contact(contact)
    if recipient is None:
        return []
    return [_answer("incidents/email/inbound_confirmed", record,
                    languages=_languages(recipient),
                    context={"incident": opened, "contact": recipient, "link": _link(opened)},
                    reply_to=reply_headers(incident_id=opened.pk,
                                           incident_number=opened.number,
                                           contact_id=recipient.pk))]


@outbox_handler
def files_refused_email(*, inbound: int, contact: int,
                        files: list[list[str]]) -> list[EmailMessage]:
    """R-MAIL-1: the text was posted, these files were not (too large, wrong type …)."""
    record = InboundEmail.objects.select_related("incident").get(pk=inbound)
    recipient = _contact(contact)
    if recipient is None:
        return []
    return [_answer("incidents/email/inbound_files_refused", record,
                    languages=_languages(recipient),
                    context={"incident": record.incident, "contact": recipient,
                             "files": files, "link": _link(record.incident)})]


def queue_refusal(record: InboundEmail, *, contact: Contact | None,
                  organisations: list[int]) -> None:
    """After commit, one refusal for the received email (its row's key: once)."""
    enqueue(refusal_email, key=f"inbound-refused-{record.pk}", inbound=record.pk,
            contact=contact.pk if contact is not None else None, organisations=organisations)


def queue_confirmation(record: InboundEmail, *, incident: Incident, contact: Contact) -> None:
    """After commit, confirm the incident opened by the email."""
    enqueue(confirmation_email, key=f"inbound-confirmed-{record.pk}", inbound=record.pk,
            incident=incident.pk, contact=contact.pk)


def queue_files_refused(record: InboundEmail, *, contact: Contact,
                        files: list[tuple[str, str]]) -> None:
    """After commit, tell the sender which files were left off and why."""
    enqueue(files_refused_email, key=f"inbound-files-{record.pk}", inbound=record.pk,
            contact=contact.pk, files=[list(item) for item in files])
