from __future__ import annotations

import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

VALID = {
    "details-first_name": "Mila", "details-last_name": "de Vries",
    "details-phone": "+31 6 1234 5678",
    "preferences-job_title": "Controller", "preferences-language": "en",
    "preferences-application_management": "on", "preferences-release_news": "on",
}


def test_it_requires_login(client):
    response = client.get("/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_contact_may_change_own_details_and_preferences__R_ROLE_1(cast):
    for contact in (cast.no_role, cast.employee, cast.administrator, cast.submitter, cast.viewer):
        client = client_for(contact.user)
        response = client.post("/profile/", VALID)
        assert response.status_code == 302 and response["Location"] == "/profile/"
        contact.refresh_from_db()
        contact.user.refresh_from_db()
        assert (contact.user.first_name, contact.user.last_name, contact.user.phone) == (
            "Mila", "de Vries", "+31 6 1234 5678")
        assert contact.language == "en" and contact.job_title == "Controller"
        assert contact.application_management and contact.release_news


def test_the_saved_language_is_used_on_the_next_page__R_X_1(cast):
    client = client_for(cast.employee.user)
    page = client.post("/profile/", VALID, follow=True).content.decode()
    assert '<html lang="en">' in page
    assert "Your details have been saved." in page


def test_bad_input_is_refused_and_what_was_typed_is_kept__R_X_2(cast):
    data = {**VALID, "details-phone": "call me maybe", "preferences-language": "xx"}
    response = client_for(cast.employee.user).post("/profile/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "telefoonnummer in met minstens 6 cijfers" in page
    assert 'value="call me maybe"' in page and 'value="Controller"' in page
    cast.employee.user.refresh_from_db()
    assert cast.employee.user.first_name != "Mila"


def test_preferences_belong_to_the_active_contact_only(cast):
    from accounts.roles import Role
    from tests.factories import make_contact

    other = make_contact(cast.other_organisation, Role.EMPLOYEE, user=cast.employee.user)
    client = client_for(cast.employee.user)
    client.post("/organisation/choose/", {"organisation": cast.organisation.pk})  # R-X-6
    assert client.post("/profile/", VALID).status_code == 302
    cast.employee.refresh_from_db()
    assert cast.employee.language == "en" and cast.employee.release_news
    other.refresh_from_db()
    assert other.language == "nl" and not other.release_news


def test_staff_without_contact_get_the_explaining_403(cast):
    response = client_for(cast.staff).get("/profile/")
    assert response.status_code == 403


class TestLanguageSwitcher:
    def test_it_sets_the_cookie_for_visitors(self, client):
        response = client.post("/language/", {"language": "en", "next": "/accounts/login/"})
        assert response.status_code == 302 and response["Location"] == "/accounts/login/"
        page = client.get("/accounts/login/").content.decode()
        assert '<html lang="en">' in page and "Log in to the Klantportal" in page

    def test_dutch_is_the_default_whatever_the_browser_says__R_X_1(self, client):
        page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content
        assert b'<html lang="nl">' in page

    def test_it_becomes_the_contact_preference__R_X_1(self, cast):
        client = client_for(cast.employee.user)
        client.post("/language/", {"language": "en", "next": "/"})
        cast.employee.refresh_from_db()
        assert cast.employee.language == "en"
        fresh = client_for(cast.employee.user)  # a new session without the cookie
        assert b'<html lang="en">' in fresh.get("/").content

    def test_an_unknown_language_is_a_400(self, cast):
        response = client_for(cast.employee.user).post("/language/", {"language": "xx"})
        assert response.status_code == 400
        cast.employee.refresh_from_db()
        assert cast.employee.language == "nl"

    def test_it_refuses_an_offsite_next(self, client):
        response = client.post("/language/", {"language": "en", "next": "//evil.example/"})
        assert response["Location"] == "/"
