"""R-INC-13: every incident has an owner who can reply. The reporter always reads their own
incidents; "may reply" is one rule (owner, active, the role, not closed); an owner who can no
longer reply gets no emails, and administrators and viewers are told an administrator can
hand the incident over; a removed reporter shows as a former contact."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.permissions import CapabilityDenied
from contacts.models import Contact, Organisation
from incidents import actions, queries
from incidents.models import Incident, Message, Status
from core.models import OutboxItem, OutboxOutcome
from tests.conftest import client_for
from tests.incidents.factories import make_incident, pdf, without_role
from tests.queries import queries_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NOTICE = "The reporter can no longer reply: an administrator can hand this over."


def _deactivate(contact: Contact) -> None:
    Contact.objects.filter(pk=contact.pk).update(is_active=False)


def _remove(contact: Contact) -> None:
    """As ``contacts.actions.remove_contact`` leaves it (R-ROLE-18): inactive, no roles."""
    Contact.objects.filter(pk=contact.pk).update(is_active=False, removed_at=timezone.now(),
                                                 can_submit_incidents=False)


def _block_login(contact: Contact) -> None:
    type(contact.user).objects.filter(pk=contact.user_id).update(is_active=False)


def _deactivate_organisation(contact: Contact) -> None:
    Organisation.objects.filter(pk=contact.organisation_id).update(is_active=False)


CANNOT_REPLY = {"role": without_role, "deactivated": _deactivate, "removed": _remove,
                "login": _block_login, "organisation": _deactivate_organisation}


def _thread(incident: Incident) -> Incident:
    """The incident as the pages load it: with its owner's login and organisation."""
    return (Incident.objects.select_related("owner__user", "owner__organisation")
            .get(pk=incident.pk))


# The owner

def test_a_new_incident_is_owned_by_its_reporter__R_INC_13(cast):
    incident = make_incident(cast.submitter)
    assert incident.owner == incident.reporter == cast.submitter


# The reporter always reads their own incidents

def test_the_reporter_reads_their_own_incidents_without_the_role__R_INC_13(cast):
    incident = make_incident(cast.submitter, files=[pdf()])
    other = make_incident(cast.expert)
    reporter = without_role(cast.submitter)
    client = client_for(reporter.user)
    base = f"/incidents/{incident.number}/"
    response = client.get("/incidents/")
    assert response.status_code == 200
    assert [row.number for row in response.context["page"].object_list] == [incident.number]
    html = client.get(base).content.decode()
    assert incident.subject in html and 'data-testid="reply-form"' not in html
    assert client.get(f"{base}deadline/").status_code == 200
    assert client.get(f"{base}attachments/{incident.attachments.get().pk}/").status_code == 200
    assert client.get(f"/incidents/{other.number}/").status_code == 404  # a colleague's
    # Reading is all: a reply needs the role (R-ROLE-13).
    assert client.post(base, {"body": "Nog steeds kapot"}).status_code == 403
    assert not Message.objects.exists()


def test_without_roles_and_without_incidents_the_pages_stay_403__R_INC_13_R_ROLE_14(cast):
    incident = make_incident(cast.submitter)
    for who in ("no_role", "employee"):
        client = client_for(getattr(cast, who).user)
        assert client.get("/incidents/").status_code == 403
        assert client.get(f"/incidents/{incident.number}/").status_code == 403


def test_visible_incidents_are_the_reported_and_owned_ones__R_INC_13(cast):
    reported = make_incident(cast.submitter)
    make_incident(cast.expert)
    assert list(queries.incidents_visible_to(without_role(cast.submitter))) == [reported]
    assert queries.incidents_visible_to(cast.no_role).count() == 0
    assert queries.incidents_visible_to(cast.administrator).count() == 2
    assert not queries.may_open_incidents(cast.no_role)
    assert queries.may_open_incidents(without_role(cast.submitter))


# May reply: one rule

def test_only_the_owner_who_can_still_act_may_reply__R_INC_13(cast, staff):
    incident = make_incident(cast.submitter)
    fresh = _thread(incident)
    assert actions.reply_refusal(cast.submitter, fresh) is None
    for who in ("administrator", "viewer", "expert", "no_role"):
        assert isinstance(actions.reply_refusal(getattr(cast, who), fresh), CapabilityDenied), who
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    actions.change_status(incident=incident, status=Status.CLOSED, actor=staff)
    assert isinstance(actions.reply_refusal(cast.submitter, _thread(incident)),
                      actions.IncidentClosed)


@pytest.mark.parametrize("how", list(CANNOT_REPLY))
def test_an_owner_who_can_no_longer_act_may_not_reply__R_INC_13(cast, how):
    incident = make_incident(cast.submitter)
    CANNOT_REPLY[how](cast.submitter)
    fresh = _thread(incident)
    assert actions.reply_refusal(fresh.owner, fresh) is not None
    assert queries.owner_cannot_reply(fresh)
    with pytest.raises((CapabilityDenied, Incident.DoesNotExist)):
        actions.reply(contact=fresh.owner, incident=incident, body="x")


