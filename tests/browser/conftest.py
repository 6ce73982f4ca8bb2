"""Browser-test plumbing: one headless Chromium per session, a fresh page per test, a login
helper and an axe-core check (R-X-4).

Chromium is Debian's (/usr/bin/chromium); ``npx playwright install`` is never needed. The
root conftest turns a missing Chromium into a skip locally and a failure in CI for every test
marked ``browser``.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 10_000
SCREENSHOT_DIR = Path(os.environ.get("BROWSER_SCREENSHOT_DIR",
                                      Path(tempfile.gettempdir()) / "klantportal-screenshots"))


def _axe_script() -> Path:
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).resolve().parent / "axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With pytest-xdist (``--dist loadgroup``) a browser test module runs whole in one
    worker (its Chromium is started once, ``browser`` below), and the modules are shared out
    like the other tests: at most one Chromium per worker, and the browser tests, a third of
    the suite's time, no longer wait for one worker alone (issue 12)."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group(f"browser:{item.module.__name__}"))


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """One Chromium per test module. Playwright's sync API runs an event loop in the test
    thread while it is started, and Django's ORM refuses to run in a thread with a running
    loop; so the ORM is allowed there only while this module's browser lives, and the tests
    that run after it in the same process keep Django's guard."""
    from playwright.sync_api import sync_playwright

    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if saved is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


@pytest.fixture
def page(browser, request) -> Iterator:
    """A page in a fresh context (no cookies). ``bypass_csp`` lets axe be injected despite
    the site's strict Content-Security-Policy. On failure a screenshot is saved."""
    context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.@-]+", "_", request.node.name)
            target = SCREENSHOT_DIR / f"{name}.png"
            try:
                page.screenshot(path=str(target), full_page=True)
                print(f"Screenshot of the failing page: {target}")
            except Exception:  # a screenshot is a courtesy; never hide the real failure
                pass
    finally:
        context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


CODE_STEP = "/accounts/2fa/authenticate/"
LOGIN_BUTTON = "form[action='/accounts/login/'] button[type=submit]"


def login(page, live_server, email: str, password: str | None = None) -> None:
    """Log in through allauth's form, answer its code step when the person has an
    authenticator app (staff must, R-X-7), and wait for the dashboard."""
    page.goto(f"{live_server.url}/accounts/login/")
    main = page.locator("main")
    main.locator("input[name=login]").fill(email)
    main.locator("input[name=password]").fill(password or settings.PORTAL_DEMO_PASSWORD)
    # The password form's button (the login page also holds the single sign-on form, R-SSO-1).
    main.locator(LOGIN_BUTTON).click()
    page.wait_for_url(lambda url: url in (f"{live_server.url}/",
                                          f"{live_server.url}{CODE_STEP}"))
    if page.url == f"{live_server.url}{CODE_STEP}":
        answer_code_step(page, live_server, email)
    page.wait_for_url(f"{live_server.url}/")


def totp_secret_of(email: str) -> str:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def answer_code_step(page, live_server, email: str) -> None:
    """Type the code the person's app shows now. A code is accepted once per 30-second
    period, so when this one was just used (an earlier login) wait for the next."""
    from allauth.mfa import app_settings

    from accounts.mfa import current_totp_code

    secret = totp_secret_of(email)
    for _attempt in range(2):
        page.locator("main input[name=code]").fill(current_totp_code(secret))
        with page.expect_navigation():
            page.locator("main button[type=submit]").first.click()
        if page.url != f"{live_server.url}{CODE_STEP}":
            return
        time.sleep(app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD + 1)
    raise AssertionError(f"the code step refused the codes of {email}")


def path_of(page, live_server) -> str:
    """The current page's path (and query) relative to the live server."""
    url = page.url
    assert url.startswith(live_server.url), url
    return url[len(live_server.url):] or "/"


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe-core violation(s) on {url}:"]
    for violation in violations:
        nodes = violation.get("nodes", [])
        lines.append(
            f"- {violation['id']} [{violation.get('impact')}] {violation.get('help')} "
            f"({len(nodes)} node(s)) {violation.get('helpUrl', '')}"
        )
        for node in nodes:
            target = node.get("target") or ["?"]
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target[0]}: {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page) -> None:
    """Run axe-core's default rule set on the current page; fail listing every violation."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(_axe_script()))
    results = page.evaluate("async () => await axe.run()")
    violations = results["violations"]
    assert not violations, _format_violations(page.url, violations)
