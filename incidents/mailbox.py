"""The support mailbox poller (R-MAIL-1): fetch the unread messages of the IMAP folder in
``INCIDENT_MAILBOX_URL`` and hand each to ``inbound.receive_email``. Celery beat runs it every
minute (``tasks.poll_support_mailbox``); with the setting empty it does nothing.

- **One poller at a time.** A PostgreSQL session advisory lock (released by the server when
  the worker's connection dies, so a killed worker never leaves it held); on another database
  (SQLite in development: one process) a cache lock. A second poller that finds it taken
  returns at once.
- **Nothing lost.** A message is read with ``BODY.PEEK[]`` (which leaves it unread) and
  marked ``\\Seen`` only after ``receive_email`` committed. A connection lost in between leaves
  it unread; the next poll fetches it again and ``receive_email`` finds its row (unique on
  Message-ID) and does nothing twice.
- **One bad message blocks nothing.** A message whose handling fails (a bug, a database
  error) is logged and left unread for the next poll; the messages after it go on. An IMAP
  error ends the poll.
- **TLS by default.** ``imaps://`` (the system's certificate store, host name checked);
  ``imap://`` without TLS is accepted only for a server on loopback (tests, a local relay).
"""

from __future__ import annotations

import contextlib
import logging
import ssl
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from imap_tools import AND, BaseMailBox, MailBox, MailBoxUnencrypted, MailMessageFlags

from .inbound import receive_email

logger = logging.getLogger(__name__)

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
LOCK_KEY = zlib.crc32(b"incidents.mailbox.poll")  # the advisory lock's number
CACHE_LOCK = "incidents.mailbox.poll"
CACHE_LOCK_SECONDS = 15 * 60
TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class MailboxAddress:
    secure: bool
    host: str
    port: int
    user: str
    password: str
    folder: str


def parse_mailbox_url(url: str) -> MailboxAddress:
    """``imaps://user:password@host[:port][/folder]`` (user and password URL-encoded; the
    folder is INBOX when left out); ``imap://`` only on loopback."""
    parts = urlsplit(url)
    if parts.scheme not in ("imaps", "imap") or not parts.hostname or not parts.username:
        raise ImproperlyConfigured("INCIDENT_MAILBOX_URL must be "
                                   "imaps://user:password@host[:port][/folder]")
    secure = parts.scheme == "imaps"
    if not secure and parts.hostname not in LOOPBACK:
        raise ImproperlyConfigured("INCIDENT_MAILBOX_URL: imap:// without TLS only on loopback")
    return MailboxAddress(secure=secure, host=parts.hostname, port=parts.port or
                          (993 if secure else 143), user=unquote(parts.username),
                          password=unquote(parts.password or ""),
                          folder=unquote(parts.path.lstrip("/")) or "INBOX")


def is_configured() -> bool:
    """Whether the poller is on (the admin tells staff when it is off)."""
    return bool(settings.INCIDENT_MAILBOX_URL)


def connect(address: MailboxAddress) -> BaseMailBox:
    """Logged in, with the folder selected."""
    mailbox: BaseMailBox
    if address.secure:
        mailbox = MailBox(address.host, address.port, timeout=TIMEOUT_SECONDS,
                          ssl_context=ssl.create_default_context())
    else:
        mailbox = MailBoxUnencrypted(address.host, address.port, timeout=TIMEOUT_SECONDS)
    return mailbox.login(address.user, address.password, initial_folder=address.folder)


@contextlib.contextmanager
def poller_lock() -> Iterator[bool]:
    """True when this process is the one poller now (see the module)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            acquired = bool(cursor.fetchone()[0])
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        return
    acquired = cache.add(CACHE_LOCK, 1, CACHE_LOCK_SECONDS)
    try:
        yield acquired
    finally:
        if acquired:
            cache.delete(CACHE_LOCK)


def _fetch_raw(mailbox: BaseMailBox, uid: str) -> bytes | None:
    """The message's bytes as stored, without marking it read; None when it is gone."""
    status, data = mailbox.client.uid("FETCH", uid, "(BODY.PEEK[])")
    if status != "OK":
        return None
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            return item[1]
    return None


@dataclass(frozen=True)
class PollResult:
    polled: bool  # False: off (no mailbox) or another poller holds the lock
    received: int = 0


def poll_mailbox(*, url: str | None = None, limit: int | None = None) -> PollResult:
    """Fetch and act on up to ``limit`` (``INCIDENT_MAILBOX_BATCH``) unread messages."""
    url = settings.INCIDENT_MAILBOX_URL if url is None else url
    if not url:
        return PollResult(polled=False)
    address = parse_mailbox_url(url)
    limit = limit or settings.INCIDENT_MAILBOX_BATCH
    with poller_lock() as acquired:
        if not acquired:
            logger.info("Another poller has the support mailbox; skipping this poll.")
            return PollResult(polled=False)
        received = 0
        with connect(address) as mailbox:
            for uid in mailbox.uids(AND(seen=False))[:limit]:
                raw = _fetch_raw(mailbox, uid)
                if raw is None:
                    continue
                try:
                    receive_email(raw)  # committed when it returns
                except Exception:  # this message only: it stays unread and comes again
                    logger.exception("Receiving message %s of the support mailbox failed; "
                                     "it stays unread.", uid)
                    continue
                mailbox.flag(uid, MailMessageFlags.SEEN, True)
                received += 1
        return PollResult(polled=True, received=received)
