"""What an email received by the support mailbox does (R-MAIL-1 … 4), through the one action
``incidents.inbound.receive_email``; the IMAP poller that calls it is tested against a real
Dovecot in test_mail_poller.py."""

from __future__ import annotations

import datetime as dt
from email import message_from_string

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from incidents import actions, followers
from incidents.inbound import receive_email
from incidents.models import (
    Attachment, Channel, InboundEmail, InboundOutcome, Incident, IncidentType, Message,
    MessageKind, Status,
)
from incidents.queries import may_reply_by_email
from incidents.replies import make_token, read_token, reply_address
from tests.factories import make_contact, make_organisation
from tests.incidents.factories import make_incident
from tests.incidents.mail_helpers import SUPPORT, raw_email, reply_to

pytestmark = [pytest.mark.django_db,
              pytest.mark.usefixtures("support_address")]


@pytest.fixture
def support_address():
    with override_settings(INCIDENT_REPLY_ADDRESS=SUPPORT, INCIDENT_REPLY_TOKEN_DAYS=90,
                           INCIDENT_MAILBOX_REFUSALS_PER_HOUR=3):
        yield


@pytest.fixture
def incident(cast, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        opened = make_incident(cast.submitter)
        actions.change_status(incident=opened, status=Status.IN_PROGRESS, actor=staff)
        actions.change_status(incident=opened, status=Status.WAITING, actor=staff)
    mail.outbox.clear()
    return opened


def receive(raw: bytes, capture) -> InboundEmail:
    with capture(execute=True):
        return receive_email(raw)


def customer_messages(incident: Incident) -> list[Message]:
    return list(Message.objects.filter(incident=incident, kind=MessageKind.CUSTOMER))


# R-MAIL-1: reply addresses and threads ---------------------------------------------------------

@pytest.mark.usefixtures("no_new_incident_emails")
def test_incident_emails_have_a_reply_address_and_one_thread__R_MAIL_1(
        cast, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(cast.submitter)
        actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    first, second = (email.message() for email in mail.outbox)
    root = f"<incident-{incident.number}@portal.example>"
    for message in (first, second):
        assert message["In-Reply-To"] == root and message["References"] == root
        local, _at, domain = message["Reply-To"].partition("@")
        assert local.startswith("support+") and domain == "portal.example"
        token = read_token(local.removeprefix("support+"))
        assert token is not None and not token.expired
        assert (token.incident_id, token.contact_id) == (incident.pk, cast.submitter.pk)
    assert first["Message-ID"] != second["Message-ID"]
    assert len(first["Reply-To"].partition("@")[0]) <= 64  # a local part's limit


def test_without_a_support_address_there_is_no_reply_to_but_a_thread__R_MAIL_1(
        cast, django_capture_on_commit_callbacks):
    with override_settings(INCIDENT_REPLY_ADDRESS=""), \
            django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(cast.submitter)
    message = mail.outbox[0].message()
    assert message["Reply-To"] is None
    assert message["References"] == f"<incident-{incident.number}@incidents.klantportal>"


def test_tokens_are_signed_and_expire__R_MAIL_1():
    today = dt.date(2026, 12, 1)
    token = make_token(incident_id=12, contact_id=34, today=today)
    assert token == token.lower()
    assert read_token(token, today=today + dt.timedelta(days=90)).expired is False
    assert read_token(token, today=today + dt.timedelta(days=91)).expired is True
    assert read_token(token.upper(), today=today) is not None  # a mail system may upcase it
    forged = "13" + token.removeprefix("12")
    assert read_token(forged, today=today) is None
    assert read_token(token[:-1] + ("a" if token[-1] != "a" else "b"), today=today) is None


def test_a_reply_by_email_becomes_a_customer_message__R_MAIL_1(
        cast, incident, django_capture_on_commit_callbacks):
    raw = raw_email(sender="Submitter <SUBMITTER@test.example>", to=reply_to(incident),
                    body="Het werkt nog steeds niet.\n\nOp ma 1 dec 2026 om 10:00 schreef "
                         "Support <support@portal.example>:\n> Kun je meer vertellen?\n")
    record = receive(raw, django_capture_on_commit_callbacks)
    assert record.outcome == InboundOutcome.REPLY
    [message] = customer_messages(incident)
    assert message.body == "Het werkt nog steeds niet."
    assert message.author_contact == cast.submitter
    assert record.message == message and record.incident == incident
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS  # the reply ended the wait, as on the web
    assert record.raw.open("rb").read() == raw  # the original, for staff
    assert mail.outbox == []  # nothing to answer


@pytest.mark.parametrize("body, expected", [
    ("Bedankt, het werkt weer.\n\nOp di 2 dec. 2026 om 09:12 schreef AFAS Support <\n"
     "support@portal.example>:\n\n> Beste klant,\n> Probeer het opnieuw.\n",
     "Bedankt, het werkt weer."),
    ("Thanks, it works.\n\nOn Tue, Dec 2, 2026 at 9:12 AM AFAS Support "
     "<support@portal.example> wrote:\n> Dear customer,\n", "Thanks, it works."),
    ("Still broken.\n\n-----Original Message-----\nFrom: AFAS Support\nSent: Tuesday\n"
     "Subject: Incident\n\nDear customer", "Still broken."),
    ("Nog steeds stuk.\n\nVan: AFAS Support <support@portal.example>\nVerzonden: dinsdag 2 "
     "december 2026 09:12\nAan: Piet\nOnderwerp: Incident\n\nBeste Piet", "Nog steeds stuk."),
    ("Zie hieronder.\n> oude tekst\n> nog meer\n", "Zie hieronder."),
    ("Met de nieuwe versie gaat het goed.\n\n-- \nPiet Jansen\nDemo BV\n06 12345678\n",
     "Met de nieuwe versie gaat het goed."),
], ids=["nl-gmail", "en-gmail", "outlook-original", "outlook-nl-van", "quotes", "signature"])
def test_quoted_text_and_signatures_are_stripped_in_both_languages__R_MAIL_1(
        incident, django_capture_on_commit_callbacks, body, expected):
    receive(raw_email(sender="submitter@test.example", to=reply_to(incident), body=body),
            django_capture_on_commit_callbacks)
    assert [message.body for message in customer_messages(incident)] == [expected]


def test_the_same_message_received_twice_posts_once__R_MAIL_1(
        incident, django_capture_on_commit_callbacks):
    raw = raw_email(sender="submitter@test.example", to=reply_to(incident),
                    message_id="<same@client.example>")
    first = receive(raw, django_capture_on_commit_callbacks)
    second = receive(raw, django_capture_on_commit_callbacks)
    assert first.pk == second.pk
    assert len(customer_messages(incident)) == 1
    assert InboundEmail.objects.count() == 1


def test_an_html_only_email_is_posted_as_text__R_MAIL_1(
        incident, django_capture_on_commit_callbacks):
    html = ("<html><head><style>p {color: red}</style><script>alert(1)</script></head><body>"
            "<p>Het <b>werkt</b> niet &amp; de knop <a href='javascript:x'>hier</a> ook niet."
            "</p><div>Tweede regel<br>derde regel</div><blockquote>Op ma 1 dec 2026 schreef "
            "Support:</blockquote></body></html>")
    receive(raw_email(sender="submitter@test.example", to=reply_to(incident), body=None,
                      html=html), django_capture_on_commit_callbacks)
    [message] = customer_messages(incident)
    assert message.body == ("Het werkt niet & de knop hier ook niet.\n\nTweede regel\n"
                            "derde regel")
    assert "<" not in message.body and "alert" not in message.body


def test_attachments_are_checked_as_web_uploads__R_MAIL_1(
        incident, django_capture_on_commit_callbacks, settings):
    settings.INCIDENT_ATTACHMENT_MAX_BYTES = 1024
    raw = raw_email(sender="submitter@test.example", to=reply_to(incident), files=(
        ("scherm.pdf", b"%PDF-1.4 klein", "application/pdf"),
        ("groot.pdf", b"%PDF-1.4 " + b"x" * 2000, "application/pdf"),
        ("virus.exe", b"MZ\x90\x00", "application/octet-stream"),
        ("nep.png", b"geen plaatje", "image/png"),
    ))
    receive(raw, django_capture_on_commit_callbacks)
    [message] = customer_messages(incident)
    assert [file.name for file in Attachment.objects.filter(message=message)] == ["scherm.pdf"]
    [notice] = mail.outbox
    text = notice.body
    assert "groot.pdf" in text and "virus.exe" in text and "nep.png" in text
    assert "scherm.pdf" not in text
    assert notice.extra_headers["Auto-Submitted"] == "auto-replied"


def test_a_30_mb_email_posts_its_text_and_politely_refuses_the_file__R_MAIL_1(
        incident, django_capture_on_commit_callbacks):
    big = b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024)
    record = receive(raw_email(sender="submitter@test.example", to=reply_to(incident),
                               body="Zie de bijlage.", files=(("dump.pdf", big,
                                                                "application/pdf"),)),
                     django_capture_on_commit_callbacks)
    [message] = customer_messages(incident)
    assert message.body == "Zie de bijlage." and not Attachment.objects.exists()
    assert record.size > 30 * 1024 * 1024
    [notice] = mail.outbox
    assert "dump.pdf" in notice.body and notice.to == ["submitter@test.example"]


# R-MAIL-2: who may post ----------------------------------------------------------------------

def _refused(record: InboundEmail, incident: Incident, reason: str) -> str:
    assert record.outcome == InboundOutcome.REFUSED and record.reason == reason
    assert customer_messages(incident) == []
    [refusal] = mail.outbox
    assert refusal.to == [record.sender]
    assert refusal.extra_headers["Auto-Submitted"] == "auto-replied"
    assert refusal.extra_headers["In-Reply-To"] == record.message_id_header
    return refusal.body


def test_a_forged_token_is_refused_once__R_MAIL_2(
        incident, django_capture_on_commit_callbacks):
    address = reply_to(incident)
    forged = address.replace(f"+{incident.pk}-", f"+{incident.pk + 1}-", 1)
    record = receive(raw_email(sender="submitter@test.example", to=forged),
                     django_capture_on_commit_callbacks)
    body = _refused(record, incident, "forged")
    assert "http://testserver/incidents/" in body or "/incidents/" in body


def test_an_expired_token_is_refused_with_a_link__R_MAIL_2(
        incident, django_capture_on_commit_callbacks):
    old = make_token(incident_id=incident.pk, contact_id=incident.owner_id,
                     today=timezone.localdate() - dt.timedelta(days=91))
    record = receive(raw_email(sender="submitter@test.example",
                               to=f"support+{old}@portal.example"),
                     django_capture_on_commit_callbacks)
    body = _refused(record, incident, "expired")
    assert f"/incidents/{incident.number}/" in body


def test_a_stranger_is_refused_in_both_languages__R_MAIL_2(
        incident, django_capture_on_commit_callbacks):
    record = receive(raw_email(sender="someone@elsewhere.example", to=reply_to(incident)),
                     django_capture_on_commit_callbacks)
    body = _refused(record, incident, "stranger")
    # Dutch, then English (the Dutch words come with the lead's catalogue merge).
    dutch, english = body.split("\n----------\n")
    assert f"/incidents/{incident.number}/" in dutch and "was not posted" in english


def test_a_deactivated_contact_is_refused__R_MAIL_2(
        cast, incident, django_capture_on_commit_callbacks):
    cast.submitter.is_active = False
    cast.submitter.save()
    record = receive(raw_email(sender="submitter@test.example", to=reply_to(incident)),
                     django_capture_on_commit_callbacks)
    _refused(record, incident, "may-not-reply")


def test_a_contact_who_lost_the_role_is_refused__R_MAIL_2(
        cast, incident, django_capture_on_commit_callbacks):
    cast.submitter.can_submit_incidents = False
    cast.submitter.save()
    assert not may_reply_by_email(cast.submitter, incident)
    record = receive(raw_email(sender="submitter@test.example", to=reply_to(incident)),
                     django_capture_on_commit_callbacks)
    _refused(record, incident, "may-not-reply")


def test_a_colleague_using_the_owners_address_is_refused__R_MAIL_2(
        cast, incident, django_capture_on_commit_callbacks):
    """The address was issued to the owner: the administrator, who may read the incident,
    cannot post through it."""
    record = receive(raw_email(sender="admin@test.example", to=reply_to(incident)),
                     django_capture_on_commit_callbacks)
    _refused(record, incident, "stranger")


def test_a_closed_incident_is_refused_with_the_way_to_a_new_one__R_MAIL_2(
        cast, incident, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
        actions.change_status(incident=incident, status=Status.CLOSED, actor=staff)
    mail.outbox.clear()
    record = receive(raw_email(sender="submitter@test.example", to=reply_to(incident)),
                     django_capture_on_commit_callbacks)
    assert "/incidents/new/" in _refused(record, incident, "closed")


def test_refusals_are_limited_per_sender_and_hour__R_MAIL_4(
        incident, django_capture_on_commit_callbacks):
    for _ in range(5):
        receive(raw_email(sender="someone@elsewhere.example", to=reply_to(incident)),
                django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    assert InboundEmail.objects.filter(answered=False).count() == 2
    assert customer_messages(incident) == []


# R-MAIL-3: new incidents ---------------------------------------------------------------------

@pytest.mark.usefixtures("no_new_incident_emails")
def test_a_submitter_opens_an_incident_by_email__R_MAIL_3(
        cast, django_capture_on_commit_callbacks):
    record = receive(raw_email(sender="Submitter <submitter@test.example>", to=SUPPORT,
                               subject="Kan niet inloggen", body="Sinds vanochtend lukt het niet."),
                     django_capture_on_commit_callbacks)
    incident = Incident.objects.get()
    assert record.outcome == InboundOutcome.NEW_INCIDENT and record.incident == incident
    assert (incident.subject, incident.description) == ("Kan niet inloggen",
                                                        "Sinds vanochtend lukt het niet.")
    assert incident.incident_type == IncidentType.QUESTION
    assert incident.channel == Channel.EMAIL and incident.reporter == cast.submitter
    [confirmation] = mail.outbox  # instead of the "received" email, not besides it
    assert incident.number in confirmation.subject and incident.number in confirmation.body
    assert confirmation.extra_headers["Auto-Submitted"] == "auto-replied"
    assert confirmation.extra_headers["In-Reply-To"] == record.message_id_header
    assert confirmation.extra_headers["Reply-To"].startswith("support+")


def test_a_contact_without_the_role_is_told_who_can_submit__R_MAIL_3(
        cast, django_capture_on_commit_callbacks):
    cast.administrator.user.first_name, cast.administrator.user.last_name = "Anna", "Admin"
    cast.administrator.user.save()
    record = receive(raw_email(sender="employee@test.example", to=SUPPORT),
                     django_capture_on_commit_callbacks)
    assert record.reason == "may-not-submit" and not Incident.objects.exists()
    [refusal] = mail.outbox
    assert "Anna Admin" in refusal.body and "Demo BV" in refusal.body


def test_an_unknown_sender_gets_a_generic_refusal__R_MAIL_3(
        cast, django_capture_on_commit_callbacks):
    record = receive(raw_email(sender="nobody@nowhere.example", to=SUPPORT),
                     django_capture_on_commit_callbacks)
    assert record.reason == "unknown" and not Incident.objects.exists()
    [refusal] = mail.outbox
    assert "Anna" not in refusal.body and "Demo BV" not in refusal.body


def test_a_person_who_may_submit_in_two_organisations_is_refused__R_MAIL_3(
        cast, django_capture_on_commit_callbacks):
    from tests.conftest import ESTABLISHED
    from accounts.roles import Role

    make_contact(cast.other_organisation, Role.SUBMIT_INCIDENTS, user=cast.submitter.user,
                 created_at=ESTABLISHED, submission_profile=cast.submitter.submission_profile)
    record = receive(raw_email(sender="submitter@test.example", to=SUPPORT),
                     django_capture_on_commit_callbacks)
    assert record.reason == "several-organisations" and not Incident.objects.exists()


def test_a_person_who_may_submit_in_one_of_two_organisations_submits_there__R_MAIL_3(
        cast, django_capture_on_commit_callbacks):
    make_contact(make_organisation("Derde BV"), user=cast.submitter.user)  # no role there
    receive(raw_email(sender="submitter@test.example", to=SUPPORT),
            django_capture_on_commit_callbacks)
    assert Incident.objects.get().organisation == cast.organisation


# R-MAIL-4: machines ---------------------------------------------------------------------------

DSN = """From: Mail Delivery System <MAILER-DAEMON@mx.example>
To: support@portal.example
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-1@mx.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

The mail could not be delivered.
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example
Final-Recipient: rfc822; gone@test.example
Action: failed
Status: 5.1.1
--b--
"""


@pytest.mark.parametrize("headers, sender", [
    ({"Auto-Submitted": "auto-replied"}, "submitter@test.example"),
    ({"Auto-Submitted": "auto-generated; foo=bar"}, "submitter@test.example"),
    ({"Precedence": "bulk"}, "submitter@test.example"),
    ({"Precedence": "junk"}, "submitter@test.example"),
    ({"Precedence": "list"}, "submitter@test.example"),
    ({"X-Autoreply": "yes"}, "submitter@test.example"),
    ({"X-Autorespond": "Out of office"}, "submitter@test.example"),
    ({"List-Id": "<users.lists.example>"}, "submitter@test.example"),
    ({"List-Unsubscribe": "<mailto:leave@lists.example>"}, "submitter@test.example"),
    ({"Return-Path": "<>"}, "submitter@test.example"),
    ({}, "MAILER-DAEMON@mx.example"),
    ({}, ""),
], ids=["auto-replied", "auto-generated", "bulk", "junk", "list", "x-autoreply",
        "x-autorespond", "list-id", "list-unsubscribe", "null-return-path", "mailer-daemon",
        "no-sender"])
def test_automatic_mail_is_never_posted_nor_answered__R_MAIL_4(
        incident, django_capture_on_commit_callbacks, headers, sender):
    for to in (reply_to(incident), SUPPORT):
        record = receive(raw_email(sender=sender, to=to, headers=headers),
                         django_capture_on_commit_callbacks)
        assert record.outcome == InboundOutcome.DROPPED and record.reason
    assert customer_messages(incident) == [] and Incident.objects.count() == 1
    assert mail.outbox == []


def test_a_bounce_is_dropped__R_MAIL_4(incident, django_capture_on_commit_callbacks):
    record = receive(DSN.replace("\n", "\r\n").encode(), django_capture_on_commit_callbacks)
    assert record.outcome == InboundOutcome.DROPPED and record.reason == "report"
    assert mail.outbox == [] and customer_messages(incident) == []


def test_auto_submitted_no_is_a_person__R_MAIL_4(incident, django_capture_on_commit_callbacks):
    record = receive(raw_email(sender="submitter@test.example", to=reply_to(incident),
                               headers={"Auto-Submitted": "no"}),
                     django_capture_on_commit_callbacks)
    assert record.outcome == InboundOutcome.REPLY


def test_our_answers_are_marked_automatic__R_MAIL_4(cast, django_capture_on_commit_callbacks):
    receive(raw_email(sender="nobody@nowhere.example", to=SUPPORT),
            django_capture_on_commit_callbacks)
    sent = message_from_string(mail.outbox[0].message().as_string())
    assert sent["Auto-Submitted"] == "auto-replied"
    assert sent["X-Auto-Response-Suppress"] == "All"


def test_reply_addresses_need_the_support_address__R_MAIL_1(incident):
    with override_settings(INCIDENT_REPLY_ADDRESS=""):
        assert reply_address(incident_id=incident.pk, contact_id=incident.owner_id) is None


def test_beat_polls_the_mailbox_every_minute_and_the_task_is_off_without_one__R_MAIL_1(
        settings):
    from incidents.tasks import poll_support_mailbox

    entry = settings.CELERY_BEAT_SCHEDULE["poll-support-mailbox"]
    assert entry == {"task": "incidents.tasks.poll_support_mailbox", "schedule": 60.0}
    with override_settings(INCIDENT_MAILBOX_URL=""):
        assert poll_support_mailbox.delay().get() == {"polled": False, "received": 0}


@pytest.mark.parametrize("env", [
    {"INCIDENT_MAILBOX_URL": "imap://user:secret@imap.example.com/INBOX"},
    {"INCIDENT_MAILBOX_URL": "https://imap.example.com"},
    {"INCIDENT_REPLY_ADDRESS": "support+x@portal.example"},
    {"INCIDENT_REPLY_ADDRESS": "no-at-sign"},
    {"INCIDENT_REPLY_TOKEN_DAYS": "0"},
])
def test_bad_email_channel_settings_fail_loudly__R_MAIL_1(env):
    import os
    import subprocess
    import sys
    from pathlib import Path

    clean = {key: value for key, value in os.environ.items()
             if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"}}
    result = subprocess.run([sys.executable, "manage.py", "check"],
                            cwd=Path(__file__).resolve().parents[2], env={**clean, **env},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert any(name in result.stderr for name in env)


def test_a_large_file_is_measured_not_parsed_and_the_others_stay_whole__R_MAIL_1():
    """The standard parser would hold a 30 MB file some ten times over; it is refused
    anyway, so it is measured from the raw bytes and left out of the parse, while a 5 MB
    file in the same email arrives byte for byte."""
    import tracemalloc

    from incidents.mailtext import read_email

    kept = b"%PDF-1.4\n" + bytes(range(256)) * (5 * 4096)
    raw = raw_email(sender="submitter@test.example", body="Twee bijlagen.", files=(
        ("groot.pdf", b"%PDF-1.4\n" + b"0" * (30 * 2**20), "application/pdf"),
        ("klein.pdf", kept, "application/pdf")))
    tracemalloc.start()
    try:
        email = read_email(raw, max_file_bytes=10 * 2**20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 60 * 2**20, f"{peak / 2**20:.0f} MiB to read a {len(raw) / 2**20:.0f} MB email"
    large, small = email.files
    assert (large.name, large.too_large, large.content) == ("groot.pdf", True, b"")
    assert (small.name, small.too_large, small.content) == ("klein.pdf", False, kept)
    assert email.text.strip() == "Twee bijlagen."


def test_a_mailbox_without_a_reply_address_is_warned_about__R_MAIL_1():
    from incidents.checks import mailbox_needs_reply_address

    with override_settings(INCIDENT_MAILBOX_URL="imaps://u:p@imap.example/INBOX",
                           INCIDENT_REPLY_ADDRESS=""):
        assert [warning.id for warning in mailbox_needs_reply_address()] == ["incidents.W001"]
    with override_settings(INCIDENT_MAILBOX_URL="imaps://u:p@imap.example/INBOX"):
        assert mailbox_needs_reply_address() == []
    with override_settings(INCIDENT_MAILBOX_URL="", INCIDENT_REPLY_ADDRESS=""):
        assert mailbox_needs_reply_address() == []


def test_a_follower_who_may_submit_replies_by_email_as_themselves__R_MAIL_2_R_MAIL_5(
        cast, incident, django_capture_on_commit_callbacks):
    """A follower gets the emails with their own reply address and may answer by email, as
    themselves, when they may write on the incident (an active contact with Submit
    incidents, R-ROLE-13); a follower without that role is refused, and nothing is posted."""
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.expert)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    assert may_reply_by_email(cast.expert, incident)
    assert not may_reply_by_email(cast.employee, incident)

    record = receive(raw_email(sender="expert@test.example",
                               to=reply_to(incident, cast.expert.pk), body="Ook bij mij."),
                     django_capture_on_commit_callbacks)
    assert record.outcome == InboundOutcome.REPLY
    [message] = customer_messages(incident)
    assert (message.author_contact, message.body) == (cast.expert, "Ook bij mij.")

    record = receive(raw_email(sender="employee@test.example",
                               to=reply_to(incident, cast.employee.pk)),
                     django_capture_on_commit_callbacks)
    assert record.outcome == InboundOutcome.REFUSED
    assert customer_messages(incident) == [message]
