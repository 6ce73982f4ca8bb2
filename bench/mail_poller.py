"""Benchmark of the support mailbox poller (R-MAIL-1): BENCH_MESSAGES (1,000) emails in a real
Dovecot (tests/mail_imap.py, on loopback), fetched by one ``poll_mailbox`` into incidents.

    make bench                      # or: .venv/bin/python bench/mail_poller.py
    BENCH_QUICK=1 .venv/bin/python bench/mail_poller.py      # 100 messages, seconds

Drops and re-creates the PostgreSQL database named in DATABASE_URL (default
klantportal_bench_mail) and stores the originals in a temporary MEDIA_ROOT. The mix, as a
support mailbox sees it: 80% replies by email to 100 incidents (quoted text to strip, one in
ten with a small PDF), 10% new incidents from a submitter, 5% auto-replies (dropped), 5% from
strangers (refused, at most the hourly maximum answered); then one 30 MB email. The mail is
delivered first (IMAP APPEND, not timed); then one poll is timed: messages per second
through fetch, parse, checks, the database transaction and \\Seen. Prints the rate, the
outcomes and the process's peak memory (``resource.getrusage``: the worker's share is the
growth during the polls); it asserts nothing. The emails the portal answers are only queued
(outbox rows), as in production.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import recreate_database  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
MESSAGES = int(os.environ.get("BENCH_MESSAGES", 100 if QUICK else 1000))
INCIDENTS = 100
SUPPORT = "support@portal.example"
QUOTED = ("\n\nOp ma 1 dec 2026 om 10:00 schreef AFAS Support <support@portal.example>:\n"
          + "> Beste klant,\n> Kun je de foutmelding sturen?\n" * 5)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def large_email(size: int) -> bytes:
    """A reply-less email to the support address with a ``size`` bytes PDF, base64 in lines
    of 76 as a mail client writes it."""
    import base64

    encoded = base64.encodebytes(b"%PDF-1.4\n" + b"0" * size)
    return (b"From: bench@bench.example\r\nTo: " + SUPPORT.encode() + b"\r\n"
            b"Subject: Groot\r\nMessage-ID: <large@bench.example>\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
            b"Content-Type: text/plain; charset=utf-8\r\n\r\nZie de bijlage.\r\n--b\r\n"
            b'Content-Type: application/pdf\r\nContent-Disposition: attachment; '
            b'filename="dump.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
            + encoded.replace(b"\n", b"\r\n") + b"--b--\r\n")


def mailbox_content(count: int) -> list[bytes]:
    """The emails, in the mix of the module's docstring."""
    from accounts.roles import Role
    from contacts.models import SubmissionProfile
    from incidents.actions import submit_incident
    from incidents.replies import reply_address
    from tests.conftest import ESTABLISHED
    from tests.factories import make_contact, make_organisation
    from tests.incidents.mail_helpers import raw_email

    organisation = make_organisation("Bench BV")
    submitter = make_contact(organisation, Role.SUBMIT_INCIDENTS, email="bench@bench.example",
                             created_at=ESTABLISHED,
                             submission_profile=SubmissionProfile.FINANCE)
    incidents = [submit_incident(contact=submitter, subject=f"Bench {number}",
                                 description="Bench", incident_type="fault",
                                 product_area="finance", environment="production")
                 for number in range(INCIDENTS)]
    emails = []
    for number in range(count):
        kind = number % 20
        if kind < 16:
            incident = incidents[number % INCIDENTS]
            address = reply_address(incident_id=incident.pk, contact_id=submitter.pk)
            files = ((("log.pdf", b"%PDF-1.4 " + b"x" * 20_000, "application/pdf"),)
                     if number % 10 == 0 else ())
            emails.append(raw_email(sender="bench@bench.example", to=address or SUPPORT,
                                    body=f"Antwoord {number}." + QUOTED, files=files))
        elif kind < 18:
            emails.append(raw_email(sender="bench@bench.example", to=SUPPORT,
                                    subject=f"Nieuwe vraag {number}", body="Hoe werkt dit?"))
        elif kind == 18:
            emails.append(raw_email(sender="bench@bench.example", to=SUPPORT,
                                    headers={"Auto-Submitted": "auto-replied"},
                                    body="Ik ben afwezig."))
        else:
            emails.append(raw_email(sender=f"stranger{number}@elsewhere.example", to=SUPPORT))
    return emails


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    os.environ.setdefault("DATABASE_URL",
                          "postgres://postgres@127.0.0.1:5432/klantportal_bench_mail")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DEBUG"] = "False"
    os.environ["INCIDENT_REPLY_ADDRESS"] = SUPPORT
    media = tempfile.TemporaryDirectory(prefix="kp-bench-media-")
    os.environ["MEDIA_ROOT"] = media.name
    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command

    from core.models import OutboxItem
    from incidents.mailbox import poll_mailbox
    from incidents.models import InboundEmail
    from portal.celery import app
    from tests.mail_imap import dovecot

    call_command("migrate", verbosity=0)
    app.conf.update(task_always_eager=False, broker_url="memory://")
    emails = mailbox_content(MESSAGES)
    OutboxItem.objects.all().delete()
    with dovecot() as server:
        started = time.perf_counter()
        server.deliver(*emails)
        print(f"delivered {len(emails):,} emails ({sum(map(len, emails)) / 2**20:.1f} MiB) "
              f"by IMAP APPEND in {time.perf_counter() - started:.1f} s")
        before = peak_mib()
        started = time.perf_counter()
        result = poll_mailbox(url=server.url, limit=len(emails))
        seconds = time.perf_counter() - started
        print(f"poll: {result.received:,} emails in {seconds:.1f} s = "
              f"{result.received / seconds:.0f} emails/s; unread left: {server.unread()}")
        after_batch = peak_mib()
        # One 30 MB email (its file refused as over the web limit, its text posted), made and
        # delivered by a child process, so that this process's peak is the poller's.
        child = multiprocessing.get_context("fork").Process(
            target=lambda: server.deliver(large_email(30 * 2**20)))
        child.start()
        child.join()
        before_large = peak_mib()
        started = time.perf_counter()
        poll_mailbox(url=server.url)
        print(f"one 30 MB email: {time.perf_counter() - started:.1f} s")
    outcomes: dict[str, int] = {}
    for outcome in InboundEmail.objects.values_list("outcome", flat=True):
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    print(f"outcomes: {outcomes}; outbox rows (answers) queued: {OutboxItem.objects.count()}")
    print(f"peak memory of the process: before the poll {before:.0f} MiB, after the "
          f"{len(emails):,} emails {after_batch:.0f} MiB; before the 30 MB email "
          f"{before_large:.0f} MiB, after it {peak_mib():.0f} MiB")
    media.cleanup()


if __name__ == "__main__":
    main()
