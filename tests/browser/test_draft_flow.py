"""A contact writes a complaint, the session expires before they send it; they log in again
and land on the complaint form with every word still there (issue 14, R-X-2)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.models import Session
from django.core.cache import cache
from playwright.sync_api import expect

from care.models import Feedback
from incidents.models import Follower
from tests.browser.conftest import LOGIN_BUTTON, assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

EMPLOYEE = "medewerker@demo.example"
SUBJECT = "Drie keer doorverbonden"
MESSAGE = "Ik ben vanochtend drie keer doorverbonden en niemand kon me helpen."



def _expire_every_session() -> None:
    """Sessions are read from the cache and kept in the database (cached_db): both go."""
    keys = list(Session.objects.values_list("session_key", flat=True))
    cache.delete_many([f"{cached_db.KEY_PREFIX}{key}" for key in keys])
    Session.objects.filter(session_key__in=keys).delete()


def test_what_was_typed_survives_a_login__R_X_2(page, live_server):
    seed_demo()
    login(page, live_server, EMPLOYEE)
    page.goto(f"{live_server.url}/feedback/")
    page.locator("main [name=kind][value=complaint]").check()
    page.locator("main input[name=subject]").fill(SUBJECT)
    page.locator("main textarea[name=message]").fill(MESSAGE)

    _expire_every_session()  # the session expires while the contact types
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/?next=/feedback/")
    main = page.locator("main")
    main.locator("input[name=login]").fill(EMPLOYEE)
    main.locator("input[name=password]").fill(settings.PORTAL_DEMO_PASSWORD)
    with page.expect_navigation():
        main.locator(LOGIN_BUTTON).click()

    page.wait_for_url(f"{live_server.url}/feedback/")
    expect(page.locator("[data-testid=flash]").filter(has_text="opnieuw inloggen")).to_be_visible()
    assert page.locator("main input[name=subject]").input_value() == SUBJECT
    assert page.locator("main textarea[name=message]").input_value() == MESSAGE
    expect(page.locator("main [name=kind][value=complaint]")).to_be_checked()
    assert not Feedback.objects.filter(subject=SUBJECT).exists()
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert Feedback.objects.filter(subject=SUBJECT, message=MESSAGE).count() == 1


def test_a_post_only_button_after_an_expired_session_returns_to_its_page__R_X_2(
        page, live_server):
    """The Follow button posts to /incidents/<n>/follow/, which answers only POST: after the
    login that an expired session asks for, the administrator is back on the incident page
    (not on a 405), and one more click does it (issue 14)."""
    seed_demo()
    administrator = "beheerder@demo.example"
    number = "27182818"  # a demo incident of insturen@, open
    login(page, live_server, administrator)
    page.goto(f"{live_server.url}/incidents/{number}/")
    _expire_every_session()
    with page.expect_navigation():
        page.locator("[data-testid=follow]").click()
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    main = page.locator("main")
    main.locator("input[name=login]").fill(administrator)
    main.locator("input[name=password]").fill(settings.PORTAL_DEMO_PASSWORD)
    with page.expect_navigation():
        main.locator(LOGIN_BUTTON).click()

    page.wait_for_url(f"{live_server.url}/incidents/{number}/")
    assert "405" not in page.title()
    assert not Follower.objects.filter(incident__number=number,
                                       contact__user__email=administrator).exists()
    with page.expect_navigation():
        page.locator("[data-testid=follow]").click()
    expect(page.locator("[data-testid=unfollow]")).to_be_visible()
    assert Follower.objects.filter(incident__number=number, removed_at__isnull=True,
                                   contact__user__email=administrator).count() == 1
