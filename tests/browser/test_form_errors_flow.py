"""A contact pastes a complaint that is too long: the counter says so while typing, nothing
is cut off, and after sending the page opens on a summary of what to fix that leads to the
field, with every character still there (issue 14, R-X-2, R-X-4)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from care.forms import MESSAGE_MAX_LENGTH
from care.models import Feedback
from tests.browser.conftest import assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

EMPLOYEE = "medewerker@demo.example"


def test_a_too_long_complaint_is_counted_refused_and_kept__R_X_2(page, live_server):
    seed_demo()
    login(page, live_server, EMPLOYEE)
    page.goto(f"{live_server.url}/feedback/")

    message = page.locator("main textarea[name=message]")
    counter = page.locator("#id_message-counter")
    expect(counter).to_contain_text(str(MESSAGE_MAX_LENGTH))  # all characters still left

    text = "Dit is een lang verhaal over wat er misging. " * 120  # 5,400 characters
    page.locator("main input[name=subject]").fill("Te lang")
    page.locator("main [name=kind][value=complaint]").check()
    message.fill(text)
    assert message.input_value() == text  # the browser did not cut it off
    over = len(text) - MESSAGE_MAX_LENGTH
    expect(counter).to_contain_text(str(over))
    expect(counter).to_have_class("form-text char-counter text-danger")

    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    summary = page.locator("[data-testid=error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.locator("main textarea[name=message]").input_value() == text.replace("\r", "")
    assert not Feedback.objects.filter(subject="Te lang").exists()
    assert_no_axe_violations(page)

    # The summary leads to the field; shortened, the complaint goes through.
    summary.locator("a[href='#id_message']").click()
    expect(page.locator("#id_message")).to_be_focused()
    page.locator("#id_message").fill(text[:MESSAGE_MAX_LENGTH])
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    expect(page.locator("[data-testid=error-summary]")).to_have_count(0)
    assert Feedback.objects.filter(subject="Te lang").count() == 1
