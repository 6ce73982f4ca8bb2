"""A date typed in a browser that speaks another language is spelled out in the page's
language below the field, day first and on a 24-hour clock (issue 14, R-X-1)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from contacts.models import Contact
from tests.browser.conftest import login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

ADMINISTRATOR = "beheerder@demo.example"


@pytest.mark.parametrize(("language", "expected"), [
    ("nl", ["dinsdag", "5 januari 2027", "18:00"]),
    ("en", ["Tuesday", "5 January 2027", "18:00"]),
])
def test_the_chosen_moment_is_spelled_out_in_the_page_language__R_X_1(page, live_server,
                                                                     language, expected):
    seed_demo()
    Contact.objects.filter(user__email=ADMINISTRATOR).update(language=language)
    login(page, live_server, ADMINISTRATOR)
    page.goto(f"{live_server.url}/feedback/extra-support/")
    assert page.locator("html").get_attribute("lang") == language
    field = page.locator("main input[name=starts_at]")
    field.fill("2027-01-05T18:00")
    echo = page.locator("#id_starts_at-echo")
    for part in expected:
        expect(echo).to_contain_text(part)
    expect(echo).not_to_contain_text("PM")
