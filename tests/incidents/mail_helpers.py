"""Emails as a mail client would send them to the support mailbox (R-MAIL tests)."""

from __future__ import annotations

import itertools
from email.message import EmailMessage

from incidents.models import Incident
from incidents.replies import reply_address

SUPPORT = "support@portal.example"
_ids = itertools.count(1)


def raw_email(*, sender: str, to: str = SUPPORT, subject: str = "Re: Incident",
              body: str | None = "Hier is mijn antwoord.", html: str | None = None,
              headers: dict[str, str] | None = None,
              files: tuple[tuple[str, bytes, str], ...] = (),
              message_id: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id or f"<test-{next(_ids)}@client.example>"
    for name, value in (headers or {}).items():
        message[name] = value
    if body is not None:
        message.set_content(body)
        if html is not None:
            message.add_alternative(html, subtype="html")
    elif html is not None:
        message.set_content(html, subtype="html")
    for name, content, content_type in files:
        maintype, subtype = content_type.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def reply_to(incident: Incident, contact_id: int | None = None) -> str:
    address = reply_address(incident_id=incident.pk,
                            contact_id=contact_id or incident.owner_id)
    assert address is not None
    return address
