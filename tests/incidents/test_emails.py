"""The reporter's emails (R-INC-7): one per status change and public reply, HTML and text, in
their language, never an internal note (R-INC-8), exactly once when a task is retried (through
the outbox: tests/portal/test_outbox.py tests its mechanics)."""

from __future__ import annotations

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from contacts.models import Contact
from incidents import actions
from incidents.models import Status
from core.models import OutboxItem
from core.outbox import relay, sweep
from tests.incidents.factories import make_incident

# The owner's emails alone: the administrator and viewer of the cast do not hear of new
# incidents here (tests/incidents/test_notifications.py, R-MAIL-6).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_new_incident_emails")]


def test_each_status_change_sends_the_reporter_one_email__R_INC_7(
        cast, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
    assert len(mail.outbox) == 3
    assert all(email.to == ["submitter@test.example"] for email in mail.outbox)
    assert all(incident.number in email.subject for email in mail.outbox)
    html = mail.outbox[1].alternatives[0]
    assert html[1] == "text/html" and incident.number in html[0]
    assert all(row.done_at for row in OutboxItem.objects.all())


def test_the_customers_own_reply_sends_them_no_status_email__issue_14_R_INC_7(
        cast, staff, django_capture_on_commit_callbacks):
    """A reply to a wait moves the incident back to "in progress": the one who replied is
    not emailed about what they just did; support's next change emails them again."""
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(cast.submitter)
        actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
        actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(contact=cast.submitter, incident=incident, body="Hier is de info.")
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS
    assert len(mail.outbox) == sent
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
    assert len(mail.outbox) == sent + 1


def test_emails_are_queued_only_after_commit__R_INC_7(cast, staff,
                                                     django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    assert len(callbacks) == 1 and mail.outbox == []


def test_a_public_reply_is_emailed_a_note_is_not__R_INC_7_R_INC_8(
        cast, staff, django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply_as_staff(incident=incident, body="Probeer het nu opnieuw", actor=staff)
        actions.add_internal_note(incident=incident, body="GEHEIM", actor=staff)
    assert len(mail.outbox) == 1
    assert "Probeer het nu opnieuw" in mail.outbox[0].body
    assert "GEHEIM" not in mail.outbox[0].body + mail.outbox[0].alternatives[0][0]


def test_the_email_is_in_the_reporters_language__R_INC_7(cast, staff,
                                                         django_capture_on_commit_callbacks):
    Contact.objects.filter(pk=cast.submitter.pk).update(language="en")
    incident = make_incident(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    assert "changed from Submitted to Resolved" in mail.outbox[0].body
    Contact.objects.filter(pk=cast.submitter.pk).update(language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=incident, status=Status.CLOSED, actor=staff)
    assert "gewijzigd van Opgelost naar Gesloten" in mail.outbox[1].body


def test_a_retried_task_sends_nothing_more__R_INC_7(cast):
    """The worker sent and committed, then died before acknowledging: the redelivered task
    finds ``done_at`` and sends nothing."""
    make_incident(cast.submitter)
    outgoing = OutboxItem.objects.get()
    assert relay(outgoing.pk) == "done"
    assert relay(outgoing.pk) == ""
    assert len(mail.outbox) == 1


def test_a_crash_during_sending_leaves_it_unsent_for_the_retry__R_INC_7(cast):
    """The SMTP connection dies before the message is accepted: the transaction rolls back,
    the row stays unsent, and the retry sends exactly one."""
    make_incident(cast.submitter)
    outgoing = OutboxItem.objects.get()
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=smtplib.SMTPServerDisconnected("connection lost")):
        with pytest.raises(smtplib.SMTPServerDisconnected):
            relay(outgoing.pk)
    outgoing.refresh_from_db()
    assert outgoing.done_at is None and mail.outbox == []
    assert outgoing.attempts == 1 and "connection lost" in outgoing.last_error
    assert relay(outgoing.pk) == "done"
    assert relay(outgoing.pk) == ""
    assert len(mail.outbox) == 1


def test_each_change_has_one_row_by_unique_key__R_INC_7(cast, staff):
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    keys = list(OutboxItem.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 2
    from django.db import IntegrityError, transaction
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxItem.objects.create(key=keys[0], kind="incidents.emails.status_email")


def test_unsent_rows_are_queued_again(cast):
    make_incident(cast.submitter)
    OutboxItem.objects.update(created_at=timezone.now() - timezone.timedelta(hours=1))
    assert sweep() == 1
    assert len(mail.outbox) == 1  # eager in tests
    assert sweep() == 0


def test_an_unreachable_broker_at_commit_keeps_the_change_and_the_email__R_INC_7(
        cast, django_capture_on_commit_callbacks):
    """The incident is stored before the task is queued: a broker that cannot be reached
    then is no error page (the contact would submit again); the sweep queues the unsent row
    later, so the email still goes out once."""
    from kombu.exceptions import OperationalError

    from tests.conftest import client_for

    form = {"incident_type": "fault", "product_area": "finance", "environment": "production",
            "subject": "Journaalpost blijft hangen", "description": "Het wiel draait."}
    with mock.patch("core.tasks.relay_outbox_item.apply_async",
                    side_effect=OperationalError("broker down")):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(cast.submitter.user).post("/incidents/new/", form)
    assert response.status_code == 302
    assert OutboxItem.objects.filter(done_at__isnull=True).count() == 1
    assert mail.outbox == []
    assert sweep(now=timezone.now() + timezone.timedelta(minutes=2)) == 1
    assert len(mail.outbox) == 1
