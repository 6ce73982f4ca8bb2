"""Access details of the incident pages: another organisation's number is 404 on every URL
that takes one, the menu, private attachment storage, search never sees internal notes, and
the survey results for staff (R-ROLE-14, R-INC-8/9/10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from accounts.roles import Role
from incidents import actions, views
from incidents.models import RemoteAccessGrant, Status
from tests.conftest import client_for
from tests.factories import make_contact
from tests.incidents.factories import at, make_incident, pdf

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_every_incident_url_hides_another_organisations_incident__R_ROLE_14_R_INC_13_R_INC_15(
        cast, staff):
    incident = make_incident(cast.submitter, files=[pdf()])
    grant = actions.request_remote_access(incident=incident, actor=staff)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    outsider = make_contact(cast.other_organisation, Role.SUBMIT_INCIDENTS, Role.VIEW_INCIDENTS,
                            Role.ADMINISTRATOR, email="submitter@other.example")
    client = client_for(outsider.user)
    base = f"/incidents/{incident.number}/"
    for url in (base, f"{base}submitted/", f"{base}deadline/",
                f"{base}attachments/{incident.attachments.get().pk}/"):
        assert client.get(url).status_code == 404, url
    assert client.post(base, {"body": "x"}).status_code == 404
    assert client.post(f"{base}access/", {"level": "read", "period": "2h"}).status_code == 404
    assert client.post(f"{base}access/{grant.pk}/revoke/").status_code == 404
    assert client.post(f"{base}survey/", {"score": "1"}).status_code == 404
    # R-INC-13/15: the hand-over (this outsider administrates their own organisation),
    # marking solved and withdrawing.
    assert client.get(f"{base}hand-over/").status_code == 404
    assert client.post(f"{base}hand-over/", {"owner": outsider.pk}).status_code == 404
    assert client.post(f"{base}solved/").status_code == 404
    assert client.post(f"{base}withdraw/", {"confirm": "on"}).status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None and not hasattr(incident, "survey_cache")
    assert not RemoteAccessGrant.objects.filter(granted_at__isnull=False).exists()


def test_a_grant_of_another_incident_is_404__R_INC_11(cast, staff):
    mine, other = make_incident(cast.submitter), make_incident(cast.submitter)
    grant = actions.request_remote_access(incident=other, actor=staff)
    response = client_for(cast.submitter.user).post(
        f"/incidents/{mine.number}/access/{grant.pk}/revoke/")
    assert response.status_code == 404


@pytest.mark.parametrize(("who", "shown"), [("submitter", True), ("viewer", True),
                                            ("administrator", True), ("employee", False),
                                            ("no_role", False)])
def test_the_menu_shows_incidents_to_submitters_and_viewers__R_ROLE_6_R_ROLE_7(cast, who,
                                                                                 shown):
    html = client_for(getattr(cast, who).user).get("/").content.decode()
    assert ('href="/incidents/"' in html) == shown


def test_the_submitted_page_says_when_the_desk_opens__R_INC_10(cast, monkeypatch):
    monkeypatch.setattr(views, "now", lambda: at(2026, 3, 7, 11, 0))  # a Saturday
    incident = make_incident(cast.submitter)
    html = client_for(cast.submitter.user).get(
        f"/incidents/{incident.number}/submitted/").content.decode()
    assert "Closed now" in html and "Opens on Monday 9 March at 08:30" in html


def test_attachments_are_stored_privately_outside_the_static_root__R_INC_9(cast):
    incident = make_incident(cast.submitter, files=[pdf()])
    stored = incident.attachments.get().file.name
    assert stored.startswith("private/incidents/") and stored.endswith("/screenshot.pdf")
    static_root = Path(settings.STATIC_ROOT).resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    assert static_root not in media_root.parents and media_root != static_root
    assert not getattr(settings, "MEDIA_URL", "").strip("/")  # never served directly


def test_search_never_finds_internal_notes__R_INC_8(cast, staff):
    incident = make_incident(cast.submitter)
    actions.add_internal_note(incident=incident, body="Zoekwoord-uit-notitie", actor=staff)
    response = client_for(cast.administrator.user).get("/incidents/?q=Zoekwoord-uit-notitie")
    assert list(response.context["page"].object_list) == []


def test_staff_see_the_survey_results(cast, staff):
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    actions.answer_survey(contact=cast.submitter, incident=incident, score=2,
                          comment="Duurde lang")
    html = client_for(staff).get("/admin/incidents/satisfactionsurvey/").content.decode()
    assert incident.number in html and "Duurde lang" in html
