"""R-INC-13: an administrator hands an open incident over to another contact of the
organisation, who gets the role Submit incidents with it when a seat is free (R-QUOTA-5) and
their submission profile allows it (R-GATE-4); audited, shown in the history and the admin,
both owners emailed; bad choices are form errors or 404, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from accounts.permissions import CapabilityDenied
from accounts.roles import Role
from contacts.actions import ProfileRequired, SeatsFull
from contacts.models import Contact
from contacts import forms as contact_forms
from incidents import actions, views
from incidents.models import Incident, OwnerChange, Status
from core.models import OutboxItem, OutboxOutcome
from tests.conftest import client_for
from tests.factories import make_contact
from tests.incidents.factories import (
    MONDAY_10, colleague, make_incident, without_role,
)
from tests.queries import queries_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _seats(cast, maximum: int) -> None:
    cast.organisation.submitter_seats_override = maximum
    cast.organisation.save()


def _url(incident: Incident) -> str:
    return f"/incidents/{incident.number}/hand-over/"


# The action

def test_an_administrator_hands_over_to_a_submitter__R_INC_13(
        cast, django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change = actions.hand_over_incident(actor=cast.administrator, incident=incident,
                                            to=cast.expert, now=MONDAY_10)
    incident.refresh_from_db()
    assert (incident.owner, incident.reporter) == (cast.expert, cast.submitter)
    assert (change.from_owner, change.to_owner, change.by_contact, change.at) == (
        cast.submitter, cast.expert, cast.administrator, MONDAY_10)
    # Both are told, each in their own email.
    assert sorted(email.to[0] for email in mail.outbox) == [cast.expert.user.email,
                                                          cast.submitter.user.email]
    to_new = next(email for email in mail.outbox if email.to == [cast.expert.user.email])
    assert "handed over to you" in to_new.subject and incident.number in to_new.body
    to_old = next(email for email in mail.outbox if email.to == [cast.submitter.user.email])
    assert "handed over to a colleague" in to_old.subject


def test_the_new_owner_gets_the_role_when_a_seat_is_free__R_INC_13_R_QUOTA_5(cast):
    _seats(cast, 2)  # the submitter holds one
    newcomer = colleague(cast.organisation, Role.EMPLOYEE, email="nieuw@test.example")
    incident = make_incident(cast.submitter)
    actions.hand_over_incident(actor=cast.administrator, incident=incident, to=newcomer)
    newcomer.refresh_from_db()
    assert newcomer.can_submit_incidents and newcomer.submitter_since is not None
    assert Incident.objects.get().owner == newcomer


def test_a_full_seat_cap_refuses_the_whole_hand_over__R_INC_13_R_QUOTA_5(
        cast, django_capture_on_commit_callbacks):
    _seats(cast, 1)
    newcomer = colleague(cast.organisation, Role.EMPLOYEE, email="nieuw@test.example")
    incident = make_incident(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(SeatsFull):
        actions.hand_over_incident(actor=cast.administrator, incident=incident, to=newcomer)
    newcomer.refresh_from_db()
    assert not newcomer.can_submit_incidents
    assert Incident.objects.get().owner == cast.submitter and not OwnerChange.objects.exists()
    assert not OutboxItem.objects.filter(key__startswith="incident-handover").exists()


def test_a_gated_contact_without_a_profile_is_refused__R_INC_13_R_GATE_4(cast):
    newcomer = make_contact(cast.organisation, Role.EMPLOYEE, email="nieuw@test.example")
    incident = make_incident(cast.submitter)
    with pytest.raises(ProfileRequired):
        actions.hand_over_incident(actor=cast.administrator, incident=incident, to=newcomer)
    assert Incident.objects.get().owner == cast.submitter


@pytest.mark.parametrize("who", ["viewer", "submitter", "expert", "employee"])
def test_only_administrators_hand_over__R_INC_13(cast, who):
    incident = make_incident(cast.submitter)
    with pytest.raises(CapabilityDenied):
        actions.hand_over_incident(actor=getattr(cast, who), incident=incident,
                                   to=cast.expert)
    assert Incident.objects.get().owner == cast.submitter


def test_another_organisations_administrator_finds_nothing__R_INC_13_R_ROLE_14(cast):
    incident = make_incident(cast.submitter)
    with pytest.raises(Incident.DoesNotExist):
        actions.hand_over_incident(actor=cast.other_administrator, incident=incident,
                                   to=cast.other_administrator)


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED])
def test_only_open_incidents_are_handed_over__R_INC_13(cast, staff, status):
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    if status == Status.CLOSED:
        actions.change_status(incident=incident, status=Status.CLOSED, actor=staff)
    with pytest.raises(actions.HandOverRefused):
        actions.hand_over_incident(actor=cast.administrator, incident=incident, to=cast.expert)


@pytest.mark.parametrize("target", ["other_organisation", "inactive", "removed", "owner"])
def test_only_to_another_active_contact_of_the_organisation__R_INC_13(cast, target):
    incident = make_incident(cast.submitter)
    contact = {"other_organisation": cast.other_administrator, "owner": cast.submitter,
               "inactive": colleague(cast.organisation, Role.SUBMIT_INCIDENTS,
                                     email="weg@test.example", is_active=False),
               "removed": colleague(cast.organisation, email="verwijderd@test.example",
                                    is_active=False,
                                    removed_at=MONDAY_10)}[target]
    with pytest.raises(actions.HandOverRefused):
        actions.hand_over_incident(actor=cast.administrator, incident=incident, to=contact)
    assert Incident.objects.get().owner == cast.submitter


def test_the_old_owner_who_lost_the_role_is_not_emailed__R_INC_13(
        cast, django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    without_role(cast.submitter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.hand_over_incident(actor=cast.administrator, incident=incident, to=cast.expert)
    assert [email.to for email in mail.outbox] == [[cast.expert.user.email]]
    skipped = OutboxItem.objects.get(key__endswith=f"-{cast.submitter.pk}",
                                     key__startswith="incident-handover")
    assert skipped.outcome == OutboxOutcome.SKIPPED


def test_after_the_hand_over_the_new_owner_replies_and_the_reporter_reads__R_INC_13(cast):
    incident = make_incident(cast.submitter)
    actions.hand_over_incident(actor=cast.administrator, incident=incident, to=cast.expert)
    actions.reply(contact=cast.expert, incident=incident, body="Ik neem het over")
    with pytest.raises(CapabilityDenied):  # the reporter still reads, but no longer replies
        actions.reply(contact=cast.submitter, incident=incident, body="En ik dan?")
    html = client_for(cast.submitter.user).get(f"/incidents/{incident.number}/").content.decode()
    assert "Ik neem het over" in html and 'data-testid="reply-form"' not in html
    html = client_for(cast.expert.user).get(f"/incidents/{incident.number}/").content.decode()
    assert 'data-testid="reply-form"' in html


def test_the_history_shows_hand_overs_between_status_changes__R_INC_13(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    actions.hand_over_incident(actor=cast.administrator, incident=incident, to=cast.expert,
                               now=MONDAY_10 + dt.timedelta(hours=1))
    actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff,
                          now=MONDAY_10 + dt.timedelta(hours=2))
    html = client_for(cast.viewer.user).get(f"/incidents/{incident.number}/").content.decode()
    history = html.split('data-testid="history"')[1].split("</ol>")[0]
    submitted, handed, progress = (history.index("Submitted"), history.index("Handed over from"),
                                   history.index("In progress"))
    assert submitted < handed < progress
    assert f"Handed over from {cast.submitter.user.email} to {cast.expert.user.email}" in history


def test_staff_see_the_hand_over_in_the_admin__R_INC_13(cast, staff):
    incident = make_incident(cast.submitter)
    actions.hand_over_incident(actor=cast.administrator, incident=incident, to=cast.expert)
    html = client_for(staff).get(
        f"/admin/incidents/incident/{incident.pk}/change/").content.decode()
    inline = html.split('id="owner_changes-group"')[1].split("</fieldset>")[0]
    assert cast.expert.user.email in inline and cast.administrator.user.email in inline


# The page

def test_it_requires_login__R_INC_13(client, cast):
    incident = make_incident(cast.submitter)
    response = client.get(_url(incident))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_form_offers_the_organisations_active_contacts__R_INC_13(cast):
    incident = make_incident(cast.submitter)
    colleague(cast.organisation, Role.SUBMIT_INCIDENTS, email="weg@test.example",
              is_active=False)
    response = client_for(cast.administrator.user).get(_url(incident))
    assert response.status_code == 200
    choices = {contact.pk for contact in response.context["form"].fields["owner"].shown.values()}
    assert cast.submitter.pk not in choices  # the current owner
    assert cast.other_administrator.pk not in choices
    assert not Contact.objects.filter(pk__in=choices, is_active=False).exists()
    assert {cast.expert.pk, cast.viewer.pk, cast.administrator.pk} <= choices
    html = response.content.decode()
    assert f"{cast.viewer.user.email} – gets the role Submit incidents" in html
    assert f"{cast.expert.user.email} – gets" not in html


def test_handing_over_on_the_page_redirects_to_the_incident__R_INC_13(cast, monkeypatch):
    monkeypatch.setattr(views, "now", lambda: MONDAY_10)
    incident = make_incident(cast.submitter)
    response = client_for(cast.administrator.user).post(_url(incident),
                                                        {"owner": cast.expert.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/incidents/{incident.number}/"
    assert OwnerChange.objects.get().at == MONDAY_10


def test_a_full_seat_cap_keeps_the_form_with_a_message__R_INC_13_R_QUOTA_5(cast):
    _seats(cast, 1)
    newcomer = colleague(cast.organisation, Role.EMPLOYEE, email="nieuw@test.example")
    incident = make_incident(cast.submitter)
    response = client_for(cast.administrator.user).post(_url(incident),
                                                        {"owner": newcomer.pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert "submitter seats are in use" in html
    assert f'value="{newcomer.pk}" selected' in html  # the choice is kept
    assert Incident.objects.get().owner == cast.submitter


def test_a_missing_profile_keeps_the_form_with_a_message__R_INC_13_R_GATE_4(cast):
    incident = make_incident(cast.submitter)
    response = client_for(cast.administrator.user).post(_url(incident),
                                                        {"owner": cast.viewer.pk})
    assert response.status_code == 400
    assert "no submission profile" in response.content.decode()


@pytest.mark.parametrize("value", ["", "abc", "-1", "999999", "1.5"])
def test_bad_choices_are_form_errors__R_INC_13_R_X_2(cast, value):
    incident = make_incident(cast.submitter)
    response = client_for(cast.administrator.user).post(_url(incident), {"owner": value})
    assert response.status_code == 400
    assert Incident.objects.get().owner == cast.submitter


@pytest.mark.parametrize("target", ["other_organisation", "removed", "inactive"])
def test_another_organisations_or_a_gone_contact_is_a_form_error__R_INC_13_R_X_2(cast, target):
    incident = make_incident(cast.submitter)
    contact = {"other_organisation": cast.other_administrator,
               "removed": colleague(cast.organisation, email="verwijderd@test.example",
                                    is_active=False, removed_at=MONDAY_10),
               "inactive": colleague(cast.organisation, Role.SUBMIT_INCIDENTS,
                                     email="weg@test.example", is_active=False)}[target]
    response = client_for(cast.administrator.user).post(_url(incident), {"owner": contact.pk})
    assert response.status_code == 400
    assert not OwnerChange.objects.exists()


def test_another_organisations_incident_is_404__R_INC_13_R_ROLE_14(cast):
    incident = make_incident(cast.submitter)
    client = client_for(cast.other_administrator.user)
    assert client.get(_url(incident)).status_code == 404
    assert client.post(_url(incident), {"owner": cast.other_administrator.pk}).status_code == 404
    assert client.get("/incidents/abcdefgh/hand-over/").status_code == 404
    assert not OwnerChange.objects.exists()


@pytest.mark.parametrize("who", ["submitter", "viewer", "expert", "no_role"])
def test_only_administrators_open_the_page__R_INC_13(cast, who):
    incident = make_incident(cast.submitter)
    client = client_for(getattr(cast, who).user)
    assert client.get(_url(incident)).status_code == 403
    assert client.post(_url(incident), {"owner": cast.expert.pk}).status_code == 403
    assert not OwnerChange.objects.exists()


def test_a_resolved_incident_sends_the_administrator_back__R_INC_13(cast, staff):
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    client = client_for(cast.administrator.user)
    response = client.get(_url(incident))
    assert response.status_code == 302 and response["Location"] == f"/incidents/{incident.number}/"
    assert client.post(_url(incident), {"owner": cast.expert.pk}).status_code == 302
    assert not OwnerChange.objects.exists()
    html = client.get(f"/incidents/{incident.number}/").content.decode()
    assert 'data-testid="hand-over-link"' not in html


def _page_queries(cast, count: int) -> int:
    _seats(cast, 100)
    for number in range(count):
        colleague(cast.organisation, Role.EMPLOYEE, email=f"collega{count}-{number}@test.example")
    incident = make_incident(cast.submitter)
    client = client_for(cast.administrator.user)
    client.get(_url(incident))
    return queries_of(client, _url(incident))


def test_the_page_query_count_is_constant__R_INC_13_R_X_3(cast):
    one = _page_queries(cast, 1)
    Incident.objects.all().delete()
    Contact.objects.filter(user__email__startswith="collega").delete()
    assert _page_queries(cast, 50) == one


def test_the_role_matrix_gives_hand_over_to_administrators_only__R_INC_13():
    from accounts.permissions import ROLE_MATRIX, Capability, can
    from contacts.models import ROLE_FIELDS

    assert ROLE_MATRIX[Capability.HAND_OVER_INCIDENTS].rule_id == "R-INC-13"
    for role in Role:
        contact = Contact(is_active=True, **{ROLE_FIELDS[role]: True})
        assert can(contact, Capability.HAND_OVER_INCIDENTS) is (role == Role.ADMINISTRATOR)
    assert not can(Contact(is_active=False, is_administrator=True),
                   Capability.HAND_OVER_INCIDENTS)


def test_above_the_choice_limit_the_new_owner_is_typed_by_email__R_INC_13_issue_15(
        cast, monkeypatch):
    """A select of 1,000 colleagues costs 50 ms and 100 KiB and helps nobody choose: above
    COLLEAGUE_CHOICES the administrator types the address; another organisation's or an
    unknown address is a form error that keeps what was typed, and the page still costs
    one query for the candidates."""
    incident = make_incident(cast.submitter)
    client = client_for(cast.administrator.user)
    client.get(_url(incident))
    few = queries_of(client, _url(incident))
    monkeypatch.setattr(contact_forms, "COLLEAGUE_CHOICES", 2)
    html = client.get(_url(incident)).content.decode()
    assert 'type="email" name="owner"' in html and "<select" not in html
    assert 'id="id_owner_helptext"' in html and "s email address." in html
    assert queries_of(client, _url(incident)) == few
    for typed in (cast.other_administrator.user.email, "niemand@test.example"):
        response = client.post(_url(incident), {"owner": typed})
        assert response.status_code == 400
        html = response.content.decode()
        assert f"{typed} is not one of the colleagues you can choose here." in html
        assert f'value="{typed}"' in html
    response = client.post(_url(incident), {"owner": " " + cast.expert.user.email.upper()})
    assert response.status_code == 302
    assert Incident.objects.get().owner == cast.expert
