"""The dashboard of every demo role in a real browser, in Dutch and in English (issue 14):
"what needs you" lists exactly the items the demo data holds for that person, with the
numbers the apps' own queries (and plain counts) give, in the page's language; every item
leads to a page that opens for them; axe-core finds nothing (R-X-1, R-X-4). Staff see no
customer items.

The expected items are worked out from the database in the test, never written down: the
demo data is dated relative to today, so the numbers move with the calendar."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from accounts.permissions import Capability, can
from contacts import demo
from contacts.models import Contact
from incidents.models import CLOCK_RUNNING, Incident, Status
from portal.attention import FIGURES, attention_for

from .conftest import TIMEOUT_MS, VIEWPORT, assert_no_axe_violations, login, path_of
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

LANGUAGES = ["nl", "en"]
CUSTOMERS = [account.email for account in demo.ACCOUNTS
             if account.organisation is not None and account.is_active]
LEFT = [account.email for account in demo.ACCOUNTS
        if account.organisation is not None and not account.is_active]
STAFF = [account.email for account in demo.ACCOUNTS if account.staff_group]


@dataclass(frozen=True)
class Item:
    """One kind of item of "what needs you": the page it leads to and its text (the
    template's msgids, "%(count)s" for the number)."""

    url_name: str
    singular: str
    plural: str | None = None


ITEMS = {
    "incidents_waiting_for_you": Item(
        "incidents", "%(count)s incident waits for your answer",
        "%(count)s incidents wait for your answer"),
    "incidents_with_news": Item(
        "incidents", "%(count)s incident has news since you last looked",
        "%(count)s incidents have news since you last looked"),
    "incidents_past_target": Item(
        "incidents", "%(count)s open incident of your organisation is past its target",
        "%(count)s open incidents of your organisation are past their target"),
    "blocked_submitters": Item(
        "contacts",
        "%(count)s contact with the role Submit incidents cannot submit yet (starter course)",
        "%(count)s contacts with the role Submit incidents cannot submit yet (starter course)"),
    "invoices_overdue": Item(
        "invoices", "%(count)s invoice is overdue", "%(count)s invoices are overdue"),
    "check_waiting": Item(
        "organisation",
        "Check that your organisation's details are still correct, and confirm them."),
    "extra_support_waiting": Item(
        "extra_support", "%(count)s request for extra support waits for an answer from us",
        "%(count)s requests for extra support wait for an answer from us"),
    "visits_waiting": Item(
        "consultancy_visits", "%(count)s visit request waits for an answer from us",
        "%(count)s visit requests wait for an answer from us"),
    "new_releases": Item(
        "updates", "%(count)s new release since your last visit to the Update Center",
        "%(count)s new releases since your last visit to the Update Center"),
    "scans_overdue": Item(
        "partner",
        "%(count)s integration is overdue for its quickscan: delisted, notice given",
        "%(count)s integrations are overdue for their quickscan: delisted, notice given"),
    "scans_due": Item(
        "partner", "%(count)s integration needs a security quickscan soon",
        "%(count)s integrations need a security quickscan soon"),
}
STARTER_COURSE = Item("courses", "Pass the starter course %(course)s to submit incidents.")
COURSE_DATES = Item("my_courses", "Your course dates")


def _text(item: Item, language: str, **values: object) -> str:
    with translation.override(language):
        if item.plural is None:
            return gettext(item.singular) % values
        return ngettext(item.singular, item.plural, int(values["count"])) % values  # type: ignore[call-overload]


def expected_items(contact: Contact, language: str) -> dict[str, tuple[str, str]]:
    """What the dashboard should list for ``contact``, from the database: item → (the path
    it links to, its text in ``language``). The counts come from the apps' own queries
    (``attention_counts`` of each app, read by ``attention_for``); the incident counts are
    checked against plain ORM counts as well."""
    attention = attention_for(contact)
    counts = attention.counts
    now = timezone.now()
    owned_waiting = Incident.objects.filter(owner=contact, status=Status.WAITING).count()
    assert counts.get("incidents_waiting_for_you", 0) == owned_waiting
    if can(contact, Capability.VIEW_ALL_INCIDENTS):
        organisation = Incident.objects.filter(organisation_id=contact.organisation_id)
        assert counts["incidents_past_target"] == organisation.filter(
            status__in=CLOCK_RUNNING, target_at__lt=now).count()
        assert (counts["incidents_submitted"], counts["incidents_in_progress"],
                counts["incidents_waiting"]) == tuple(
            organisation.filter(status=status).count()
            for status in (Status.SUBMITTED, Status.IN_PROGRESS, Status.WAITING))
    expected = {
        key: (reverse(ITEMS[key].url_name), _text(ITEMS[key], language, count=count))
        for key, count in counts.items() if key not in FIGURES and count
    }
    if attention.gate is not None and attention.gate.course is not None:
        expected["starter_course"] = (reverse(STARTER_COURSE.url_name), _text(
            STARTER_COURSE, language, course=attention.gate.course.title))
    if attention.enrolments:
        expected["course_dates"] = (reverse(COURSE_DATES.url_name),
                                    _text(COURSE_DATES, language))
    return expected


def _set_language(email: str, language: str) -> None:
    Contact.objects.filter(user__email=email).update(language=language)


def _check_customer(page, live_server, email: str, language: str) -> int:
    """Log ``email`` in with ``language`` as their preference and compare the dashboard with
    the database; returns the number of items checked."""
    _set_language(email, language)
    contact = (Contact.objects.select_related("organisation", "user")
               .get(user__email=email, is_active=True))
    login(page, live_server, email)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expected = expected_items(contact, language)

    section = page.locator("[data-testid=attention]")
    expect(section).to_be_visible()
    items = section.locator("[data-testid=attention-items] > li[data-attention]")
    shown = {items.nth(i).get_attribute("data-attention"): items.nth(i)
             for i in range(items.count())}
    assert set(shown) == set(expected), f"items shown {sorted(shown)}, expected {sorted(expected)}"
    if not expected:
        with translation.override(language):
            expect(section.locator("[data-testid=nothing-waits]")).to_have_text(
                gettext("Nothing waits for you right now."))
    for key, (href, text) in expected.items():
        link = shown[key].locator("a").first
        assert link.get_attribute("href") == href, (key, link.get_attribute("href"))
        actual = " ".join(link.inner_text().split())
        assert actual.startswith(" ".join(text.split())), (key, actual, text)
    _check_figures(page, contact, language)
    assert_no_axe_violations(page)

    # Every item is a way in: its page opens for this person (no 403, no 404).
    for key, href in ((key, href) for key, (href, _label) in expected.items()):
        response = page.goto(f"{live_server.url}{href}")
        assert response is not None and response.status == 200, (key, href,
                                                                   response and response.status)
        assert path_of(page, live_server) == href, (key, page.url)
    return len(expected)


def _check_figures(page, contact: Contact, language: str) -> None:
    """The figures below the list: the open incidents by status for those who see them all
    (R-ROLE-7), the seats for administrators (R-QUOTA-4), in the page's language."""
    figures = page.locator("[data-testid=attention-figures]")
    if not can(contact, Capability.VIEW_ALL_INCIDENTS):
        expect(figures.locator("[data-attention=open_incidents]")).to_have_count(0)
        return
    organisation = Incident.objects.filter(organisation_id=contact.organisation_id)
    values = {"submitted": organisation.filter(status=Status.SUBMITTED).count(),
              "in_progress": organisation.filter(status=Status.IN_PROGRESS).count(),
              "waiting": organisation.filter(status=Status.WAITING).count()}
    with translation.override(language):
        text = gettext("%(submitted)s submitted, %(in_progress)s in progress, %(waiting)s "
                       "waiting for the reporter") % values
    expect(figures.locator("[data-attention=open_incidents]")).to_have_text(text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_customer_role_sees_what_the_demo_data_holds_for_them__issue_14_R_X_1(
        browser, live_server, language):
    """Every active customer demo account (administrators, submitters, the viewer, the
    employee, no role, the expert, the partner), each in a fresh browser; all failures are
    reported together."""
    seed_demo()
    failures, checked = {}, 0
    for email in CUSTOMERS:
        context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
        context.set_default_timeout(TIMEOUT_MS)
        try:
            checked += _check_customer(context.new_page(), live_server, email, language)
        except (AssertionError, PlaywrightError) as failure:
            failures[email] = str(failure)
        finally:
            context.close()
    assert not failures, "\n".join(f"{email}: {failure}" for email, failure in failures.items())
    # The demo data gives the roles something to do: the test did compare items.
    assert checked >= len(CUSTOMERS)


@pytest.mark.django_db
def test_the_demo_roles_differ_as_the_role_matrix_says__issue_14_R_ROLE_10():
    """A check on the data the browser test reads (no browser needed): the demo gives the
    administrator items only administrators get, the submitter an incident waiting for
    them, and the employee without incidents none of the incident items."""
    seed_demo()
    contacts = {email: Contact.objects.select_related("organisation").get(
        user__email=email, is_active=True) for email in CUSTOMERS}
    by_email = {email: expected_items(contact, "en") for email, contact in contacts.items()}
    administrator = set(by_email["beheerder@demo.example"])
    assert administrator & {"invoices_overdue", "check_waiting", "extra_support_waiting",
                            "visits_waiting", "blocked_submitters", "incidents_past_target"}
    assert "incidents_waiting_for_you" in by_email["insturen@demo.example"]
    assert "starter_course" in by_email["nieuw@demo.example"]
    assert not {key for key in by_email["medewerker@demo.example"]
                if key.startswith("incidents_")}
    assert {"scans_due", "scans_overdue"} <= set(by_email["partner@koppeling.example"])
    for email, items in by_email.items():
        if not contacts[email].is_administrator:
            assert not {"invoices_overdue", "check_waiting", "blocked_submitters",
                        "extra_support_waiting", "visits_waiting"} & set(items), email


def test_staff_and_people_without_an_organisation_see_no_customer_items__issue_14(
        browser, live_server):
    """Support, Customer Care, Partner management and Consultancy have no contact: / opens
    and points to the administration, in Dutch and (after the switcher) in English, with no
    "what needs you"; so does someone who left their only organisation."""
    seed_demo()
    failures = {}
    for email in [*STAFF, *LEFT]:
        context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        try:
            login(page, live_server, email)
            for language in LANGUAGES:
                if language != "nl":
                    _switch_language(page, language)
                response = page.goto(f"{live_server.url}/")
                assert response is not None and response.status == 200
                expect(page.locator("html")).to_have_attribute("lang", language)
                expect(page.locator("[data-testid=attention]")).to_have_count(0)
                expect(page.locator("[data-attention]")).to_have_count(0)
                with translation.override(language):
                    if email in STAFF:
                        expect(page.locator("main")).to_contain_text(gettext(
                            "You are support staff: your work is in the administration."))
                        expect(page.locator(
                            f'main a[href="{reverse("admin:index")}"]')).to_be_visible()
                    else:
                        expect(page.locator("main [role=alert]")).to_be_visible()
                assert_no_axe_violations(page)
        except (AssertionError, PlaywrightError) as failure:
            failures[email] = str(failure)
        finally:
            context.close()
    assert not failures, "\n".join(f"{email}: {failure}" for email, failure in failures.items())


def _switch_language(page, language: str) -> None:
    switcher = page.locator("[data-testid=language-switcher]")
    switcher.click()
    choice = switcher.locator("xpath=following-sibling::ul").locator(f"button[lang={language}]")
    with page.expect_navigation():
        choice.click()
    assert re.fullmatch(language, page.locator("html").get_attribute("lang") or "")
