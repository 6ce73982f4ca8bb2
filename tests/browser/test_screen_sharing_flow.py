"""A screen-sharing session with a one-time support code in a real browser, in both
languages: the support engineer creates the code on the incident's admin page and reads it
once; the customer opens /support/meekijken/ from the support page, enters the incident number
and the code, sees the session running with that engineer, and ends it (R-INC-11, R-X-1,
R-X-4)."""

from __future__ import annotations

import re

import pytest

from contacts.models import Contact
from incidents.models import Incident, RemoteSession, SupportCode
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT, assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

ENGINEER, REPORTER = "support@portal.example", "insturen@demo.example"
OPEN_INCIDENT = "31415926"  # a demo incident of the reporter, in progress


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_customer_starts_and_ends_a_session_with_the_engineers_code__R_INC_11(
        page, browser, live_server, language):
    seed_demo()
    Contact.objects.filter(user__email=REPORTER).update(language=language)
    incident = Incident.objects.get(number=OPEN_INCIDENT)

    # The engineer creates the code in the admin and reads it once.
    login(page, live_server, ENGINEER)
    page.goto(f"{live_server.url}/admin/incidents/incident/{incident.pk}/change/")
    page.locator("input[name=create_support_code]").check()
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    shown = page.locator("ul.messagelist").inner_text()
    digits = re.search(rf"{OPEN_INCIDENT}: ([0-9]{{6}})", shown).group(1)
    assert SupportCode.objects.get(incident=incident).code_hash != digits

    # The customer enters the number and the code on /support/meekijken/.
    context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        customer = context.new_page()
        login(customer, live_server, REPORTER)
        customer.goto(f"{live_server.url}/support/")
        customer.locator("[data-testid=screen-sharing-link]").click()
        customer.wait_for_url(f"{live_server.url}/support/meekijken/")
        assert_no_axe_violations(customer)
        form = customer.locator("[data-testid=screen-sharing-form]")
        form.locator("input[name=number]").fill(OPEN_INCIDENT)
        form.locator("input[name=code]").fill(digits)
        form.locator("button[type=submit]").click()
        customer.wait_for_url(f"{live_server.url}/incidents/{OPEN_INCIDENT}/")

        running = customer.locator("[data-testid=running-session]")
        assert "Sanne" in running.inner_text()
        assert customer.locator("[data-testid=flash]").is_visible()
        assert_no_axe_violations(customer)
        session = RemoteSession.objects.get(incident=incident)
        assert session.confirmed_by.user.email == REPORTER
        assert session.engineer.email == ENGINEER and session.ended_at is None

        # Ending asks first (issue 14): a page of its own, then the button there.
        running.locator("[data-testid=end-session]").click()
        customer.wait_for_url(f"{live_server.url}/incidents/{OPEN_INCIDENT}/session/*/end/")
        assert RemoteSession.objects.get(pk=session.pk).ended_at is None
        assert_no_axe_violations(customer)
        customer.locator("[data-testid=confirm-end] button[type=submit]").click()
        customer.wait_for_url(f"{live_server.url}/incidents/{OPEN_INCIDENT}/")
        assert customer.locator("[data-testid=running-session]").count() == 0
        steps = customer.locator("[data-testid=history] [data-testid=remote-step]")
        kinds = [steps.nth(index).get_attribute("data-kind") for index in range(steps.count())]
        assert kinds[-3:] == ["code_created", "session_started", "session_ended"]
    finally:
        context.close()
    session.refresh_from_db()
    assert session.ended_at is not None and session.ended_by_contact.user.email == REPORTER
