"""Two contacts and one seat: the first enrols, the second joins the waiting list, the first
cancels and the second is promoted and emailed (R-COURSE-1, R-ROLE-2, R-X-4)."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from courses.models import Enrolment, Level
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT, assert_no_axe_violations, login
from tests.courses.factories import make_course, make_event
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

FIRST, SECOND = "medewerker@demo.example", "geenrol@demo.example"


def enrol_in(page, live_server, event) -> None:
    """Filter the catalogue with its form and press the event's button."""
    page.goto(f"{live_server.url}/courses/")
    page.locator("[data-testid=course-filter] select").select_option("advanced")
    page.locator("[data-testid=course-filter] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/courses/?level=advanced")
    page.locator(f"tr[data-event='{event.pk}'] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/courses/?level=advanced")


def test_enrol_fill_wait_and_be_promoted_after_a_cancellation__R_COURSE_1(
    page, browser, live_server
):
    seed_demo()
    course = make_course("Playwright voor gevorderden", level=Level.ADVANCED)
    event = make_event(course, capacity=1, location="Leusden")

    # The first contact takes the only seat.
    login(page, live_server, FIRST)
    enrol_in(page, live_server, event)
    assert "Je bent ingeschreven voor Playwright voor gevorderden" in (
        page.locator("[data-testid=flash]").inner_text())
    row = page.locator(f"tr[data-event='{event.pk}']")
    assert "Je bent ingeschreven" in row.inner_text()
    assert "Vol — wachtlijst" in row.inner_text()
    assert_no_axe_violations(page)

    # The second contact, in a browser context of their own, joins the waiting list.
    context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        second = context.new_page()
        login(second, live_server, SECOND)
        enrol_in(second, live_server, event)
        assert "je bent nummer 1 op de wachtlijst" in (
            second.locator("[data-testid=flash]").inner_text())
        second.goto(f"{live_server.url}/courses/mine/")
        waiting = Enrolment.objects.get(event=event, contact__user__email=SECOND)
        status = second.locator(f"tr[data-enrolment='{waiting.pk}'] [data-testid=status]")
        assert status.get_attribute("data-status") == "waiting"
        assert "Op de wachtlijst: nummer 1" in status.inner_text()
        assert_no_axe_violations(second)

        # The first contact cancels on their courses page.
        seat = Enrolment.objects.get(event=event, contact__user__email=FIRST)
        page.goto(f"{live_server.url}/courses/mine/")
        assert_no_axe_violations(page)
        page.locator(f"tr[data-enrolment='{seat.pk}'] [data-testid=cancel-link]").click()
        confirm = page.locator("[data-testid=confirm-cancel]")
        expect(confirm.locator("[data-testid=seat-goes]")).to_be_visible()
        assert_no_axe_violations(page)
        confirm.locator("button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/courses/mine/")
        assert "is geannuleerd" in page.locator("[data-testid=flash]").inner_text()
        assert page.locator(f"tr[data-enrolment='{seat.pk}']").count() == 0

        # The second contact now has the seat, and was emailed.
        second.reload()
        assert status.get_attribute("data-status") == "enrolled"
        assert "Ingeschreven" in status.inner_text()
    finally:
        context.close()
    assert [message.to for message in mail.outbox] == [[SECOND]]
    assert "Playwright voor gevorderden" in mail.outbox[0].subject
