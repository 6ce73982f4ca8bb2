"""The demo accounts of SPEC §11 in a real browser: navigation per role, the 403 page, the
language and organisation switchers, and axe-core on every page they reach (R-X-4)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import Role
from contacts import demo
from contacts.models import Contact, Organisation

from .conftest import (
    LOGIN_BUTTON,
    TIMEOUT_MS,
    VIEWPORT,
    assert_no_axe_violations,
    login,
    path_of,
)
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

# The header, in its order: the dashboard; the "Organisation" drop-down (contacts R-ROLE-8,
# organisation R-ROLE-5/9, invoices R-ROLE-10); the "Support" drop-down (support page for every
# contact, incidents for SUBMIT_INCIDENTS or ADMINISTRATOR/VIEW_INCIDENTS R-ROLE-6/7, knowledge
# base for every contact, feedback R-ROLE-11, extra support for administrators R-CARE-2);
# "Courses" (R-ROLE-2); Consultancy for
# administrators (R-CONS-1); the Update Center (R-ROLE-4); the partner portal (R-PART-5).
# "My details" is in the user menu (R-ROLE-1).
COURSES = ["/courses/", "/courses/mine/"]
ADMINISTRATOR = ["/", "/contacts/", "/organisation/", "/webhooks/", "/invoices/", "/support/",
                 "/incidents/", "/knowledge/", "/feedback/", "/feedback/extra-support/", *COURSES,
                 "/consultancy/", "/updates/"]
SUBMITTING_EMPLOYEE = ["/", "/organisation/", "/support/", "/incidents/", "/knowledge/",
                       "/feedback/", *COURSES, "/updates/"]
EMPLOYEE = ["/", "/organisation/", "/support/", "/knowledge/", "/feedback/", *COURSES,
            "/updates/"]
NO_ROLE = ["/", "/support/", "/knowledge/", *COURSES]
SUBMITTER = ["/", "/support/", "/incidents/", "/knowledge/", "/feedback/", *COURSES]
STAFF = ["/", "/admin/"]  # staff without a contact

# The main navigation each demo account should see, worked out from SPEC §2 and §11.
EXPECTED_NAVIGATION = {
    "beheerder@demo.example": ADMINISTRATOR,  # ADMINISTRATOR
    "insturen@demo.example": SUBMITTING_EMPLOYEE,  # EMPLOYEE, SUBMIT_INCIDENTS
    "nieuw@demo.example": SUBMITTING_EMPLOYEE,  # EMPLOYEE, SUBMIT_INCIDENTS
    "bekijken@demo.example": SUBMITTING_EMPLOYEE,  # EMPLOYEE, VIEW_INCIDENTS (sees all)
    "medewerker@demo.example": EMPLOYEE,  # EMPLOYEE
    "geenrol@demo.example": NO_ROLE,  # no role
    "expert@demo.example": SUBMITTER,  # SUBMIT_INCIDENTS only
    "beheerder@andere.example": ADMINISTRATOR,  # ADMINISTRATOR, SUBMIT_INCIDENTS
    # ADMINISTRATOR of a partner, and the partner portal (R-PART-5)
    "partner@koppeling.example": [*ADMINISTRATOR, "/partner/"],
    "support@portal.example": STAFF,  # staff, Support group, no contact
    "care@portal.example": STAFF,  # staff, Customer Care group, no contact
    "partners@portal.example": STAFF,  # staff, Partner management group, no contact
    "consultant@portal.example": STAFF,  # staff, Consultancy group, no contact
    "verlopen@demo.example": EMPLOYEE,  # EMPLOYEE, expert certificate expired
    "vertrokken@demo.example": ["/"],  # left Demo BV: no active contact any more
}


def nav_links(page):
    """Every link of the header's main navigation, drop-down items included."""
    return page.locator("[data-testid=main-nav] :is(a.nav-link, a.dropdown-item)")


def nav_hrefs(page) -> list[str]:
    links = nav_links(page)
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


def html_lang(page) -> str | None:
    return page.locator("html").get_attribute("lang")


def test_every_demo_account_has_an_expected_navigation() -> None:
    """The table below follows SPEC §11: a new demo account needs a navigation here too."""
    assert set(EXPECTED_NAVIGATION) == {account.email for account in demo.ACCOUNTS}


