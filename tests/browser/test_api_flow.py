"""The API's pages in a real browser (R-API-1, R-X-1, R-X-4): /api/docs/ (Swagger UI) and
/api/redoc/ render from our own static files under the site's Content-Security-Policy (the
page's context does not bypass it here) with no CSP error in the console; a contact makes a
token on /profile/, sees it once and uses it, in Dutch and in English, at 1280 and 390 px.

With ``BROWSER_SCREENSHOTS=1`` the profile's tokens section is saved to SCREENSHOT_DIR."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from django.conf import settings
from django.utils import timezone

from api.models import AccessToken
from contacts.models import Contact
from tests.database_reset import seed_demo
from tests.browser.conftest import (
    SCREENSHOT_DIR, TIMEOUT_MS, VIEWPORT, assert_no_axe_violations, login, path_of,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SUBMITTER = "insturen@demo.example"


def _strict_page(browser, viewport=VIEWPORT):
    """A page that obeys the Content-Security-Policy, recording console errors."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


@pytest.mark.parametrize("path,ready", [
    ("/api/docs/", ".swagger-ui .opblock"),
    ("/api/redoc/", "[role=search], .menu-content"),
])
def test_the_api_docs_render_under_the_csp__R_API_1(browser, live_server, path, ready):
    context, page, errors = _strict_page(browser)
    requests: list[str] = []
    # What was loaded (a request the policy blocks never finishes).
    page.on("requestfinished", lambda request: requests.append(request.url))
    try:
        page.goto(f"{live_server.url}{path}")
        page.locator(ready).first.wait_for(state="visible")
        assert "Klantportal API" in page.content()
        assert "/api/v1/incidents/" in page.locator("body").inner_text()
        # Redoc's footer asks Redocly's CDN for a logo: the policy blocks it (so nothing is
        # loaded from another host); any other error fails.
        errors = [error for error in errors if "cdn.redoc.ly" not in error]
        assert not [error for error in errors if "Content Security Policy" in error], errors
        assert not errors, errors
        # Nothing from another host: no CDN (drf-spectacular-sidecar).
        elsewhere = [url for url in requests
                     if not url.startswith((live_server.url, "data:", "blob:"))]
        assert not elsewhere, elsewhere
    finally:
        context.close()


TEXTS = {
    "nl": {"section": "API-tokens", "name": "Naam", "until": "Geldig tot",
           "create": "Token aanmaken", "once": "Kopieer het nu", "revoke": "Intrekken"},
    "en": {"section": "API tokens", "name": "Name", "until": "Valid until",
           "create": "Create token", "once": "Copy it now", "revoke": "Revoke"},
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_contact_makes_a_token_and_sees_it_once__R_API_1(page, live_server, language):
    seed_demo()
    Contact.objects.filter(user__email=SUBMITTER).update(language=language)
    texts = TEXTS[language]
    login(page, live_server, SUBMITTER)
    page.goto(f"{live_server.url}/profile/")
    section = page.locator("[data-testid=api-tokens]")
    assert texts["section"] in section.inner_text()
    _fill_token_form(section, texts)
    # A token is a new way in: the password once more first (R-X-7); allauth then sends
    # the form that asked for it.
    assert path_of(page, live_server).startswith("/accounts/reauthenticate/")
    page.locator("main input[name=password]").fill(settings.PORTAL_DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").first.click()
    assert path_of(page, live_server) == "/profile/#api-tokens"
    shown = page.locator("[data-testid=new-token-value]").input_value()
    assert shown.startswith("kp_") and texts["once"] in page.locator("main").inner_text()
    assert AccessToken.objects.get().name == "Monitoring"
    assert_no_axe_violations(page)
    _screenshot(page, f"desktop-{language}-profile-tokens")
    page.set_viewport_size(PHONE)
    _assert_fits(page)
    _screenshot(page, f"phone-{language}-profile-tokens")

    # The token works (the browser sends it as a script would) ...
    me = page.evaluate("""async ([url, token]) => {
        const response = await fetch(url, {headers: {Authorization: `Bearer ${token}`},
                                           credentials: 'omit'});
        return [response.status, await response.text()];
    }""", [f"{live_server.url}/api/v1/me/", shown])
    assert me[0] == 200 and json.loads(me[1])["email"] == SUBMITTER
    # ... and is not shown again.
    page.goto(f"{live_server.url}/profile/")
    assert page.locator("[data-testid=new-token-value]").count() == 0
    assert shown not in page.content()
    page.locator("[data-testid=token-list]").get_by_role(
        "button", name=texts["revoke"]).click()
    page.wait_for_url(f"{live_server.url}/profile/#api-tokens")
    assert AccessToken.objects.get().revoked_at is not None


def _fill_token_form(scope, texts: dict) -> None:
    scope.get_by_label(texts["name"]).fill("Monitoring")
    until = timezone.localdate() + dt.timedelta(days=60)
    scope.get_by_label(texts["until"]).fill(until.isoformat())
    with scope.page.expect_navigation():
        scope.get_by_role("button", name=texts["create"]).click()


def _assert_fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a phone"


def _screenshot(page, name: str) -> None:
    if os.environ.get("BROWSER_SCREENSHOTS"):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOT_DIR / f"{name}.png"
        page.locator("[data-testid=api-tokens]").screenshot(path=str(target))
