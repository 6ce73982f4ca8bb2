"""The partner's website and contact email in a real browser (issue 14): a visitor who is not
logged in reads the register with the demo partner's website and email and a footer meant for
them; the partner's administrator changes both on the partner portal, an http:// address is
refused with the error summary and the typed text kept; axe-core finds nothing (R-X-4)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from contacts.models import Organisation
from partners.demo import PARTNER, PUBLIC_EMAIL, WEBSITE
from tests.browser.conftest import assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser


def test_visitors_reach_the_partner_and_the_partner_keeps_the_details__issue_14(
        page, live_server):
    seed_demo()

    # A visitor: the register shows the partner's website and email; the footer speaks to them.
    page.goto(f"{live_server.url}/partners/")
    register = page.locator("[data-testid=integrations]")
    expect(register.locator(f'a[href="{WEBSITE}"][rel=noopener]').first).to_be_visible()
    expect(register.locator(f'a[href="mailto:{PUBLIC_EMAIL}"]').first).to_be_visible()
    footer = page.locator("[data-testid=visitor-footer]")
    expect(footer).to_be_visible()
    expect(footer.locator("[data-testid=footer-login]")).to_have_attribute(
        "href", "/accounts/login/")
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 390, "height": 800})
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    # The partner's administrator changes the details from the partner portal.
    login(page, live_server, "partner@koppeling.example")
    expect(page.locator("[data-testid=visitor-footer]")).to_have_count(0)
    page.goto(f"{live_server.url}/partner/")
    listing = page.locator("[data-testid=partner-listing]")
    expect(listing.locator("[data-testid=partner-website]")).to_contain_text(WEBSITE)
    listing.locator("[data-testid=change-partner-details]").click()
    page.wait_for_url(f"{live_server.url}/partner/details/")
    assert_no_axe_violations(page)
    form = page.locator("[data-testid=partner-details-form]")
    form.locator("input[name=website]").fill("http://www.koppeling-nieuw.example")
    form.locator("button[type=submit]").click()
    # Refused: the error summary takes the focus, the typed address stays.
    summary = page.locator("[data-testid=error-summary]")
    expect(summary).to_be_visible()
    expect(form.locator("input[name=website]")).to_have_value(
        "http://www.koppeling-nieuw.example")
    assert_no_axe_violations(page)
    form.locator("input[name=website]").fill("www.koppeling-nieuw.example")
    form.locator("input[name=public_email]").fill("partners@koppeling-nieuw.example")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/partner/")
    partner = Organisation.objects.get(name=PARTNER)
    assert (partner.website, partner.public_email) == ("https://www.koppeling-nieuw.example",
                                                       "partners@koppeling-nieuw.example")
    page.goto(f"{live_server.url}/partners/")
    expect(page.locator('[data-testid=integrations] a[href="mailto:partners@koppeling-nieuw.'
                        'example"]').first).to_be_visible()