def test_each_demo_account_sees_its_navigation(browser, live_server) -> None:
    """Each demo account sees exactly the pages its roles open: "My details" in the user menu
    of every contact (R-ROLE-1), "Organisation" for EMPLOYEE or ADMINISTRATOR (R-ROLE-5),
    contacts and invoices for administrators (R-ROLE-8, R-ROLE-10), the administration for
    staff; every page it can reach answers OK (no 403, R-ROLE-14) and has
    no axe-core violations (R-X-4), the login page included.

    The demo data is loaded once for all accounts (they only log in and read), each account
    in a fresh browser context; every account is checked and all failures are reported.
    axe-core runs once per page and navigation: accounts with the same roles get the same
    templates (the dashboard per role in both languages is tests/browser/
    test_dashboard_roles.py's), which halves the test's time (issue 12)."""
    seed_demo()
    failures = {}
    audited: set[tuple[tuple[str, ...], str]] = set()
    for email, expected in EXPECTED_NAVIGATION.items():
        context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
        context.set_default_timeout(TIMEOUT_MS)
        try:
            _check_navigation(context.new_page(), live_server, email, expected, audited)
        except (AssertionError, PlaywrightError) as failure:
            failures[email] = str(failure)
        finally:
            context.close()
    assert not failures, "\n".join(f"{email}: {failure}" for email, failure in failures.items())


def _check_navigation(page, live_server, email: str, expected: list[str],
                      audited: set[tuple[tuple[str, ...], str]]) -> None:
    def audit(path: str) -> None:
        """axe-core on this page, unless an account with the same navigation had it."""
        key = (tuple(expected), path)
        if key not in audited:
            assert_no_axe_violations(page)
            audited.add(key)

    response = page.goto(f"{live_server.url}/accounts/login/")
    assert response is not None and response.ok, "the login page did not open"
    if ((), "/accounts/login/") not in audited:  # the same page for everyone
        assert_no_axe_violations(page)
        audited.add(((), "/accounts/login/"))

    login(page, live_server, email)
    assert nav_hrefs(page) == expected
    texts = [text.strip() for text in nav_links(page).all_text_contents()]
    assert all(texts), f"a navigation link without text: {texts}"
    audit("/")

    for href in expected:
        if href == "/":
            continue  # the dashboard was checked above
        response = page.goto(f"{live_server.url}{href}")
        status = response.status if response is not None else None
        assert status is not None and response.ok, f"{href} answered {status}"
        assert path_of(page, live_server) == href, f"{href} redirected to {page.url}"
        if href.startswith("/admin/"):
            continue  # Django's own admin: it opens for staff, axe is not ours to fix there
        current = page.locator(
            "[data-testid=main-nav] :is(a.nav-link, a.dropdown-item)[aria-current=page]")
        expect(current).to_have_attribute("href", href)
        audit(href)

    if expected not in (STAFF, ["/"]):  # "My details" is in a contact's user menu
        page.locator("[data-testid=user-menu]").click()
        page.locator('a.dropdown-item[href="/profile/"]').click()
        page.wait_for_url(f"{live_server.url}/profile/")
        audit("/profile/")


def test_forbidden_page_names_role_and_administrators(page, live_server) -> None:
    """A contact without EMPLOYEE or ADMINISTRATOR gets 403 on /organisation/ with the roles
    that would open it and the organisation's administrators (R-ROLE-14, R-ROLE-5); the page
    passes axe-core (R-X-4)."""
    seed_demo()
    login(page, live_server, "geenrol@demo.example")
    response = page.goto(f"{live_server.url}/organisation/")
    assert response is not None and response.status == 403

    with translation.override(html_lang(page)):
        labels = [str(Role.EMPLOYEE.label), str(Role.ADMINISTRATOR.label)]
    needed = page.locator("main [data-testid=needed]")
    for label in labels:
        expect(needed).to_contain_text(label)
    expect(needed).not_to_contain_text(str(Role.SUBMIT_INCIDENTS.label))

    administrators = page.locator("main [data-testid=administrators]")
    expect(administrators.locator("li")).to_have_count(1)
    expect(administrators).to_contain_text("beheerder@demo.example")
    expect(administrators.locator('a[href="mailto:beheerder@demo.example"]')).to_be_visible()
    expect(administrators).not_to_contain_text("beheerder@andere.example")

    assert_no_axe_violations(page)


