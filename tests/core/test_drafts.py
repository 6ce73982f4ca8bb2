"""What was typed survives a login (issue 14): a form sent after the session expired brings
its sender to the login page and back to the page the form was on (never a POST-only
address that answers 405), with the text back in the form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from care.models import Feedback
from core.drafts import DRAFT_LIFETIME, MAX_DRAFT_CHARACTERS, SESSION_KEY
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

FEEDBACK = "/feedback/"
TYPED = {"kind": "complaint", "subject": "Niemand belde terug",
         "message": "Al twee dagen wacht ik op een telefoontje."}


def _expired(cast) -> Client:
    """A browser whose session has expired: logged in once, then the session is gone."""
    client = client_for(cast.employee.user)
    client.session.flush()
    client.cookies.pop("sessionid", None)
    return client


def _log_in_again(client: Client, cast) -> None:
    client.force_login(cast.employee.user)


def test_a_complaint_sent_after_expiry_comes_back_after_login(cast):
    client = _expired(cast)
    response = client.post(FEEDBACK, TYPED, HTTP_REFERER="http://testserver/feedback/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/feedback/"
    assert not Feedback.objects.exists()  # nothing sent on the sender's behalf

    _log_in_again(client, cast)
    response = client.get(FEEDBACK)
    page = response.content.decode()
    assert "Niemand belde terug" in page and "Al twee dagen wacht ik op een telefoontje." in page
    assert response.context["form"]["kind"].value() == "complaint"
    assert "je getypt had" in page or "what you typed" in page  # the notice
    # Given once: the next visit starts empty.
    assert "Niemand belde terug" not in client.get(FEEDBACK).content.decode()


def test_the_password_and_the_csrf_token_are_never_kept(cast):
    client = _expired(cast)
    client.post(FEEDBACK, {**TYPED, "password": "geheim", "csrfmiddlewaretoken": "x"})
    [entry] = client.session[SESSION_KEY].values()
    assert set(entry["fields"]) == {"kind", "subject", "message"}


def test_a_post_only_address_returns_to_the_page_the_form_was_on(cast):
    """/courses/events/<pk>/enrol/ answers only POST: the login leads back to the catalogue
    the button was on."""
    client = _expired(cast)
    response = client.post("/courses/events/1/enrol/", {"next": "/courses/"},
                           HTTP_REFERER="http://testserver/courses/?level=basic")
    assert response["Location"] == "/accounts/login/?next=/courses/%3Flevel%3Dbasic"


def test_a_foreign_referer_is_not_followed(cast):
    client = _expired(cast)
    response = client.post(FEEDBACK, TYPED, HTTP_REFERER="https://evil.example/feedback/")
    assert response["Location"] == "/accounts/login/?next=/feedback/"


def test_without_a_referer_the_form_address_itself(cast):
    response = _expired(cast).post(FEEDBACK, TYPED)
    assert response["Location"] == "/accounts/login/?next=/feedback/"


def test_a_draft_is_only_for_its_own_form_fields(cast):
    client = _expired(cast)
    client.post(FEEDBACK, {**TYPED, "status": "answered", "organisation": "7"})
    _log_in_again(client, cast)
    response = client.get(FEEDBACK)
    assert set(response.context["form"].initial) == {"kind", "subject", "message"}


def test_an_old_draft_is_dropped(cast, monkeypatch):
    client = _expired(cast)
    client.post(FEEDBACK, TYPED)
    session = client.session
    drafts = session[SESSION_KEY]
    drafts["/feedback/"]["at"] = (dt.datetime.now(dt.timezone.utc) - DRAFT_LIFETIME
                                  - dt.timedelta(minutes=1)).isoformat()
    session[SESSION_KEY] = drafts
    session.save()
    _log_in_again(client, cast)
    assert "Niemand belde terug" not in client.get(FEEDBACK).content.decode()


def test_a_huge_post_is_not_kept_in_the_session(cast):
    client = _expired(cast)
    client.post(FEEDBACK, {**TYPED, "message": "x" * (MAX_DRAFT_CHARACTERS + 1)})
    assert SESSION_KEY not in client.session


def test_a_forged_draft_entry_does_not_break_the_page(cast):
    client = client_for(cast.employee.user)
    session = client.session
    session[SESSION_KEY] = {"/feedback/": {"fields": {"subject": "x"}, "at": "not a date"}}
    session.save()
    assert client.get(FEEDBACK).status_code == 200


def test_a_reply_sent_after_expiry_comes_back_on_the_incident_page(cast):
    from tests.incidents.factories import make_incident

    incident = make_incident(cast.submitter)
    url = f"/incidents/{incident.number}/"
    client = client_for(cast.submitter.user)
    client.session.flush()
    client.cookies.pop("sessionid", None)
    response = client.post(url, {"body": "Het werkt nog steeds niet."},
                           HTTP_REFERER=f"http://testserver{url}")
    assert response["Location"] == f"/accounts/login/?next={url}"
    client.force_login(cast.submitter.user)
    page = client.get(url).content.decode()
    assert "Het werkt nog steeds niet." in page
    assert not incident.messages.exists()


def test_a_new_incident_comes_back_with_its_text(cast):
    client = client_for(cast.submitter.user)
    client.session.flush()
    client.cookies.pop("sessionid", None)
    client.post("/incidents/new/", {"subject": "Rapport leeg", "description": "Sinds maandag."},
                HTTP_REFERER="http://testserver/incidents/new/")
    client.force_login(cast.submitter.user)
    form = client.get("/incidents/new/").context["form"]
    assert form["subject"].value() == "Rapport leeg"
    assert form["description"].value() == "Sinds maandag."
