"""One staff save, one email (issue 14, R-INC-7): a Support member who changes the status,
writes a public reply and sets the priority in one save of the incident's admin page sends
the owner one email that carries the new status and the reply, not one for each."""

from __future__ import annotations

import pytest
from django.core import mail

from core.models import OutboxItem
from incidents import actions
from incidents.models import Incident, Message, MessageKind, Status
from tests.conftest import client_for
from tests.incidents.factories import make_incident
from tests.incidents.test_admin_queue import QUEUE, _change

pytestmark = pytest.mark.django_db


def _save(staff, incident: Incident, capture, **data) -> None:
    with capture(execute=True):
        response = client_for(staff).post(f"{QUEUE}{incident.pk}/change/",
                                          _change(incident, **data))
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.mark.usefixtures("english")
def test_status_reply_and_priority_in_one_save_send_one_email__issue_14_R_INC_7(
        cast, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(cast.submitter)
        actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    before = len(mail.outbox)
    outbox_before = OutboxItem.objects.count()

    _save(staff, incident, django_capture_on_commit_callbacks, priority=3,
          status=Status.WAITING, public_reply="Which version do you use?")

    incident.refresh_from_db()
    assert (incident.priority, incident.status) == (3, Status.WAITING)
    assert Message.objects.filter(kind=MessageKind.PUBLIC).count() == 1
    assert incident.status_changes.filter(to_status=Status.WAITING).count() == 1
    assert OutboxItem.objects.count() == outbox_before + 1
    sent = mail.outbox[before:]
    assert [email.to for email in sent] == [[cast.submitter.user.email]]
    email = sent[0]
    assert "Which version do you use?" in email.body
    assert "waiting for you" in email.subject.lower()
    assert "reply from support" in email.subject
    assert "Which version do you use?" in email.alternatives[0][0]


def test_a_handed_over_incident_emails_its_owner_once__issue_14_R_INC_7_R_INC_13(
        cast, staff, django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    new_owner = cast.expert
    Incident.objects.filter(pk=incident.pk).update(owner=new_owner)
    incident.refresh_from_db()
    before = len(mail.outbox)
    _save(staff, incident, django_capture_on_commit_callbacks, priority=2,
          status=Status.IN_PROGRESS, public_reply="We pakken het op.")
    sent = mail.outbox[before:]
    assert [email.to for email in sent] == [[new_owner.user.email]]
    assert "We pakken het op." in sent[0].body


def test_a_reply_alone_and_a_status_change_alone_still_email__R_INC_7(
        cast, staff, django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    before = len(mail.outbox)
    _save(staff, incident, django_capture_on_commit_callbacks, public_reply="Gezien.")
    _save(staff, Incident.objects.get(pk=incident.pk), django_capture_on_commit_callbacks,
          status=Status.IN_PROGRESS)
    sent = mail.outbox[before:]
    assert len(sent) == 2
    assert "Gezien." in sent[0].body and "Gezien." not in sent[1].body


@pytest.mark.parametrize(("status_on", "reply_on", "emailed"), [
    (True, False, True), (False, True, True), (False, False, False)])
def test_the_combined_email_reaches_whoever_wants_either_kind__issue_14_R_MAIL_6(
        cast, staff, django_capture_on_commit_callbacks, status_on, reply_on, emailed):
    """The combined email carries both the status and the reply: a contact who switched off
    status emails but wants replies still gets the reply, and one who wants neither gets
    nothing."""
    incident = make_incident(cast.submitter)
    type(cast.submitter).objects.filter(pk=cast.submitter.pk).update(
        notify_status=status_on, notify_replies=reply_on)
    before = len(mail.outbox)
    _save(staff, incident, django_capture_on_commit_callbacks, status=Status.WAITING,
          public_reply="Which version do you use?")
    sent = [email for email in mail.outbox[before:] if email.to == [cast.submitter.user.email]]
    assert len(sent) == (1 if emailed else 0)