def test_language_switcher(page, live_server) -> None:
    """Dutch is the default; the header's switcher changes the page to English and stores the
    choice as the contact's preference, so it survives logging out and in again, even without
    the language cookie (R-X-1)."""
    seed_demo()
    login(page, live_server, "medewerker@demo.example")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "nl")

    switcher = page.locator("[data-testid=language-switcher]")
    switcher.click()
    english = switcher.locator("xpath=following-sibling::ul").locator("button[lang=en]")
    expect(english).to_be_visible()
    with page.expect_navigation():
        english.click()
    expect(html).to_have_attribute("lang", "en")
    assert path_of(page, live_server) == "/"
    assert Contact.objects.get(user__email="medewerker@demo.example").language == "en"

    page.locator("[data-testid=user-menu]").click()
    logout = page.locator("[data-testid=logout]")
    expect(logout).to_be_visible()
    with page.expect_navigation():
        logout.click()
    expect(page.locator("[data-testid=user-menu]")).to_have_count(0)

    # Without the cookie an anonymous visitor gets Dutch: English after login comes from the
    # contact's stored preference.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    expect(html).to_have_attribute("lang", "nl")
    login(page, live_server, "medewerker@demo.example")
    expect(html).to_have_attribute("lang", "en")
    expect(page.locator("[data-testid=language-switcher]")).to_contain_text("EN")


def test_organisation_switcher(page, live_server) -> None:
    """A user who is a contact of two organisations gets a switcher in the header; choosing
    the other organisation makes every page work on it (SPEC §1); the page passes axe-core
    (R-X-4)."""
    seed_demo()
    user = User.objects.get(email="medewerker@demo.example")
    Contact.objects.create(user=user, organisation=Organisation.objects.get(name="Andere BV"),
                           is_employee=True)
    # She worked in Demo BV before, so her login opens it (R-X-6; without a last used one she
    # would be asked first: tests/browser/test_consent_flow.py).
    Contact.objects.filter(user=user, organisation__name="Demo BV").update(
        last_used_at=timezone.now())
    names = {"Demo BV", "Andere BV"}

    login(page, live_server, "medewerker@demo.example")
    switcher = page.locator("[data-testid=organisation-switcher]")
    expect(switcher).to_be_visible()
    shown = [name for name in names if name in switcher.inner_text()]
    assert len(shown) == 1, f"the switcher should name one active organisation: {shown}"
    (active,) = shown
    (other,) = names - {active}

    switcher.click()
    menu = switcher.locator("xpath=following-sibling::ul")
    expect(menu.locator("button[aria-current=true]")).to_contain_text(active)
    choice = menu.locator("button", has_text=other)
    expect(choice).to_be_visible()
    with page.expect_navigation():
        choice.click()

    switcher = page.locator("[data-testid=organisation-switcher]")
    expect(switcher).to_contain_text(other)
    expect(switcher).not_to_contain_text(active)
    expect(page.locator("main [data-testid=roles]")).to_contain_text(other)
    assert_no_axe_violations(page)

    response = page.goto(f"{live_server.url}/organisation/")
    assert response is not None and response.ok
    expect(page.locator("main h1")).to_have_text(other)


def test_a_new_member_of_staff_sets_up_an_app_before_the_admin__R_X_7(page, live_server) -> None:
    """Staff without a second factor meet enrolment right after their first login: the
    password once more (allauth), the QR code and secret, the recovery codes, then back; every
    page of the way passes axe-core (R-X-4). The next login asks for the app's code."""
    from accounts.mfa import current_totp_code
    from tests.factories import PASSWORD, make_user

    seed_demo()
    user = make_user("nieuwe-support@portal.example", is_staff=True, first_name="Noor")
    user.groups.add(Group.objects.get(name="Support"))
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main input[name=login]").fill(user.email)
    page.locator("main input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator(f"main {LOGIN_BUTTON}").click()
    # Sent to set up an app, which asks for the password first.
    assert path_of(page, live_server).startswith("/accounts/reauthenticate/")
    expect(page.locator("[data-testid=flash].alert-warning")).to_contain_text("authenticator")
    assert_no_axe_violations(page)
    page.locator("main input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").first.click()
    assert path_of(page, live_server) == "/accounts/2fa/totp/activate/"
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/admin/")
    assert path_of(page, live_server) == "/accounts/2fa/totp/activate/"  # not yet
    secret = page.locator("main #authenticator_secret").input_value()
    page.locator("main input[name=code]").fill(current_totp_code(secret))
    with page.expect_navigation():
        page.locator("main button[type=submit]").first.click()
    assert path_of(page, live_server) == "/accounts/2fa/recovery-codes/"
    assert len(page.locator("main #recovery_codes").input_value().split()) == 10
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_test_id("second-factor-continue").click()
    assert path_of(page, live_server) == "/admin/"
    response = page.goto(f"{live_server.url}/admin/incidents/incident/")
    assert response is not None and response.ok

    # The next login has the code step (login() types the code of the moment).
    page.context.clear_cookies()
    login(page, live_server, user.email, PASSWORD)
    response = page.goto(f"{live_server.url}/admin/")
    assert response is not None and response.ok and path_of(page, live_server) == "/admin/"
