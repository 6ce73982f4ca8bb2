"""Webhooks in a real browser (R-HOOK-1): the demo administrator registers an endpoint (a
real HTTP receiver on loopback), sees its secret once, a contact change arrives signed and
appears in the delivery log with its response code, and "Send again" delivers the same event
again; axe-core finds nothing at 1280 and 390 px (R-X-4)."""

from __future__ import annotations


import pytest
from playwright.sync_api import expect
from standardwebhooks import Webhook

from accounts.roles import Role
from contacts.actions import ContactChanges, update_contact
from contacts.models import Contact
from tests.database_reset import seed_demo
from tests.browser.conftest import SCREENSHOT_DIR, assert_no_axe_violations, login
from tests.webhooks.receiver import http_receiver

pytestmark = pytest.mark.browser


def _screens(page, name: str) -> None:
    """Axe at both widths, with a screenshot of each (kept beside failures' screenshots)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_axe_violations(page)
        page.screenshot(path=str(SCREENSHOT_DIR / f"webhooks-{name}-{width}.png"),
                        full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_administrator_registers_an_endpoint_and_resends_a_delivery__R_HOOK_1(
        page, live_server, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True  # the receiver listens on loopback
    seed_demo()
    with http_receiver() as receiver:
        login(page, live_server, "beheerder@demo.example")
        page.goto(f"{live_server.url}/webhooks/")
        expect(page.locator("[data-testid=no-endpoints]")).to_be_visible()
        page.locator('main a[href="/webhooks/new/"]').click()
        # The page hands out a secret: the password once more first (R-X-7).
        page.wait_for_url(lambda url: "/accounts/reauthenticate/" in url)
        assert_no_axe_violations(page)
        page.locator("main input[name=password]").fill(settings.PORTAL_DEMO_PASSWORD)
        page.locator("main button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/webhooks/new/")
        form = page.locator("[data-testid=endpoint-form]")
        form.locator("input[name=url]").fill(receiver.url)
        form.locator("input[name=description]").fill("Ons ticketsysteem")
        form.locator('input[value="contact.changed"]').check()
        _screens(page, "form")
        form.locator("button[type=submit]").click()

        # The secret, once.
        secret = page.locator("[data-testid=secret-value]").inner_text().strip()
        assert secret.startswith("whsec_")
        expect(page.locator("[data-testid=no-deliveries]")).to_be_visible()
        _screens(page, "secret")
        page.reload()
        expect(page.locator("[data-testid=secret]")).to_have_count(0)

        # A contact changes: the event is delivered (in-process in the test settings).
        admin = Contact.objects.get(user__email="beheerder@demo.example")
        employee = Contact.objects.get(user__email="medewerker@demo.example",
                                       organisation=admin.organisation)
        update_contact(actor=admin, contact=employee, changes=ContactChanges(
            roles=frozenset({Role.EMPLOYEE, Role.VIEW_INCIDENTS}),
            submission_profile=employee.submission_profile))
        [request] = receiver.requests
        payload = Webhook(secret).verify(request.body, request.headers)
        assert payload["data"]["contact"]["email"] == "medewerker@demo.example"

        page.reload()
        row = page.locator("[data-testid=delivery]")
        expect(row).to_have_count(1)
        expect(row).to_have_attribute("data-status", "delivered")
        expect(row.locator("[data-testid=response-code]")).to_have_text("200")
        _screens(page, "log")

        # Send again: the same webhook-id a second time, which the receiver drops.
        row.locator("[data-testid=resend]").click()
        expect(page.locator("[data-testid=delivery]")).to_have_count(2)
        assert len(receiver.requests) == 2
        assert receiver.requests[1].headers["webhook-id"] == request.headers["webhook-id"]
        assert len(receiver.processed()) == 1
        expect(page.locator("[data-testid=delivery]").first).to_have_attribute(
            "data-status", "delivered")
