"""Followers of an incident (R-MAIL-5): the reporter or owner adds colleagues of the same
organisation and removes them; administrators and viewers follow any incident of their
organisation themselves; a follower reads the incident while they follow it and are an active
contact; the history shows who added whom; another organisation's contact or incident is 404."""

from __future__ import annotations

import pytest

from accounts.permissions import CapabilityDenied
from accounts.roles import Role
from contacts.models import Contact
from contacts import forms as contact_forms
from incidents import followers, queries
from incidents.models import Follower, Incident, Status
from tests.conftest import client_for
from tests.factories import make_contact
from tests.incidents.factories import make_incident
from tests.queries import queries_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _page(client, incident) -> str:
    response = client.get(f"/incidents/{incident.number}/")
    assert response.status_code == 200
    return response.content.decode()


# Actions and the rules they ask

def test_the_reporter_adds_a_colleague_of_any_role_who_then_reads_it__R_MAIL_5(cast):
    incident = make_incident(cast.submitter)
    # The employee has no incident role: before, the incident does not exist for them.
    assert client_for(cast.employee.user).get(f"/incidents/{incident.number}/").status_code == 403
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    assert queries.is_follower(cast.employee, incident)
    assert "Boeking mislukt" in _page(client_for(cast.employee.user), incident)
    assert list(queries.incidents_visible_to(cast.employee)) == [incident]


def test_only_the_reporter_or_owner_adds_followers__R_MAIL_5(cast):
    incident = make_incident(cast.submitter)
    for actor in (cast.administrator, cast.viewer):  # they read it, they do not own it
        with pytest.raises(CapabilityDenied):
            followers.add_follower(actor=actor, incident=incident, contact=cast.employee)
    with pytest.raises(Incident.DoesNotExist):  # a colleague submitter does not see it
        followers.add_follower(actor=cast.expert, incident=incident, contact=cast.employee)
    assert not Follower.objects.exists()


def test_who_may_be_added_is_an_active_contact_of_the_organisation__R_MAIL_5(cast):
    incident = make_incident(cast.submitter)
    outsider = make_contact(cast.other_organisation, Role.EMPLOYEE, email="x@other.example")
    inactive = make_contact(cast.organisation, Role.EMPLOYEE, email="weg@test.example",
                            is_active=False)
    for contact in (outsider, inactive, cast.submitter):  # the owner follows already
        with pytest.raises(followers.FollowRefused):
            followers.add_follower(actor=cast.submitter, incident=incident, contact=contact)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.no_role)
    with pytest.raises(followers.FollowRefused):  # twice
        followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.no_role)
    assert set(queries.follower_candidates(incident)) == {
        cast.administrator, cast.employee, cast.viewer, cast.expert}


def test_administrators_and_viewers_follow_themselves_others_may_not__R_MAIL_5(cast):
    incident = make_incident(cast.submitter)
    followers.follow(contact=cast.administrator, incident=incident)
    followers.follow(contact=cast.viewer, incident=incident)
    with pytest.raises(followers.FollowRefused):
        followers.follow(contact=cast.viewer, incident=incident)
    with pytest.raises(CapabilityDenied):  # the owner gets its emails anyway
        followers.follow(contact=cast.submitter, incident=incident)
    with pytest.raises(Incident.DoesNotExist):
        followers.follow(contact=cast.expert, incident=incident)
    assert set(queries.follower_ids(incident)) == {cast.administrator.pk, cast.viewer.pk}


def test_a_deactivated_or_removed_follower_loses_the_incident__R_MAIL_5(cast):
    incident = make_incident(cast.submitter)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.no_role)
    Contact.objects.filter(pk=cast.employee.pk).update(is_active=False)
    employee = Contact.objects.select_related("user", "organisation").get(pk=cast.employee.pk)
    assert not queries.is_follower(employee, incident)
    assert not queries.incidents_visible_to(employee).exists()
    cast.no_role.user.is_active = False
    cast.no_role.user.save()
    no_role = Contact.objects.select_related("user", "organisation").get(pk=cast.no_role.pk)
    assert not queries.is_follower(no_role, incident)


def test_a_removed_follow_ends_reading_and_stays_in_the_history__R_MAIL_5(cast):
    incident = make_incident(cast.submitter)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    followers.remove_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    assert not queries.incidents_visible_to(cast.employee).exists()
    with pytest.raises(followers.FollowRefused):
        followers.remove_follower(actor=cast.submitter, incident=incident,
                                  contact=cast.employee)
    # Added again later: a new row, the old one stays for the history.
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    assert Follower.objects.filter(contact=cast.employee).count() == 2


