"""Login, logout, password reset and email verification through django-allauth."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from tests.conftest import client_for
from tests.factories import PASSWORD, make_contact, make_user

pytestmark = pytest.mark.django_db


def login(client: Client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_email_is_the_username_case_insensitively(cast):
    client = Client()
    response = login(client, "Employee@Test.example")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_password_keeps_the_email_and_says_so(cast):
    response = login(Client(), "employee@test.example", "wrong-password")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="employee@test.example"' in page
    assert "wachtwoord is niet correct" in page  # allauth's Dutch message


def test_failed_logins_are_rate_limited(cast):
    client = Client()
    for _attempt in range(5):
        assert "Te veel" not in login(client, "employee@test.example", "wrong").content.decode()
    refused = login(client, "employee@test.example", "wrong")
    assert "Te veel mislukte inlogpogingen" in refused.content.decode()
    assert "Wacht 5 minuten" in refused.content.decode()  # how long (issue 14)
    # Even the right password is refused while the limit holds.
    response = login(client, "employee@test.example")
    assert response.status_code == 200 and client.get("/").status_code == 302


def test_logout_ends_the_session(cast):
    client = client_for(cast.employee.user)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_there_is_no_public_signup(client):
    response = client.post("/accounts/signup/", {"email": "new@test.example",
                                                 "password1": "A-long-password-1",
                                                 "password2": "A-long-password-1"})
    assert response.status_code == 200
    assert not make_user.__globals__["User"].objects.filter(email="new@test.example").exists()


def test_password_reset_sends_an_email_with_a_working_link(
    cast, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "employee@test.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["employee@test.example"]
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    response = client.post(form_page.redirect_chain[-1][0] if form_page.redirect_chain
                           else link.group(1),
                           {"password1": "Another-password-77", "password2": "Another-password-77"})
    assert response.status_code == 302
    assert login(Client(), "employee@test.example", "Another-password-77").status_code == 302


def test_an_unverified_email_must_be_verified_before_login(
    cast, django_capture_on_commit_callbacks
):
    user = make_user("unverified@test.example", verified=False)
    make_contact(cast.organisation, user=user)
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, "unverified@test.example")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert client.get("/").status_code == 302  # still not logged in


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/password/reset/"])
def test_allauth_entrance_pages_use_the_portal_layout(client, url):
    page = client.get(url).content.decode()
    assert 'class="card auth-card' in page and 'data-testid="language-switcher"' in page


@pytest.mark.parametrize("url", ["/accounts/password/change/", "/accounts/email/",
                                 "/accounts/2fa/"])
def test_allauth_account_pages_use_the_portal_layout(cast, url):
    page = client_for(cast.employee.user).get(url).content.decode()
    assert 'class="col-lg-8"' in page and 'data-testid="main-nav"' in page


@pytest.mark.parametrize(("rates", "minutes"), [
    ("10/m/ip,5/5m/key", 5), ("10/m/ip", 1), ("3/h/key", 60), ("5/90s/key", 2), ("", 1)])
def test_the_wait_is_the_longest_login_limit__issue_14(settings, rates, minutes):
    from accounts.adapter import login_wait_minutes

    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": rates}
    assert login_wait_minutes() == minutes
