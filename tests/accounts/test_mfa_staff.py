"""Staff need a second factor before any admin page opens (R-X-7): enrolment forced at the
first login, the TOTP step of allauth's login, no way around it through the admin's own
login form, and bad codes refused without a 500."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client, override_settings

from accounts.mfa import current_totp_code
from accounts.staff import ensure_staff_groups
from tests.conftest import client_for
from tests.factories import (
    PASSWORD,
    give_totp,
    make_user,
    record_in_session,
    totp_code,
)

pytestmark = pytest.mark.django_db

ENROL = "/accounts/2fa/totp/activate/"
CODE_STEP = "/accounts/2fa/authenticate/"
REAUTHENTICATE = "/accounts/reauthenticate/"
# One admin page each staff group works on, and the admin's index.
GROUP_PAGES = {
    "Support": "/admin/incidents/incident/",
    "Customer Care": "/admin/courses/result/",
    "Partner management": "/admin/partners/scan/",
    "Consultancy": "/admin/consultancy/visitrequest/",
    None: "/admin/",
}


def staff(group: str | None = "Support", email: str = "staff@test.example"):
    ensure_staff_groups()
    user = make_user(email, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user) -> Client:
    """Logged in without any second factor in the session (as the admin's own password form
    or a session from before this rule would be)."""
    client = Client()
    client.force_login(user)
    return client


def log_in(client: Client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


@pytest.mark.parametrize("group", list(GROUP_PAGES))
def test_an_admin_page_without_a_second_factor_sends_to_enrolment__R_X_7(group):
    client = logged_in(staff(group))
    for url in ("/admin/", GROUP_PAGES[group], "/admin/login/", "/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == ENROL, url


@pytest.mark.parametrize("group", list(GROUP_PAGES))
def test_staff_with_a_passed_second_factor_reach_their_admin_pages__R_X_7(group):
    client = client_for(staff(group))
    assert client.get("/admin/").status_code == 200
    assert client.get(GROUP_PAGES[group]).status_code == 200


# Transactional: allauth records the new app after commit, as in production (inside the
# request), not after the response as captured on-commit callbacks would.
@pytest.mark.django_db(transaction=True)
def test_the_first_login_enrols_before_any_admin_page_and_comes_back__R_X_7():
    user = staff("Support")
    client = Client()
    assert log_in(client, user.email)["Location"] == "/"  # no authenticator: no code step
    response = client.get("/admin/incidents/incident/?status__exact=new")
    assert response["Location"] == ENROL
    # Setting up an app is a second-factor change: allauth asks for the password first.
    response = client.get(ENROL)
    assert response["Location"].startswith(REAUTHENTICATE)
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == ENROL
    page = client.get(ENROL)
    assert page.status_code == 200 and "data:image/svg+xml;base64," in page.content.decode()
    # Still nothing before the app is set up.
    assert client.get("/admin/incidents/incident/?status__exact=new").status_code == 302
    secret = client.session["mfa.totp.secret"]
    response = client.post(ENROL, {"code": current_totp_code(secret)})
    # Recovery codes are offered at once, with the way back.
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="second-factor-continue"' in page
    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    assert codes.wrap().get_unused_codes()[0] in page
    response = client.get("/second-factor/continue/")
    assert response["Location"] == "/admin/incidents/incident/?status__exact=new"
    assert client.get(response["Location"]).status_code == 200  # no second code needed
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_staff_with_an_app_log_in_with_its_code__R_X_7():
    user = staff("Support")
    give_totp(user)
    client = Client()
    assert log_in(client, user.email)["Location"] == CODE_STEP
    assert client.get("/admin/")["Location"].startswith("/admin/login/")  # not logged in yet
    response = client.post(CODE_STEP, {"code": totp_code()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("code", [
    "", "000000", "12345", "1234567", "abcdef", "１２３４５６", "éééééé", "12 34 56\x00",
    "' OR 1=1 --", "9" * 5000, "-1", "<script>alert(1)</script>",
])
def test_bad_or_forged_codes_are_refused_without_500__R_X_7(code):
    user = staff("Support")
    give_totp(user)
    if code == "000000" and totp_code() == "000000":
        code = "000001"
    client = Client()
    log_in(client, user.email)
    response = client.post(CODE_STEP, {"code": code})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_bad_codes_do_not_set_up_an_app__R_X_7():
    user = staff("Support")
    client = client_for(user)
    Authenticator.objects.filter(user=user).delete()  # as before enrolment
    assert client.get(ENROL).status_code == 200
    right = current_totp_code(client.session["mfa.totp.secret"])
    wrong = "000001" if right == "000000" else "000000"
    for code in ("", wrong, "１２３４５６", "x" * 5000, "\x00" * 6):
        assert client.post(ENROL, {"code": code}).status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()
    assert client.get("/admin/")["Location"] == ENROL


def test_a_used_code_is_refused_the_second_time__R_X_7():
    user = staff("Support")
    give_totp(user)
    code = totp_code()
    first = Client()
    log_in(first, user.email)
    assert first.post(CODE_STEP, {"code": code}).status_code == 302
    second = Client()
    log_in(second, user.email)
    assert second.post(CODE_STEP, {"code": code}).status_code == 200
    assert second.get("/admin/").status_code == 302


def test_guessing_codes_is_rate_limited__R_X_7():
    user = staff("Support")
    give_totp(user)
    client = Client()
    log_in(client, user.email)
    wrong = "000001" if totp_code() == "000000" else "000000"
    for _attempt in range(5):
        client.post(CODE_STEP, {"code": wrong})
    assert client.post(CODE_STEP, {"code": totp_code()}).status_code == 200  # refused
    assert client.get("/admin/").status_code == 302


def test_the_admin_login_form_cannot_log_anyone_in__R_X_7():
    user = staff("Support")
    client = Client()
    for response in (client.get("/admin/login/?next=/admin/incidents/"),
                     client.post("/admin/login/?next=/admin/incidents/",
                                 {"username": user.email, "password": PASSWORD})):
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/admin/incidents/"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_admin_login_of_a_logged_in_member_of_staff_asks_the_missing_step__R_X_7():
    user = staff("Support")
    assert logged_in(user).post("/admin/login/", {"username": user.email,
                                                  "password": PASSWORD})["Location"] == ENROL
    give_totp(user)
    response = logged_in(user).get("/admin/login/?next=/admin/incidents/")
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/?next=")
    response = client_for(user).get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/admin/"


def test_a_session_that_skipped_the_code_step_is_asked_for_it__R_X_7():
    """An app alone is not enough: the session must have passed it (a password-only login
    by some other way than allauth's, a session from before the app)."""
    user = staff("Customer Care")
    give_totp(user)
    client = logged_in(user)
    response = client.get("/admin/courses/result/")
    assert response["Location"] == (
        "/accounts/2fa/reauthenticate/?next=%2Fadmin%2Fcourses%2Fresult%2F"
    )
    assert client.post(response["Location"], {"code": "000000" if totp_code() != "000000"
                                              else "000001"}).status_code == 200
    response = client.post(response["Location"], {"code": totp_code()})
    assert response["Location"] == "/admin/courses/result/"
    assert client.get("/admin/courses/result/").status_code == 200


@override_settings(MIDDLEWARE=[name for name in settings.MIDDLEWARE
                               if name != "accounts.middleware.SecondFactorMiddleware"])
def test_the_admin_asks_the_second_factor_itself__R_X_7():
    """Without the middleware, the admin's has_permission still refuses, and its login page
    sends to the missing step."""
    user = staff("Support")
    client = logged_in(user)
    response = client.get("/admin/", follow=True)
    chain = [url for url, _status in response.redirect_chain]
    assert chain[:2] == ["/admin/login/?next=/admin/", ENROL]
    record_in_session(client, user, "mfa", id=give_totp(user).pk, type="totp")
    assert client.get("/admin/").status_code == 200


def test_staff_keep_their_last_authenticator__R_X_7():
    user = staff("Support")
    client = client_for(user)  # an app, its code passed, the password just confirmed
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_a_deactivated_staff_member_has_no_admin__R_X_7():
    user = staff("Support")
    client = client_for(user)
    user.is_staff = False
    user.save()
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/login/").status_code == 403