def test_a_follower_stops_following_themselves_but_removes_nobody_else__R_MAIL_5(cast):
    incident = make_incident(cast.submitter)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.no_role)
    with pytest.raises(CapabilityDenied):
        followers.remove_follower(actor=cast.employee, incident=incident, contact=cast.no_role)
    followers.remove_follower(actor=cast.employee, incident=incident, contact=cast.employee)
    assert queries.follower_ids(incident) == [cast.no_role.pk]


def test_a_closed_incident_takes_no_new_followers__R_MAIL_5(cast, staff):
    from incidents import actions

    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    actions.change_status(incident=incident, status=Status.CLOSED, actor=staff)
    incident.refresh_from_db()
    with pytest.raises(CapabilityDenied):
        followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    with pytest.raises(CapabilityDenied):
        followers.follow(contact=cast.viewer, incident=incident)


# The incident page

def test_the_reporter_adds_and_removes_a_follower_on_the_page_with_history__R_MAIL_5(cast):
    incident = make_incident(cast.submitter)
    client = client_for(cast.submitter.user)
    page = _page(client, incident)
    assert 'data-testid="add-follower-form"' in page and "employee@test.example" in page
    response = client.post(f"/incidents/{incident.number}/followers/",
                           {"contact": cast.employee.pk}, follow=True)
    page = response.content.decode()
    assert "now follows this incident" in page
    assert 'data-testid="follower"' in page
    assert "added employee@test.example as a follower" in page
    response = client.post(f"/incidents/{incident.number}/followers/{cast.employee.pk}/remove/",
                           follow=True)
    page = response.content.decode()
    assert "no longer follows this incident" in page
    assert 'data-testid="no-followers"' in page
    assert "removed" in page and 'data-testid="follower-step"' in page


def test_the_history_names_who_added_whom__R_MAIL_5(cast):
    incident = make_incident(cast.submitter)
    cast.submitter.user.first_name, cast.submitter.user.last_name = "Sam", "Steller"
    cast.submitter.user.save()
    cast.employee.user.first_name, cast.employee.user.last_name = "Eva", "Collega"
    cast.employee.user.save()
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    followers.follow(contact=cast.viewer, incident=incident)
    steps = [step for step in queries.incident_thread(incident).timeline
             if getattr(step, "is_follower_step", False)]
    assert [(step.contact, step.by_contact, step.added) for step in steps] == [
        (cast.employee, cast.submitter, True), (cast.viewer, cast.viewer, True)]
    page = _page(client_for(cast.submitter.user), incident)
    assert "Sam Steller added Eva Collega as a follower" in page
    assert "follows the incident" in page


def test_administrators_and_viewers_get_a_follow_button_and_unfollow__R_MAIL_5(cast):
    incident = make_incident(cast.submitter)
    for contact in (cast.administrator, cast.viewer):
        client = client_for(contact.user)
        page = _page(client, incident)
        assert 'data-testid="follow"' in page and 'data-testid="add-follower-form"' not in page
        page = client.post(f"/incidents/{incident.number}/follow/", follow=True).content.decode()
        assert "You follow this incident" in page
        assert 'data-testid="unfollow"' in page and 'data-testid="follow"' not in page
        page = client.post(f"/incidents/{incident.number}/followers/{contact.pk}/remove/",
                           follow=True).content.decode()
        assert "You no longer follow this incident." in page
    # The submitter owns it: no follow button, but the form to add colleagues.
    page = _page(client_for(cast.submitter.user), incident)
    assert 'data-testid="follow"' not in page and 'data-testid="add-follower-form"' in page


def test_a_follower_without_a_role_reads_and_is_told_why_they_cannot_reply__R_MAIL_5(cast):
    incident = make_incident(cast.submitter)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.no_role)
    page = _page(client_for(cast.no_role.user), incident)
    assert 'data-testid="reply-form"' not in page
    assert "You can read this incident because you follow it." in page
    assert 'data-testid="unfollow"' in page
    # Their incident list shows it too.
    assert incident.number in client_for(cast.no_role.user).get("/incidents/").content.decode()


def test_a_follower_who_may_submit_replies_as_themselves_but_does_not_own_it__R_MAIL_5(cast):
    """A follower with Submit incidents writes on the incident as themselves (R-MAIL-5, as
    they may by email, R-MAIL-2); marking it solved, withdrawing it and granting access stay
    with the owner (R-INC-13, R-INC-15)."""
    incident = make_incident(cast.submitter)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.expert)
    client = client_for(cast.expert.user)
    page = _page(client, incident)
    assert 'data-testid="reply-form"' in page
    assert 'data-testid="why-no-reply"' not in page
    response = client.post(f"/incidents/{incident.number}/", {"body": "Ook bij mij."})
    assert response.status_code == 302
    message = incident.messages.get()
    assert (message.author_contact, message.body) == (cast.expert, "Ook bij mij.")
    assert client.post(f"/incidents/{incident.number}/withdraw/",
                       {"confirm": "on"}).status_code == 403
    incident.refresh_from_db()
    assert incident.status == Status.SUBMITTED
    # No longer following, no longer writing (nor reading: they see no incidents otherwise).
    followers.remove_follower(actor=cast.expert, incident=incident, contact=cast.expert)
    assert client.post(f"/incidents/{incident.number}/", {"body": "Nog eens."}).status_code == 404


