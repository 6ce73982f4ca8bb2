"""The incident flow in both languages: a contact without the starter course is blocked and
told which course to take, a submitter submits with an attachment and sees the number and
today's hours, support sets priority and status and replies in the admin, the customer sees
it (and got the emails) and replies (R-GATE-2, R-INC-1/4/6/7/9/10, R-ROLE-6, R-X-1, R-X-4)."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from contacts.models import Contact
from incidents import actions
from incidents.models import Incident, Message, MessageKind, Status
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT, assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

BLOCKED, SUBMITTER, STAFF = "nieuw@demo.example", "insturen@demo.example", "support@portal.example"
RUNNING = "31415926"  # a demo incident of the submitter, in progress with priority 2
TEXTS = {
    "nl": {"in_progress": "In behandeling", "priority": "3 – niet productieverstorend",
           "email": "gewijzigd van Ingestuurd naar In behandeling", "open": "incidentnummer"},
    "en": {"in_progress": "In progress", "priority": "3 – not production-disrupting",
           "email": "changed from Submitted to In progress", "open": "incident number"},
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_blocked_submit_handle_and_reply__R_GATE_2_R_INC_6(page, browser, live_server,
                                                           tmp_path, language):
    seed_demo()
    Contact.objects.filter(user__email__in=[BLOCKED, SUBMITTER]).update(language=language)
    texts = TEXTS[language]

    # Blocked by the starter-course gate: told why and which course (R-GATE-2).
    login(page, live_server, BLOCKED)
    page.goto(f"{live_server.url}/incidents/new/")
    assert page.locator("html").get_attribute("lang") == language
    gate = page.locator("[data-testid=gate]")
    assert gate.is_visible() and page.locator("[data-testid=incident-form]").count() == 0
    assert gate.locator("a").get_attribute("href").startswith("/courses/")
    assert_no_axe_violations(page)

    # A submitter submits with an attachment (R-INC-1, R-INC-9, R-INC-10).
    context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        customer = context.new_page()
        login(customer, live_server, SUBMITTER)
        customer.goto(f"{live_server.url}/incidents/new/")
        form = customer.locator("[data-testid=incident-form]")
        form.locator("select[name=incident_type]").select_option("fault")
        form.locator("select[name=product_area]").select_option("hrm_payroll")
        form.locator("select[name=environment]").select_option("production")
        form.locator("input[name=subject]").fill("Loonstrook toont verkeerde periode")
        form.locator("textarea[name=description]").fill("Na de verloning staat mei er.")
        screenshot = tmp_path / "loonstrook.pdf"
        screenshot.write_bytes(b"%PDF-1.4 loonstrook")
        form.locator("input[name=files]").set_input_files(str(screenshot))
        assert_no_axe_violations(customer)
        customer.locator("[data-testid=submit-incident]").click()
        customer.wait_for_url(f"{live_server.url}/incidents/*/submitted/")
        incident = Incident.objects.get(subject="Loonstrook toont verkeerde periode")
        assert customer.locator("[data-testid=number]").inner_text() == incident.number
        assert "+31" in customer.locator("[data-testid=phone]").inner_text()
        assert texts["open"] in customer.locator("[data-testid=phone]").inner_text()
        assert customer.locator("[data-testid=today]").inner_text().strip()
        assert incident.attachments.get().name == "loonstrook.pdf"
        assert_no_axe_violations(customer)

        # Support finds it by number in one search, sets priority and status and replies.
        page.context.clear_cookies()
        login(page, live_server, STAFF)
        page.goto(f"{live_server.url}/admin/incidents/incident/?q={incident.number}")
        page.wait_for_url(f"{live_server.url}/admin/incidents/incident/{incident.pk}/change/")
        page.locator("select[name=priority]").select_option("3")
        page.locator("select[name=status]").select_option("in_progress")
        page.locator("textarea[name=public_reply]").fill("We hebben het nagebootst.")
        page.locator("textarea[name=internal_note]").fill("Bekend bij ontwikkeling.")
        page.locator("input[name=_save]").click()
        page.wait_for_url(f"{live_server.url}/admin/incidents/incident/")
        incident.refresh_from_db()
        assert (incident.priority, incident.status) == (3, Status.IN_PROGRESS)
        assert incident.target_at is not None

        # The customer sees the change and the reply, not the note, and was emailed (R-INC-7).
        customer.goto(f"{live_server.url}/incidents/{incident.number}/")
        badge = customer.locator("[data-status]").first
        assert badge.get_attribute("data-status") == "in_progress"
        assert badge.inner_text() == texts["in_progress"]
        assert customer.locator("[data-testid=priority]").inner_text() == texts["priority"]
        thread = customer.locator("[data-testid=thread]").inner_text()
        assert "We hebben het nagebootst." in thread
        assert "Bekend bij ontwikkeling." not in customer.content()
        assert customer.locator("[data-testid=time-left]").count() == 1
        assert_no_axe_violations(customer)
        mine = [message for message in mail.outbox if message.to == [SUBMITTER]]
        # Received, then one email for the staff save: in progress, with the reply (issue 14).
        assert len(mine) == 2
        assert "We hebben het nagebootst." in mine[1].body
        assert any(texts["email"] in message.body for message in mine)

        # The customer replies.
        reply = customer.locator("[data-testid=reply-form]")
        reply.locator("textarea[name=body]").fill("Dank, ik wacht af.")
        reply.locator("button[type=submit]").click()
        customer.wait_for_url(f"{live_server.url}/incidents/{incident.number}/")
        assert "Dank, ik wacht af." in customer.locator("[data-testid=thread]").inner_text()
        assert customer.locator("[data-testid=flash]").is_visible()
        assert Message.objects.filter(incident=incident, kind=MessageKind.CUSTOMER).count() == 1
    finally:
        context.close()


def test_time_left_is_live_while_the_clock_runs__R_INC_4(browser, live_server):
    """The detail page polls the deadline block while the clock runs, under the site's real
    Content-Security-Policy; a pause made by support shows at the next poll, which then
    stops polling. The page's clock is fast-forwarded instead of waiting a minute."""
    seed_demo()
    incident = Incident.objects.get(number=RUNNING)
    assert incident.status == Status.IN_PROGRESS and incident.target_at is not None
    Contact.objects.filter(user__email=SUBMITTER).update(language="nl")
    context = browser.new_context(viewport=VIEWPORT)  # no bypass_csp: CSP as in production
    context.set_default_timeout(TIMEOUT_MS)
    try:
        customer = context.new_page()
        customer.clock.install()
        login(customer, live_server, SUBMITTER)
        customer.goto(f"{live_server.url}/incidents/{RUNNING}/")
        block = customer.locator("[data-testid=deadline]")
        assert block.get_attribute("hx-trigger") == "every 60s"
        assert block.get_attribute("hx-swap") == "outerHTML"
        url = block.get_attribute("hx-get")
        assert url == f"/incidents/{RUNNING}/deadline/"
        assert "werktijd (ma–do" in block.inner_text()

        # The endpoint answers the block alone, for this customer's session.
        response = customer.request.get(f"{live_server.url}{url}")
        assert response.ok and "<html" not in response.text()
        assert 'data-testid="time-left"' in response.text()

        # A poll swaps in a fresh block that polls on.
        block.evaluate("element => { element.dataset.loaded = 'page'; }")
        with customer.expect_response(f"{live_server.url}{url}"):
            customer.clock.fast_forward(61_000)
        expect(customer.locator("[data-loaded=page]")).to_have_count(0)
        expect(block).to_have_attribute("hx-trigger", "every 60s")
        assert "werktijd (ma–do" in block.inner_text()

        # Support waits for the customer; the next poll shows the pause and stops polling.
        actions.change_status(incident=incident, status=Status.WAITING,
                              actor=User.objects.get(email=STAFF))
        with customer.expect_response(f"{live_server.url}{url}"):
            customer.clock.fast_forward(61_000)
        expect(block).to_contain_text("Gepauzeerd – wacht op jou")
        assert block.get_attribute("hx-trigger") is None
        assert customer.locator("[data-testid=time-left]").count() == 0
    finally:
        context.close()
