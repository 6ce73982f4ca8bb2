"""R-INC-15: the owner (who may reply, R-INC-13) marks their open incident solved, or
withdraws it while support has not picked it up yet, after confirming that this cannot be
undone; nobody else can, and another organisation's incident is 404."""

from __future__ import annotations

import pytest
from django.core import mail

from accounts.permissions import CapabilityDenied
from incidents import actions, views
from incidents.models import ChangeReason, Incident, Status, StatusChange
from tests.conftest import client_for
from tests.incidents.factories import MONDAY_10, make_incident, without_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _last_change(incident: Incident) -> StatusChange:
    return StatusChange.objects.filter(incident=incident).order_by("pk").last()


# Mark solved

@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.IN_PROGRESS, Status.WAITING])
def test_the_owner_marks_an_open_incident_solved__R_INC_15(
        cast, staff, status, django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    if status != Status.SUBMITTED:
        actions.change_status(incident=incident, status=status, actor=staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.mark_solved(contact=cast.submitter, incident=incident, now=MONDAY_10)
    incident.refresh_from_db()
    assert incident.status == Status.RESOLVED and incident.resolved_at == MONDAY_10
    change = _last_change(incident)
    assert (change.from_status, change.by_contact, change.reason) == (
        status, cast.submitter, ChangeReason.SOLVED_BY_CUSTOMER)
    assert len(mail.outbox) == 1  # the usual status email (R-INC-7)


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED])
def test_a_resolved_or_closed_incident_cannot_be_marked_solved__R_INC_15(cast, staff, status):
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    if status == Status.CLOSED:
        actions.change_status(incident=incident, status=Status.CLOSED, actor=staff)
    with pytest.raises(actions.IncidentError):
        actions.mark_solved(contact=cast.submitter, incident=incident)


def test_marking_solved_on_the_page__R_INC_15(cast, monkeypatch):
    monkeypatch.setattr(views, "now", lambda: MONDAY_10)
    incident = make_incident(cast.submitter)
    client = client_for(cast.submitter.user)
    html = client.get(f"/incidents/{incident.number}/").content.decode()
    assert 'data-testid="mark-solved-form"' in html
    response = client.post(f"/incidents/{incident.number}/solved/", follow=True)
    assert response.redirect_chain == [(f"/incidents/{incident.number}/", 302)]
    assert "the incident is marked solved" in response.content.decode()
    assert Incident.objects.get().status == Status.RESOLVED
    assert 'data-testid="mark-solved-form"' not in response.content.decode()
    # Again: refused with a message, never an error page.
    response = client.post(f"/incidents/{incident.number}/solved/", follow=True)
    assert "can no longer be marked solved" in response.content.decode()


# Withdraw

def test_the_owner_withdraws_a_submitted_incident__R_INC_15(
        cast, django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw_incident(contact=cast.submitter, incident=incident, now=MONDAY_10)
    incident.refresh_from_db()
    assert incident.status == Status.CLOSED
    change = _last_change(incident)
    assert (change.from_status, change.by_contact, change.reason) == (
        Status.SUBMITTED, cast.submitter, ChangeReason.WITHDRAWN)
    assert len(mail.outbox) == 1 and "You withdrew this incident" in mail.outbox[0].body
    # Closed is final (R-INC-6).
    with pytest.raises(actions.IncidentClosed):
        actions.reply(contact=cast.submitter, incident=incident, body="Toch nog")


@pytest.mark.parametrize("status", [Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED])
def test_once_picked_up_it_cannot_be_withdrawn__R_INC_15(cast, staff, status):
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=status, actor=staff)
    with pytest.raises(actions.WithdrawRefused):
        actions.withdraw_incident(contact=cast.submitter, incident=incident)
    assert Incident.objects.get().status == status