def test_another_organisation_is_404_for_every_follower_url__R_MAIL_5_R_ROLE_14(cast):
    incident = make_incident(cast.submitter)
    outsider = make_contact(cast.other_organisation, Role.SUBMIT_INCIDENTS, Role.VIEW_INCIDENTS,
                            Role.ADMINISTRATOR, email="alles@other.example")
    client = client_for(outsider.user)
    base = f"/incidents/{incident.number}/"
    assert client.post(f"{base}followers/", {"contact": cast.employee.pk}).status_code == 404
    assert client.post(f"{base}follow/").status_code == 404
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    assert client.post(f"{base}followers/{cast.employee.pk}/remove/").status_code == 404
    # The reporter cannot add another organisation's contact, nor remove one: not a choice.
    own = client_for(cast.submitter.user)
    response = own.post(f"{base}followers/", {"contact": outsider.pk}, follow=True)
    assert "Choose a colleague from the list." in response.content.decode()
    assert own.post(f"{base}followers/{outsider.pk}/remove/").status_code == 404
    assert queries.follower_ids(incident) == [cast.employee.pk]


def test_a_bad_follower_choice_is_a_message_never_a_500__R_MAIL_5_R_X_2(cast):
    incident = make_incident(cast.submitter)
    client = client_for(cast.submitter.user)
    for data in ({}, {"contact": "x"}, {"contact": "999999"}, {"contact": cast.submitter.pk}):
        response = client.post(f"/incidents/{incident.number}/followers/", data, follow=True)
        assert response.status_code == 200
        assert "Choose a colleague from the list." in response.content.decode()
    assert not Follower.objects.exists()


def test_above_the_choice_limit_a_follower_is_added_by_email__R_MAIL_5_issue_15(
        cast, monkeypatch):
    """Above COLLEAGUE_CHOICES the reporter types the colleague's address (a select of 1,000
    colleagues made the incident page 100 KiB and 50 ms slower); an address that is not a
    colleague's is named in the message."""
    incident = make_incident(cast.submitter)
    client = client_for(cast.submitter.user)
    monkeypatch.setattr(contact_forms, "COLLEAGUE_CHOICES", 2)
    html = _page(client, incident)
    assert 'type="email" name="contact"' in html
    url = f"/incidents/{incident.number}/followers/"
    response = client.post(url, {"contact": cast.other_administrator.user.email}, follow=True)
    assert (f"{cast.other_administrator.user.email} is not one of the colleagues you can "
            "choose here.") in response.content.decode()
    response = client.post(url, {"contact": cast.employee.user.email.upper()}, follow=True)
    assert "now follows this incident" in response.content.decode()
    assert queries.is_follower(cast.employee, incident)


def _detail_queries(cast, count: int) -> int:
    incident = make_incident(cast.submitter)
    colleagues = [make_contact(cast.organisation, Role.EMPLOYEE,
                               email=f"c{n}-of-{count}@test.example") for n in range(count)]
    for colleague in colleagues:
        followers.add_follower(actor=cast.submitter, incident=incident, contact=colleague)
    followers.remove_follower(actor=cast.submitter, incident=incident, contact=colleagues[0])
    client = client_for(cast.submitter.user)
    client.get(f"/incidents/{incident.number}/")
    return queries_of(client, f"/incidents/{incident.number}/")


def test_the_incident_page_costs_the_same_with_1_and_50_followers__R_MAIL_5_R_X_3(cast):
    one = _detail_queries(cast, 1)
    Incident.objects.all().delete()
    assert _detail_queries(cast, 50) == one


def test_staff_see_the_followers_on_the_admin_page_read_only__R_MAIL_5(cast, staff):
    incident = make_incident(cast.submitter)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    followers.follow(contact=cast.viewer, incident=incident)
    followers.remove_follower(actor=cast.viewer, incident=incident, contact=cast.viewer)
    page = client_for(staff).get(f"/admin/incidents/incident/{incident.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "employee@test.example" in html and "viewer@test.example" in html
    assert 'name="followers-0-contact"' not in html  # read only, nothing to post
