"""The demo administrator starts the day on the dashboard: it says what waits (incidents,
invoices, the organisation check, requests, releases) and each item leads to its page; the
submitter sees the incident that waits for their answer (issue 14, R-X-4)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOT_DIR, assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

ADMINISTRATOR, SUBMITTER = "beheerder@demo.example", "insturen@demo.example"


def test_the_dashboard_says_what_needs_you_and_leads_there__issue_14(page, live_server):
    seed_demo()
    login(page, live_server, ADMINISTRATOR)
    attention = page.locator("[data-testid=attention]")
    expect(attention).to_be_visible()
    items = attention.locator("[data-attention]")
    assert items.count() >= 3
    expect(attention.locator("[data-attention=seats]")).to_contain_text(" ")
    assert_no_axe_violations(page)
    if os.environ.get("BROWSER_SCREENSHOTS"):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(SCREENSHOT_DIR / f"dashboard-{width}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 800})

    # Every item is a way in: the first one opens its page.
    first = items.first.locator("a").first
    target = first.get_attribute("href")
    first.click()
    page.wait_for_url(f"{live_server.url}{target}")

    # The submitter: the demo incident that waits for them.
    page.context.clear_cookies()
    login(page, live_server, SUBMITTER)
    waiting = page.locator("[data-attention=incidents_waiting_for_you]")
    expect(waiting).to_be_visible()
    waiting.locator("a").click()
    page.wait_for_url(f"{live_server.url}/incidents/")
    assert_no_axe_violations(page)
