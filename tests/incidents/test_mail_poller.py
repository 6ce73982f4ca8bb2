"""The support mailbox poller against a real IMAP server (Dovecot on loopback,
tests/mail_imap.py): replies fetched become messages, nothing is lost or doubled when the
connection drops, one poller at a time, and two robots answering each other run out
(R-MAIL-1, R-MAIL-4)."""

from __future__ import annotations

import email
import socket
from email.message import Message as EmailMessageType

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings

from incidents import actions, mailbox
from incidents.models import InboundEmail, InboundOutcome, Message, MessageKind, Status
from tests.incidents.factories import make_incident
from tests.incidents.mail_helpers import SUPPORT, raw_email, reply_to
from tests.mail_imap import dovecot

pytestmark = [pytest.mark.django_db, pytest.mark.imap]


@pytest.fixture
def imap():
    with dovecot() as server, override_settings(INCIDENT_REPLY_ADDRESS=SUPPORT,
                                                INCIDENT_MAILBOX_URL=server.url,
                                                INCIDENT_MAILBOX_REFUSALS_PER_HOUR=3):
        yield server


@pytest.fixture
def incident(cast, staff, imap, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        opened = make_incident(cast.submitter)
        actions.change_status(incident=opened, status=Status.IN_PROGRESS, actor=staff)
    mail.outbox.clear()
    return opened


def poll(capture, **kwargs) -> mailbox.PollResult:
    with capture(execute=True):
        return mailbox.poll_mailbox(**kwargs)


def replies(incident) -> list[str]:
    return list(Message.objects.filter(incident=incident, kind=MessageKind.CUSTOMER)
                .values_list("body", flat=True))


def test_a_reply_in_the_mailbox_becomes_a_message_and_is_marked_read__R_MAIL_1(
        imap, incident, django_capture_on_commit_callbacks):
    imap.deliver(raw_email(sender="submitter@test.example", to=reply_to(incident),
                           body="Via de mail.\n\nOn Mon, Dec 1, 2026 at 10:00 Support "
                                "<support@portal.example> wrote:\n> Vraag\n"))
    assert imap.unread() == 1
    result = poll(django_capture_on_commit_callbacks)
    assert result == mailbox.PollResult(polled=True, received=1)
    assert replies(incident) == ["Via de mail."]
    assert imap.unread() == 0
    assert poll(django_capture_on_commit_callbacks).received == 0


def test_the_same_message_fetched_twice_posts_once__R_MAIL_1(
        imap, incident, django_capture_on_commit_callbacks):
    raw = raw_email(sender="submitter@test.example", to=reply_to(incident),
                    message_id="<twice@client.example>")
    imap.deliver(raw, raw)  # delivered twice (a retrying relay): two copies in the mailbox
    assert poll(django_capture_on_commit_callbacks).received == 2
    assert len(replies(incident)) == 1
    imap.deliver(raw)  # and once more later
    poll(django_capture_on_commit_callbacks)
    assert len(replies(incident)) == 1 and InboundEmail.objects.count() == 1
    assert imap.unread() == 0


@pytest.mark.parametrize("when", ["before-commit", "after-commit", "server-crash"])
def test_a_connection_lost_mid_fetch_loses_nothing__R_MAIL_1(
        imap, incident, django_capture_on_commit_callbacks, monkeypatch, when):
    """The connection drops while the second of three messages is handled: before its
    transaction commits (it is not received) or after (it is, but not marked read), or the
    IMAP server itself dies then (and starts again later). The next poll takes up what is
    left; each reply is posted exactly once."""
    imap.deliver(*(raw_email(sender="submitter@test.example", to=reply_to(incident),
                             body=f"Antwoord {number}") for number in (1, 2, 3)))
    real_receive, real_connect = mailbox.receive_email, mailbox.connect
    sockets: list = []
    calls: list[bytes] = []

    def recording_connect(address):
        box = real_connect(address)
        sockets.append(box.client.sock)
        return box

    def dropping_receive(raw: bytes):
        calls.append(raw)
        if len(calls) != 2:
            return real_receive(raw)
        if when == "server-crash":
            imap.crash()
            return real_receive(raw)
        record = real_receive(raw) if when == "after-commit" else None
        for sock in sockets:
            sock.shutdown(socket.SHUT_RDWR)
        if record is None:
            raise ConnectionResetError("the connection dropped")
        return record

    monkeypatch.setattr(mailbox, "receive_email", dropping_receive)
    monkeypatch.setattr(mailbox, "connect", recording_connect)
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever imaplib makes of it
        poll(django_capture_on_commit_callbacks)
    assert replies(incident) == (["Antwoord 1"] if when == "before-commit"
                                 else ["Antwoord 1", "Antwoord 2"])
    if when == "server-crash":
        imap.start()
    assert imap.unread() == 2  # the second and the third are still unread
    monkeypatch.setattr(mailbox, "receive_email", real_receive)
    poll(django_capture_on_commit_callbacks)
    assert replies(incident) == ["Antwoord 1", "Antwoord 2", "Antwoord 3"]
    assert imap.unread() == 0


def test_a_message_that_fails_blocks_nothing_and_comes_again__R_MAIL_1(
        imap, incident, django_capture_on_commit_callbacks, monkeypatch):
    imap.deliver(*(raw_email(sender="submitter@test.example", to=reply_to(incident),
                             body=f"Antwoord {number}") for number in (1, 2, 3)))
    real_receive = mailbox.receive_email

    def failing_on_the_first(raw: bytes):
        if b"Antwoord 1" in raw:
            raise RuntimeError("a bug")
        return real_receive(raw)

    monkeypatch.setattr(mailbox, "receive_email", failing_on_the_first)
    assert poll(django_capture_on_commit_callbacks).received == 2
    assert replies(incident) == ["Antwoord 2", "Antwoord 3"] and imap.unread() == 1
    monkeypatch.setattr(mailbox, "receive_email", real_receive)
    assert poll(django_capture_on_commit_callbacks).received == 1
    assert sorted(replies(incident)) == ["Antwoord 1", "Antwoord 2", "Antwoord 3"]


def test_one_poller_at_a_time__R_MAIL_1(imap, incident, django_capture_on_commit_callbacks):
    imap.deliver(raw_email(sender="submitter@test.example", to=reply_to(incident)))
    with mailbox.poller_lock() as first:
        assert first
        if connection.vendor == "postgresql":  # the lock is the server's: ask another session
            from django.db import connections

            other = connections.create_connection("default")
            try:
                with other.cursor() as cursor:
                    cursor.execute("SELECT pg_try_advisory_lock(%s)", [mailbox.LOCK_KEY])
                    assert cursor.fetchone()[0] is False
            finally:
                other.close()
        else:
            with mailbox.poller_lock() as second:
                assert not second
    assert poll(django_capture_on_commit_callbacks).received == 1


def test_without_a_mailbox_the_poller_is_off__R_MAIL_1(django_capture_on_commit_callbacks):
    with override_settings(INCIDENT_MAILBOX_URL=""):
        assert not mailbox.is_configured()
        assert poll(django_capture_on_commit_callbacks) == mailbox.PollResult(polled=False)


def test_imap_without_tls_is_only_for_loopback__R_MAIL_1():
    from django.core.exceptions import ImproperlyConfigured

    assert mailbox.parse_mailbox_url("imaps://u%40x:p%2Fw@imap.example/Support").password \
        == "p/w"
    with pytest.raises(ImproperlyConfigured):
        mailbox.parse_mailbox_url("imap://u:p@imap.example/INBOX")
    assert not mailbox.parse_mailbox_url("imap://u:p@127.0.0.1:1143").secure


def _as_received(sent) -> bytes:
    """What our email (django.core.mail) looks like when it arrives at its recipient."""
    return sent.message().as_bytes()


def _robot_answer(robot: str, incoming: EmailMessageType, *, polite: bool) -> bytes | None:
    """An out-of-office robot: the polite one (RFC 3834) marks its answer automatic and never
    answers automatic mail; the rude one answers everything and marks nothing."""
    if polite and incoming.get("Auto-Submitted", "no") != "no":
        return None
    headers = {"Auto-Submitted": "auto-replied"} if polite else {}
    subject = " ".join(str(incoming["Subject"]).split())  # unfolded, as a mail client reads it
    return raw_email(sender=robot, to=SUPPORT, subject=f"Out of office: {subject}",
                     body="I am out of the office until Monday.", headers=headers)


@pytest.mark.parametrize("polite, refusals", [(False, 3), (True, 1)])
def test_a_loop_of_two_auto_responders_stops__R_MAIL_4(
        imap, cast, django_capture_on_commit_callbacks, polite, refusals):
    """Our refusals answer the robot; the robot answers them, and so on through the real
    mailbox. The rude robot gets the hourly maximum of refusals and then silence; the polite
    one is never answered at all. Either way the loop ends and nothing is posted."""
    robot = "robot@elsewhere.example"
    imap.deliver(_robot_answer(robot, email.message_from_string("Subject: Hallo\n\n"),
                               polite=False))  # the first mail of a robot that starts it
    for _round in range(10):
        poll(django_capture_on_commit_callbacks)
        answers = list(mail.outbox)
        mail.outbox.clear()
        for sent in answers:
            received = email.message_from_bytes(_as_received(sent))
            answer = _robot_answer(robot, received, polite=polite)
            if answer is not None:
                imap.deliver(answer)
        if not answers:
            break
    else:
        pytest.fail("the loop did not stop")
    answered = InboundEmail.objects.filter(outcome=InboundOutcome.REFUSED, answered=True)
    assert answered.count() == refusals
    assert not Message.objects.filter(kind=MessageKind.CUSTOMER).exists()
    assert imap.unread() == 0
