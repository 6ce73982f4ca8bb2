"""Reply addresses and threads of incident emails (R-MAIL-1).

Every incident email carries a Reply-To unique to (incident, recipient contact):
``support+<token>@domain`` after ``INCIDENT_REPLY_ADDRESS``. The token is
``<incident>-<contact>-<day>-<hmac>`` in lower case only: a mail system may change the case of
a local part, and the whole address must stay within the 64 characters a local part may have.
The day (since the epoch, base 36) is when it was issued; it works for
``INCIDENT_REPLY_TOKEN_DAYS``. The HMAC (``salted_hmac`` on SECRET_KEY, 80 bits, base 32)
makes it unforgeable.

Every email of an incident also points at one thread root, ``<incident-<number>@domain>``
(``In-Reply-To`` and ``References``), so mail clients show them as one conversation; the
outbox gives each email its own Message-ID (``core.outbox``).

With ``INCIDENT_REPLY_ADDRESS`` empty (``make run``) there is no Reply-To: nobody would read
the replies. The thread headers stay.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass
from email.utils import getaddresses

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "incidents.replies.reply-address"
_TOKEN = re.compile(r"^(\d+)-(\d+)-([0-9a-z]+)-([a-z2-7]{16})$")
_EPOCH = dt.date(1970, 1, 1)
THREAD_DOMAIN = "incidents.klantportal"


@dataclass(frozen=True)
class ReplyToken:
    """What a reply address says: for which incident and contact, and whether it still
    works (a valid signature, not expired)."""

    incident_id: int
    contact_id: int
    issued_on: dt.date
    expired: bool


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def _signature(value: str) -> str:
    digest = salted_hmac(_SALT, value, algorithm="sha256").digest()
    return base64.b32encode(digest[:10]).decode().lower()


def make_token(*, incident_id: int, contact_id: int, today: dt.date | None = None) -> str:
    """The token of a reply address for the contact on the incident, issued today."""
    day = ((today or timezone.localdate()) - _EPOCH).days
    value = f"{incident_id}-{contact_id}-{_base36(day)}"
    return f"{value}-{_signature(value)}"


def read_token(token: str, *, today: dt.date | None = None) -> ReplyToken | None:
    """The incident and contact of a token, or None when it is not one of ours (forged,
    mangled); ``expired`` says whether its days are over."""
    match = _TOKEN.match(token.lower())
    if match is None:
        return None
    incident_id, contact_id, day, signature = match.groups()
    if not constant_time_compare(signature, _signature(f"{incident_id}-{contact_id}-{day}")):
        return None
    issued_on = _EPOCH + dt.timedelta(days=int(day, 36))
    age = (today or timezone.localdate()) - issued_on
    return ReplyToken(incident_id=int(incident_id), contact_id=int(contact_id),
                      issued_on=issued_on,
                      expired=age > dt.timedelta(days=settings.INCIDENT_REPLY_TOKEN_DAYS))


def support_address() -> tuple[str, str] | None:
    """(local part, domain) of ``INCIDENT_REPLY_ADDRESS``, or None when it is not set."""
    address = settings.INCIDENT_REPLY_ADDRESS
    if not address:
        return None
    local, _at, domain = address.rpartition("@")
    return local, domain.lower()


def reply_address(*, incident_id: int, contact_id: int) -> str | None:
    """``support+<token>@domain`` for this incident and contact, or None without a support
    address."""
    support = support_address()
    if support is None:
        return None
    local, domain = support
    return f"{local}+{make_token(incident_id=incident_id, contact_id=contact_id)}@{domain}"


def thread_root(incident_number: str) -> str:
    """The Message-ID every email of the incident refers to, so clients thread them."""
    support = support_address()
    return f"<incident-{incident_number}@{support[1] if support else THREAD_DOMAIN}>"


def reply_headers(*, incident_id: int, incident_number: str,
                  contact_id: int) -> dict[str, str]:
    """The headers of an incident email to the contact: its thread, and its reply address
    when there is a support address."""
    root = thread_root(incident_number)
    headers = {"In-Reply-To": root, "References": root}
    address = reply_address(incident_id=incident_id, contact_id=contact_id)
    if address is not None:
        headers["Reply-To"] = address
    return headers


def tokens_in(addresses: list[str]) -> list[str]:
    """The tokens of the reply addresses among ``addresses`` (To, Cc, Delivered-To …): the
    local part of the support address plus ``+token`` at its domain."""
    support = support_address()
    if support is None:
        return []
    local, domain = support
    tokens = []
    for _name, address in getaddresses(addresses):
        mailbox, _at, address_domain = address.rpartition("@")
        base, plus, token = mailbox.partition("+")
        if (plus and token and base.lower() == local.lower()
                and address_domain.lower() == domain):
            tokens.append(token)
    return tokens


def is_support_address(addresses: list[str]) -> bool:
    """Whether the plain support address (no token) is among ``addresses``."""
    support = support_address()
    if support is None:
        return False
    wanted = f"{support[0]}@{support[1]}".lower()
    return any(address.lower() == wanted for _name, address in getaddresses(addresses))