# Emails stop

@pytest.mark.parametrize("how", list(CANNOT_REPLY))
def test_an_owner_who_can_no_longer_reply_gets_no_emails__R_INC_13(
        cast, staff, how, django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    CANNOT_REPLY[how](cast.submitter)
    mail.outbox.clear()
    OutboxItem.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply_as_staff(incident=incident, body="We kijken ernaar", actor=staff)
    assert mail.outbox == []
    assert set(OutboxItem.objects.values_list("outcome", flat=True)) == {OutboxOutcome.SKIPPED}


def test_the_decision_to_email_is_taken_when_sending__R_INC_13(
        cast, staff, django_capture_on_commit_callbacks):
    """Queued while the owner could reply, sent after they lost the role: nothing goes out."""
    incident = make_incident(cast.submitter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    without_role(cast.submitter)
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_emails_follow_the_owner_not_the_reporter__R_INC_13(
        cast, staff, django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    actions.hand_over_incident(actor=cast.administrator, incident=incident, to=cast.expert)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
    assert [email.to for email in mail.outbox] == [[cast.expert.user.email]]
    assert "Waiting for you" in mail.outbox[0].subject


# What administrators and viewers see

@pytest.mark.parametrize("who", ["administrator", "viewer"])
def test_administrators_and_viewers_see_that_nobody_can_reply__R_INC_13(cast, who):
    incident = make_incident(cast.submitter)
    without_role(cast.submitter)
    client = client_for(getattr(cast, who).user)
    html = client.get(f"/incidents/{incident.number}/").content.decode()
    assert NOTICE in html
    hand_over_link = f'href="/incidents/{incident.number}/hand-over/"'
    assert (hand_over_link in html) == (who == "administrator")
    listing = client.get("/incidents/").content.decode()
    assert 'data-testid="cannot-reply"' in listing


def test_no_notice_while_the_owner_can_reply_or_once_closed__R_INC_13(cast, staff):
    incident = make_incident(cast.submitter)
    client = client_for(cast.administrator.user)
    assert NOTICE not in client.get(f"/incidents/{incident.number}/").content.decode()
    assert 'data-testid="cannot-reply"' not in client.get("/incidents/").content.decode()
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    without_role(cast.submitter)
    assert NOTICE not in client.get(f"/incidents/{incident.number}/").content.decode()


def test_the_reporter_does_not_see_the_notice__R_INC_13(cast):
    incident = make_incident(cast.submitter)
    reporter = without_role(cast.submitter)
    html = client_for(reporter.user).get(f"/incidents/{incident.number}/").content.decode()
    assert NOTICE not in html


def test_a_removed_reporter_shows_as_a_former_contact__R_INC_13_R_ROLE_18(cast, staff):
    incident = make_incident(cast.submitter)
    actions.reply(contact=cast.submitter, incident=incident, body="Aanvulling van mij")
    _remove(cast.submitter)
    client = client_for(cast.administrator.user)
    html = client.get(f"/incidents/{incident.number}/").content.decode()
    assert "former contact" in html and cast.submitter.user.email not in html
    assert NOTICE in html
    listing = client.get("/incidents/").content.decode()
    assert "former contact" in listing and cast.submitter.user.email not in listing


# Query counts stay fixed (R-X-3)

def _list_queries(cast, count: int) -> int:
    for number in range(count):
        incident = make_incident(cast.submitter)
        if number % 2:
            actions.hand_over_incident(actor=cast.administrator, incident=incident,
                                       to=cast.expert)
    without_role(cast.submitter)  # every row left with the submitter gets the marker
    client = client_for(cast.administrator.user)
    client.get("/incidents/")
    return queries_of(client, "/incidents/")


def test_the_list_with_owners_and_markers_keeps_its_query_count__R_INC_13_R_X_3(cast):
    one = _list_queries(cast, 1)
    Incident.objects.all().delete()
    Contact.objects.filter(pk=cast.submitter.pk).update(can_submit_incidents=True)
    assert _list_queries(cast, 50) == one


def _detail_queries(cast, staff, count: int) -> int:
    incident = make_incident(cast.submitter)
    owners = [cast.expert, cast.submitter]
    for number in range(count):
        actions.hand_over_incident(actor=cast.administrator, incident=incident,
                                   to=owners[number % 2])
        actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
        actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    without_role(cast.expert)
    without_role(cast.submitter)
    client = client_for(cast.administrator.user)
    client.get(f"/incidents/{incident.number}/")
    with CaptureQueriesContext(connection) as captured:
        html = client.get(f"/incidents/{incident.number}/").content.decode()
    assert NOTICE in html and html.count('data-testid="owner-change"') == count
    return len(captured)


def test_the_detail_with_hand_overs_keeps_its_query_count__R_INC_13_R_X_3(cast, staff):
    one = _detail_queries(cast, staff, 1)
    Incident.objects.all().delete()
    Contact.objects.filter(pk__in=[cast.submitter.pk, cast.expert.pk]).update(
        can_submit_incidents=True)
    assert _detail_queries(cast, staff, 50) == one
