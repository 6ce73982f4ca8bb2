"""Single sign-on as a person meets it (R-SSO-1): on the portal's login page Eva types her
work address, continues at her organisation's identity provider (a real OpenID provider on
loopback, ``tests.sso.oidc_provider``), signs in there and lands on the portal's dashboard
as the contact she is. The login page passes axe-core at desktop and phone widths (R-X-4)."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from tests.browser.conftest import SCREENSHOT_DIR, assert_no_axe_violations
from tests.factories import make_contact, make_organisation, make_user
from tests.sso.conftest import oidc, set_up_sso  # noqa: F401 (the provider fixture)

pytestmark = [pytest.mark.browser, pytest.mark.processes]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_contact_logs_in_with_her_organisations_provider__R_SSO_1(
        page, live_server, oidc, language):  # noqa: F811
    organisation = make_organisation("Klant Zorg BV")
    make_contact(organisation, Role.EMPLOYEE,
                       user=make_user("eva@zorg.example", first_name="Eva", last_name="Jansen"))
    set_up_sso(organisation, issuer=oidc.issuer, domains=("zorg.example",))
    oidc.set_claims("eva", email="eva@zorg.example", email_verified=True, given_name="Eva")
    page.context.add_cookies([{"name": "portal_language", "value": language,
                               "url": live_server.url}])

    page.goto(f"{live_server.url}/accounts/login/")
    assert "Klant Zorg BV" not in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"sso-login-1280-{language}.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert_no_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / f"sso-login-390-{language}.png"), full_page=True)

    page.locator("#id_sso_email").fill("eva@zorg.example")
    page.locator("form[action='/sso/login/'] button[type=submit]").click()
    page.wait_for_url(f"{oidc.base}/login/**")
    page.get_by_label("Username").fill("eva")
    page.get_by_label("Password").fill("eva")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    main = page.locator("main").inner_text()
    assert "Klant Zorg BV" in main and "Eva Jansen" in main  # her organisation, logged in
    assert_no_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / f"sso-dashboard-390-{language}.png"),
                    full_page=True)


def test_an_address_without_single_sign_on_is_told_on_the_page__R_SSO_1(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_sso_email").fill("iemand@nergens.example")
    page.locator("form[action='/sso/login/'] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/sso/login/")
    assert page.locator("main input[name=email]").input_value() == "iemand@nergens.example"
    assert_no_axe_violations(page)
    page.screenshot(path=str(SCREENSHOT_DIR / "sso-no-provider-1280.png"), full_page=True)
