"""The incident endpoints (R-API-2 through the incident rules): list with filters and cursor
pagination, detail with public messages only, create (gate and role apply), reply, files,
mark solved; another organisation's incident is 404; fields the API does not expose are
never applied."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contacts.models import Contact
from core.models import OutboxItem
from accounts.roles import Role
from contacts.models import SubmissionProfile
from incidents.actions import add_internal_note, change_status, reply_as_staff, withdraw_incident
from tests.conftest import ESTABLISHED
from tests.factories import make_contact
from incidents.models import Incident, Message, Status
from tests.api.factories import api_client, make_token
from tests.courses.factories import make_blocked_submitter, make_result
from tests.incidents.factories import make_incident, pdf, support_user

pytestmark = pytest.mark.django_db

NEW = {"subject": "Journaalpost blijft hangen", "description": "Na het boeken draait het wiel.",
       "incident_type": "fault", "product_area": "finance", "environment": "production"}


@pytest.fixture(autouse=True)
def english(cast):
    Contact.objects.update(language="en")


def _client(contact: Contact):
    return api_client(make_token(contact).plaintext)


def test_submit_through_the_api__R_API_2_R_INC_1(cast):
    response = _client(cast.submitter).post("/api/v1/incidents/", NEW,
                                            content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    incident = Incident.objects.get()
    assert body["number"] == incident.number and incident.reporter == cast.submitter
    assert response["Location"] == f"/api/v1/incidents/{incident.number}/"
    assert body["status"] == "submitted" and body["messages"] == []
    # The same emails as from the page, through the outbox (R-INC-7, R-X-8).
    assert OutboxItem.objects.exists()


def test_fields_the_api_does_not_expose_are_never_applied__R_API_2(cast):
    forged = {**NEW, "priority": 1, "status": "resolved", "team": 1, "organisation": 999,
              "reporter": cast.other_administrator.pk, "number": "12345678"}
    response = _client(cast.submitter).post("/api/v1/incidents/", forged,
                                            content_type="application/json")
    assert response.status_code == 201
    incident = Incident.objects.get()
    assert incident.priority is None and incident.status == Status.SUBMITTED
    assert incident.organisation == cast.organisation and incident.reporter == cast.submitter
    assert incident.number != "12345678"


def test_submitting_with_files_multipart__R_API_2_R_INC_9(cast):
    response = _client(cast.submitter).post("/api/v1/incidents/", {**NEW, "files": [pdf()]})
    assert response.status_code == 201, response.json()
    [attachment] = response.json()["attachments"]
    assert attachment["name"] == "screenshot.pdf"
    download = _client(cast.submitter).get(attachment["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(
        b"%PDF")


def test_a_bad_file_is_a_400_problem_and_nothing_is_stored__R_API_2_R_INC_9(cast):
    exe = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = _client(cast.submitter).post("/api/v1/incidents/", {**NEW, "files": [exe]})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert not Incident.objects.exists()


def test_missing_fields_are_named__R_API_2_R_X_2(cast):
    response = _client(cast.submitter).post("/api/v1/incidents/", {"subject": "x" * 201},
                                            content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"subject", "description", "incident_type", "product_area"} <= set(errors)


@pytest.mark.parametrize("who", ["no_role", "employee", "administrator", "viewer"])
def test_only_submitters_submit__R_API_2_R_ROLE_13(cast, who):
    response = _client(getattr(cast, who)).post("/api/v1/incidents/", NEW,
                                                content_type="application/json")
    assert response.status_code == 403
    assert "Submit incidents" in response.json()["detail"]
    assert not Incident.objects.exists()


def test_the_starter_course_gate_applies__R_API_2_R_GATE_1(cast):
    blocked, course = make_blocked_submitter(cast.organisation)
    client = _client(blocked)
    response = client.post("/api/v1/incidents/", NEW, content_type="application/json")
    assert response.status_code == 403
    problem = response.json()
    assert problem["type"].endswith("/starter-course-required")
    assert problem["course"] == course.code and course.title in problem["detail"]
    assert not Incident.objects.exists()
    make_result(blocked, course, "7.0")
    assert client.post("/api/v1/incidents/", NEW,
                       content_type="application/json").status_code == 201


def test_the_list_is_scoped_like_the_page__R_API_2_R_ROLE_6_R_ROLE_7(cast):
    own = make_incident(cast.submitter)
    colleague = make_incident(cast.expert)
    other = make_incident(make_contact(
        cast.other_organisation, Role.SUBMIT_INCIDENTS, created_at=ESTABLISHED,
        submission_profile=SubmissionProfile.FINANCE))
    numbers = lambda contact: {row["number"] for row in  # noqa: E731
                               _client(contact).get("/api/v1/incidents/").json()["results"]}
    assert numbers(cast.submitter) == {own.number}
    assert numbers(cast.viewer) == numbers(cast.administrator) == {own.number, colleague.number}
    assert numbers(cast.other_administrator) == {other.number}
    assert numbers(cast.partner) == set()


def test_filters_and_search__R_API_2(cast, staff):
    first = make_incident(cast.submitter, "Journaalpost")
    second = make_incident(cast.submitter, "Salarisstrook")
    change_status(incident=second, status=Status.IN_PROGRESS, actor=staff)
    client = _client(cast.submitter)
    rows = lambda **query: [row["number"] for row in  # noqa: E731
                            client.get("/api/v1/incidents/", query).json()["results"]]
    assert rows(status="in_progress") == [second.number]
    assert rows(q="journaal") == [first.number]
    assert rows(q=second.number) == [second.number]
    # A bad filter value is ignored, never a 500 (R-X-2).
    assert client.get("/api/v1/incidents/", {"status": "nonsense"}).status_code == 200


def test_cursor_pagination__R_API_2(cast):
    made = [make_incident(cast.submitter, f"Nummer {i}").number for i in range(5)]
    client = _client(cast.submitter)
    page = client.get("/api/v1/incidents/", {"page_size": 2}).json()
    seen = [row["number"] for row in page["results"]]
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [row["number"] for row in page["results"]]
    assert seen == list(reversed(made))
    assert client.get("/api/v1/incidents/", {"cursor": "forged"}).status_code == 404


@pytest.fixture
def staff(cast):
    return support_user(cast.staff)


def test_detail_shows_public_messages_never_internal_notes__R_API_2_R_INC_8(cast, staff):
    incident = make_incident(cast.submitter)
    reply_as_staff(incident=incident, body="Kunt u een schermafdruk sturen?", actor=staff)
    add_internal_note(incident=incident, body="GEHEIM intern", actor=staff)
    body = _client(cast.submitter).get(f"/api/v1/incidents/{incident.number}/").content.decode()
    assert "schermafdruk" in body and "GEHEIM" not in body
    assert "support@test.example" not in body  # staff are named as on the pages


def test_another_organisations_incident_is_404__R_API_2_R_ROLE_14(cast):
    incident = make_incident(cast.submitter)
    client = _client(cast.other_administrator)
    for response in (
        client.get(f"/api/v1/incidents/{incident.number}/"),
        client.post(f"/api/v1/incidents/{incident.number}/messages/", {"body": "hoi"},
                    content_type="application/json"),
        client.post(f"/api/v1/incidents/{incident.number}/solved/"),
        client.get(f"/api/v1/incidents/{incident.number}/attachments/1/"),
    ):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert not Message.objects.exists()


def test_reply_and_mark_solved__R_API_2_R_INC_15(cast):
    incident = make_incident(cast.submitter)
    client = _client(cast.submitter)
    response = client.post(f"/api/v1/incidents/{incident.number}/messages/",
                           {"body": "Nog een detail"}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["messages"][0]["body"] == "Nog een detail"
    response = client.post(f"/api/v1/incidents/{incident.number}/solved/")
    assert response.status_code == 200 and response.json()["status"] == "resolved"
    # Solved twice: the incident's state refuses it (409), nothing changes.
    again = client.post(f"/api/v1/incidents/{incident.number}/solved/")
    assert again.status_code == 409 and again["Content-Type"] == "application/problem+json"


def test_a_viewer_reads_but_does_not_reply__R_API_2_R_ROLE_13(cast):
    incident = make_incident(cast.submitter)
    client = _client(cast.viewer)
    assert client.get(f"/api/v1/incidents/{incident.number}/").status_code == 200
    response = client.post(f"/api/v1/incidents/{incident.number}/messages/", {"body": "x"},
                           content_type="application/json")
    assert response.status_code == 403 and not Message.objects.exists()


def test_a_closed_incident_takes_no_reply__R_API_2_R_INC_6(cast, staff):
    incident = make_incident(cast.submitter)
    withdraw_incident(contact=cast.submitter, incident=incident)
    response = _client(cast.submitter).post(f"/api/v1/incidents/{incident.number}/messages/",
                                            {"body": "x"}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["type"].endswith("/incident-closed")


def test_session_auth_needs_csrf__R_API_1(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.submitter.user)
    assert client.get("/api/v1/incidents/").status_code == 200
    refused = client.post("/api/v1/incidents/", NEW, content_type="application/json")
    assert refused.status_code == 403 and not Incident.objects.exists()
    assert refused["Content-Type"] == "application/problem+json"
