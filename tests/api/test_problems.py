"""Every API error is RFC 9457 problem details (R-API-2); throttling is per token and says
when to come back (429 with Retry-After)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from contacts.models import Contact
from tests.api.factories import api_client, make_token

pytestmark = pytest.mark.django_db

PROBLEM_FIELDS = {"type", "title", "status", "detail"}


@pytest.fixture(autouse=True)
def english(cast):
    Contact.objects.update(language="en")


def _assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert PROBLEM_FIELDS <= set(body) and body["status"] == status
    assert body["type"].startswith("https://")
    return body


def test_every_error_is_problem_details__R_API_2(cast):
    submitter = api_client(make_token(cast.submitter).plaintext)
    _assert_problem(api_client().get("/api/v1/incidents/"), 401)
    _assert_problem(api_client("kp_nope").get("/api/v1/incidents/"), 401)
    _assert_problem(api_client(make_token(cast.employee).plaintext).get("/api/v1/incidents/"),
                    403)
    _assert_problem(submitter.get("/api/v1/incidents/12345678/"), 404)
    _assert_problem(submitter.get("/api/v1/no-such-endpoint/"), 404)
    _assert_problem(submitter.delete("/api/v1/incidents/"), 405)
    _assert_problem(submitter.post("/api/v1/incidents/", "{not json",
                                   content_type="application/json"), 400)
    _assert_problem(submitter.post("/api/v1/incidents/", "<x/>",
                                   content_type="application/xml"), 415)
    body = _assert_problem(submitter.post("/api/v1/incidents/", {},
                                          content_type="application/json"), 400)
    assert "subject" in body["errors"]


def test_a_403_names_the_roles_needed__R_API_2_R_ROLE_14(cast):
    body = _assert_problem(
        api_client(make_token(cast.employee).plaintext).get("/api/v1/incidents/"), 403)
    assert set(body["roles_needed"]) == {"Administrator", "Submit incidents", "View incidents"}


def test_a_401_asks_for_a_bearer_token__R_API_1(cast):
    response = api_client().get("/api/v1/me/")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unexpected_error_is_a_500_problem__R_API_2(cast, monkeypatch):
    from api import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.MeSerializer, "__init__", broken)
    body = _assert_problem(api_client(make_token(cast.employee).plaintext).get("/api/v1/me/"),
                           500)
    assert "boom" not in body["detail"]


@override_settings(API_RATE="3/min")
def test_throttled_per_token_with_retry_after__R_API_2(cast):
    first = api_client(make_token(cast.employee, name="Een").plaintext)
    for _ in range(3):
        assert first.get("/api/v1/me/").status_code == 200
    body = _assert_problem(throttled := first.get("/api/v1/me/"), 429)
    assert 0 < int(throttled["Retry-After"]) <= 60
    assert body["retry_after"] == int(throttled["Retry-After"])
    # Another token (also of the same person) has its own count.
    second = api_client(make_token(cast.employee, name="Twee").plaintext)
    assert second.get("/api/v1/me/").status_code == 200