def test_withdrawing_on_the_page_needs_the_confirmation__R_INC_15(cast, monkeypatch):
    monkeypatch.setattr(views, "now", lambda: MONDAY_10)
    incident = make_incident(cast.submitter)
    client = client_for(cast.submitter.user)
    url = f"/incidents/{incident.number}/withdraw/"
    html = client.get(f"/incidents/{incident.number}/").content.decode()
    form = html.split('data-testid="withdraw-form"')[1].split("</form>")[0]
    assert 'name="confirm"' in form and "required" in form  # works without JavaScript
    response = client.post(url, follow=True)
    assert "Tick the box to confirm" in response.content.decode()
    assert Incident.objects.get().status == Status.SUBMITTED
    response = client.post(url, {"confirm": "on"}, follow=True)
    assert response.redirect_chain == [(f"/incidents/{incident.number}/", 302)]
    assert "The incident has been withdrawn." in response.content.decode()
    assert Incident.objects.get().status == Status.CLOSED
    assert "Withdrawn by the customer" in response.content.decode()  # in the history


def test_withdrawing_a_picked_up_incident_on_the_page_is_refused__R_INC_15(cast, staff):
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    client = client_for(cast.submitter.user)
    html = client.get(f"/incidents/{incident.number}/").content.decode()
    assert 'data-testid="withdraw-form"' not in html
    response = client.post(f"/incidents/{incident.number}/withdraw/", {"confirm": "on"},
                           follow=True)
    assert "can no longer be withdrawn" in response.content.decode()
    assert Incident.objects.get().status == Status.IN_PROGRESS


# Who may

@pytest.mark.parametrize("who", ["administrator", "viewer"])
def test_colleagues_who_see_it_may_not__R_INC_15(cast, who):
    incident = make_incident(cast.submitter)
    contact = getattr(cast, who)
    for change in (actions.mark_solved, actions.withdraw_incident):
        with pytest.raises(CapabilityDenied):
            change(contact=contact, incident=incident)
    client = client_for(contact.user)
    html = client.get(f"/incidents/{incident.number}/").content.decode()
    assert 'data-testid="own-actions"' not in html
    assert client.post(f"/incidents/{incident.number}/solved/").status_code == 403
    assert client.post(f"/incidents/{incident.number}/withdraw/",
                       {"confirm": "on"}).status_code == 403
    assert Incident.objects.get().status == Status.SUBMITTED


def test_an_owner_who_lost_the_role_may_not__R_INC_15_R_INC_13(cast):
    incident = make_incident(cast.submitter)
    reporter = without_role(cast.submitter)
    client = client_for(reporter.user)
    assert 'data-testid="own-actions"' not in client.get(
        f"/incidents/{incident.number}/").content.decode()
    assert client.post(f"/incidents/{incident.number}/solved/").status_code == 403
    assert client.post(f"/incidents/{incident.number}/withdraw/",
                       {"confirm": "on"}).status_code == 403
    assert Incident.objects.get().status == Status.SUBMITTED


def test_the_reporter_after_a_hand_over_may_not__R_INC_15_R_INC_13(cast):
    incident = make_incident(cast.submitter)
    actions.hand_over_incident(actor=cast.administrator, incident=incident, to=cast.expert)
    with pytest.raises(CapabilityDenied):
        actions.withdraw_incident(contact=cast.submitter, incident=incident)
    actions.withdraw_incident(contact=cast.expert, incident=incident)
    assert Incident.objects.get().status == Status.CLOSED


@pytest.mark.parametrize("who", ["other_administrator", "expert"])
def test_another_organisations_or_a_colleagues_incident_is_404__R_INC_15(cast, who):
    incident = make_incident(cast.submitter)
    client = client_for(getattr(cast, who).user)
    assert client.post(f"/incidents/{incident.number}/solved/").status_code == 404
    assert client.post(f"/incidents/{incident.number}/withdraw/",
                       {"confirm": "on"}).status_code == 404
    assert client.post("/incidents/abc/solved/").status_code == 404
    assert Incident.objects.get().status == Status.SUBMITTED


def test_they_need_login_and_post__R_INC_15(client, cast):
    incident = make_incident(cast.submitter)
    for action in ("solved", "withdraw"):
        url = f"/incidents/{incident.number}/{action}/"
        assert client.get(url).status_code == 405
        response = client.post(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Incident.objects.get().status == Status.SUBMITTED
