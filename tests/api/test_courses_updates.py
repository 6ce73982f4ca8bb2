"""Courses and the Update Center through the API (R-API-2): every contact sees the catalogue
and enrols (R-ROLE-2, R-COURSE-1: a full event means the waiting list); releases and their
files only with EMPLOYEE or ADMINISTRATOR (R-ROLE-4), drafts never; a download is the Update
Center's own response: recorded once and resumable (R-UPD-3)."""

from __future__ import annotations

import pytest

from contacts.models import Contact
from courses.models import Enrolment, EnrolmentStatus
from tests.api.factories import api_client, make_token
from tests.courses.factories import make_event
from tests.updates.factories import make_release, make_release_file
from updates.models import Download

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(cast):
    Contact.objects.update(language="en")


def _client(contact: Contact):
    return api_client(make_token(contact).plaintext)


def test_catalogue_and_enrolment_with_waiting_list__R_API_2_R_COURSE_1(cast):
    event = make_event(capacity=1)
    first, second = _client(cast.no_role), _client(cast.employee)
    courses = first.get("/api/v1/courses/").json()
    assert [e["id"] for c in courses for e in c["events"]] == [event.pk]
    enrolled = first.post("/api/v1/enrolments/", {"event": event.pk},
                          content_type="application/json")
    assert enrolled.status_code == 201 and enrolled.json()["status"] == "enrolled"
    waiting = second.post("/api/v1/enrolments/", {"event": event.pk},
                          content_type="application/json")
    assert waiting.json()["status"] == "waiting" and waiting.json()["waiting_position"] == 1
    again = first.post("/api/v1/enrolments/", {"event": event.pk},
                       content_type="application/json")
    assert again.status_code == 409
    # Cancelling frees the seat for the first in line.
    cancel = first.post(f"/api/v1/enrolments/{enrolled.json()['id']}/cancel/")
    assert cancel.status_code == 204
    assert Enrolment.objects.get(contact=cast.employee).status == EnrolmentStatus.ENROLLED
    assert [row["status"] for row in second.get("/api/v1/enrolments/").json()] == ["enrolled"]


def test_another_contacts_enrolment_is_404__R_API_2_R_ROLE_14(cast):
    event = make_event()
    enrolled = _client(cast.employee).post("/api/v1/enrolments/", {"event": event.pk},
                                           content_type="application/json").json()
    refused = _client(cast.administrator).post(f"/api/v1/enrolments/{enrolled['id']}/cancel/")
    assert refused.status_code == 404
    assert _client(cast.no_role).post("/api/v1/enrolments/", {"event": 999999},
                                      content_type="application/json").status_code == 404


def test_releases_for_employees_and_administrators_only__R_API_2_R_ROLE_4(cast):
    release = make_release("10.1")
    make_release("10.2", published=False)
    rows = _client(cast.employee).get("/api/v1/releases/").json()["results"]
    assert [row["version"] for row in rows] == ["10.1"]
    assert _client(cast.submitter).get("/api/v1/releases/").status_code == 403
    detail = _client(cast.employee).get(f"/api/v1/releases/{release.pk}/")
    assert detail.status_code == 200 and "btw-aangifte" in detail.json()["notes"]


def test_a_draft_is_404__R_API_2_R_UPD_1(cast):
    draft = make_release(published=False)
    assert _client(cast.employee).get(f"/api/v1/releases/{draft.pk}/").status_code == 404


def test_downloads_are_recorded_once_and_resumable__R_API_2_R_UPD_3(cast):
    release_file = make_release_file(make_release())
    client = _client(cast.employee)
    url = _client(cast.employee).get(
        f"/api/v1/releases/{release_file.release_id}/").json()["files"][0]["url"]
    whole = client.get(url)
    assert whole.status_code == 200
    assert b"".join(whole.streaming_content) == b"0123456789abcdefghij"
    part = client.get(url, HTTP_RANGE="bytes=10-")
    assert part.status_code == 206 and b"".join(part.streaming_content) == b"abcdefghij"
    assert Download.objects.filter(contact=cast.employee).count() == 1
    assert _client(cast.submitter).get(url).status_code == 403
