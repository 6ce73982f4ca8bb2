"""Every list and table page on a phone (390 × 844 px): nothing is off-screen, tables read as
stacked cards instead of scrolling sideways, and axe-core finds nothing (issue 14, R-X-4).

The demo data is loaded once and given the longest texts the fields allow, without a place
to break them (a 200-character subject, an email address, a file name, a job title in the
audit trail): those are what used to widen a page. Every page of every role is checked and
all failures are reported together, each naming the elements that stick out.

With ``BROWSER_SCREENSHOTS=1`` each page is also saved at 390 px and at 1280 px to
SCREENSHOT_DIR (``phone-<language>-<page>.png`` and ``desktop-…``) to look at.
"""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from accounts.models import User
from care.models import ExtraSupportRequest, Feedback
from consultancy.models import Project, VisitRequest
from contacts.models import Contact, Organisation
from incidents.models import Incident, Message
from invoices.models import Invoice, Subscription
from partners.models import Integration
from updates.models import Release, ReleaseFile

from .conftest import SCREENSHOT_DIR, TIMEOUT_MS, VIEWPORT, assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
ADMINISTRATOR = "beheerder@demo.example"
PARTNER = "partner@koppeling.example"
SUBMITTER = "insturen@demo.example"
LONG_WORD = "Onafgebrokenwoordzonderspatiesdatnergenskanafbreken"  # 51 characters
LONG_EMAIL = f"{'heel-lang-adres-zonder-spaties-' * 5}x@{'subdomein-' * 4}demo.example"

# Every element's box against the viewport. An element inside a box that clips or scrolls
# on purpose (a code block, the visually-hidden table header) is judged by that box, except
# when the box wraps a table: a table must fit without scrolling sideways.
OFF_SCREEN_SCRIPT = """
() => {
  const width = document.documentElement.clientWidth;
  const clippedOnPurpose = (element) => {
    const table = element.closest('table');
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX === 'visible') continue;
      const rect = box.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) return true;  // visually hidden
      if (table && box.contains(table)) continue;  // a table's own scroll box does not count
      return true;
    }
    return false;
  };
  const sticking = [];
  for (const element of document.body.querySelectorAll('*')) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (rect.right <= width + 0.5) continue;
    if (getComputedStyle(element).visibility === 'hidden') continue;
    if (clippedOnPurpose(element)) continue;
    sticking.push(element);
  }
  // Name the innermost: the cell or word that sticks out, not every box around it.
  const offenders = [];
  for (const element of sticking) {
    if (sticking.some((other) => other !== element && element.contains(other))) continue;
    const rect = element.getBoundingClientRect();
    const text = (element.innerText || element.textContent || '').trim().replace(/\\s+/g, ' ');
    const tag = element.tagName.toLowerCase();
    offenders.push(`<${tag} class="${element.getAttribute('class') || ''}">`
                   + ` right edge ${Math.round(rect.right)} px: "${text.slice(0, 60)}"`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: width,
          innerWidth: window.innerWidth, offenders: offenders};
}
"""


# Every stacked table's cells carry their column's header as label (data-label), in the
# header's order; a cell may go without one only under a header that is itself visually
# hidden (a download button's column). Rows that continue a rowspan lack the first cells.
LABEL_SCRIPT = """
() => {
  const problems = [];
  for (const table of document.querySelectorAll('table.table-stack')) {
    const headers = [...table.querySelectorAll(':scope > thead > tr > th')];
    const name = table.dataset.testid || table.querySelector('caption')?.innerText || '?';
    if (!headers.length) { problems.push(`table ${name} has no header row`); continue; }
    const head = table.querySelector(':scope > thead').getBoundingClientRect();
    if (head.width > 1 || head.height > 1) problems.push(`the header row of ${name} shows`);
    for (const row of table.querySelectorAll(':scope > tbody > tr')) {
      const cells = [...row.children];
      const offset = headers.length - cells.length;
      cells.forEach((cell, index) => {
        const header = headers[index + offset];
        const text = header ? header.innerText.trim() : '';
        const label = cell.dataset.label;
        if (label === undefined && header && header.querySelector('.visually-hidden')) return;
        if (label !== text) {
          problems.push(`${name}: a cell labelled "${label}" under the header "${text}"`);
        }
      });
    }
  }
  return problems;
}
"""


def _seed_long_texts() -> dict[str, str]:
    """The demo data with the longest unbreakable texts; returns the detail pages to visit."""
    seed_demo()
    demo = Organisation.objects.get(name="Demo BV")
    subject = (LONG_WORD * 4)[:200]  # the longest subject the fields allow, without a space

    incident = Incident.objects.filter(organisation=demo).order_by("created_at").last()
    assert incident is not None
    Incident.objects.filter(pk=incident.pk).update(subject=subject)
    Message.objects.filter(incident=incident).update(
        body=f"Zie https://example.com/{LONG_WORD * 3} en {LONG_EMAIL}")

    # A contact with an address that cannot break, and an audit trail with a long job title.
    user = User.objects.create_user(email=LONG_EMAIL, password=None, first_name=LONG_WORD)
    contact = Contact.objects.create(user=user, organisation=demo, is_employee=True)
    contact.job_title = (LONG_WORD * 2)[:100]
    contact.save()  # recorded in the audit trail (R-ROLE-17)

    Invoice.objects.filter(organisation=demo).update(description=(LONG_WORD * 4)[:200])
    Subscription.objects.filter(organisation=demo).update(description=(LONG_WORD * 6)[:300])
    Feedback.objects.filter(organisation=demo).update(subject=subject)
    ExtraSupportRequest.objects.filter(organisation=demo).update(description=LONG_WORD * 3)
    VisitRequest.objects.filter(organisation=demo).update(subject=subject)
    project = Project.objects.filter(organisation=demo).first()
    assert project is not None
    Project.objects.filter(pk=project.pk).update(name=(LONG_WORD * 2)[:200])
    Integration.objects.update(description=LONG_WORD * 3)

    release = Release.objects.filter(files__isnull=False, is_published=True).first()
    assert release is not None
    release_file = release.files.first()
    assert release_file is not None
    folder = str(release_file.file.name).rsplit("/", 1)[0]
    ReleaseFile.objects.filter(pk=release_file.pk).update(
        file=f"{folder}/{LONG_WORD * 3}.zip")
    return {
        "contact": f"/contacts/{contact.pk}/",
        "incident": f"/incidents/{incident.number}/",
        "release": f"/updates/{release.pk}/",
        "project": f"/consultancy/projects/{project.pk}/",
    }


def _pages(details: dict[str, str]) -> dict[str | None, list[str]]:
    """The pages each role reaches that list or tabulate something; ``None`` is a visitor."""
    return {
        ADMINISTRATOR: [
            "/", "/contacts/", details["contact"], "/organisation/", "/invoices/",
            "/support/", "/incidents/", details["incident"], "/courses/", "/courses/mine/",
            "/updates/", details["release"], "/feedback/", "/feedback/extra-support/",
            "/consultancy/", details["project"], "/consultancy/visits/", "/knowledge/",
            "/knowledge/registered-integrations/", "/profile/",
        ],
        SUBMITTER: ["/incidents/", "/support/", "/courses/mine/"],  # only their own incidents
        PARTNER: ["/partner/"],
        None: ["/partners/", "/accounts/login/"],
    }


def _check_page(page, url: str) -> list[str]:
    """What is wrong with the page at ``url`` on a phone, as readable lines."""
    response = page.goto(url)
    if response is None or not response.ok:
        return [f"answered {response.status if response else None}"]
    problems = []
    measured = page.evaluate(OFF_SCREEN_SCRIPT)
    if measured["scrollWidth"] > measured["innerWidth"]:
        problems.append(f"the page is {measured['scrollWidth']} px wide, the viewport "
                        f"{measured['innerWidth']} px")
    problems.extend(measured["offenders"][:15])
    problems.extend(sorted(set(page.evaluate(LABEL_SCRIPT)))[:10])
    try:
        assert_no_axe_violations(page)
    except AssertionError as failure:
        problems.append(str(failure))
    return problems


def _screenshot(page, name: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_table_page_fits_a_phone(browser, live_server, language) -> None:
    """At 390 px no page is wider than the screen and no visible element sticks out on the
    right, tables included (they are stacked cards now, not scroll boxes); every page passes
    axe-core at that width (R-X-4)."""
    details = _seed_long_texts()
    Contact.objects.update(language=language)
    screenshots = os.environ.get("BROWSER_SCREENSHOTS") == "1"
    names = {path: name for name, path in details.items()} | {"/": "dashboard"}
    failures = {}
    for email, paths in _pages(details).items():
        context = browser.new_context(bypass_csp=True, viewport=PHONE)
        context.set_default_timeout(TIMEOUT_MS)
        context.add_cookies([{"name": "portal_language", "value": language,
                              "url": live_server.url}])
        page = context.new_page()
        try:
            if email is not None:
                login(page, live_server, email)
            for path in paths:
                page.set_viewport_size(PHONE)
                try:
                    problems = _check_page(page, f"{live_server.url}{path}")
                except PlaywrightError as error:
                    problems = [str(error)]
                if problems:
                    failures[f"{email or 'visitor'} {path}"] = problems
                if screenshots:
                    slug = names.get(path) or re.sub(r"[^a-z0-9]+", "-", path).strip("-")
                    slug = f"{slug}-{email.split('@')[0]}" if email == SUBMITTER else slug
                    _screenshot(page, f"phone-{language}-{slug}")
                    page.set_viewport_size(VIEWPORT)
                    _screenshot(page, f"desktop-{language}-{slug}")
        finally:
            context.close()
    assert not failures, "\n".join(
        f"{where}:\n    " + "\n    ".join(problems) for where, problems in failures.items())


def test_a_stacked_table_keeps_its_rows_and_columns_for_screen_readers(page, live_server):
    """On a phone the invoices are cards, one value under the other with its column's label
    above it; the accessibility tree still has the table with its column headers, and a
    cell's name is its value alone (the label is generated text with empty alternative
    text, so a screen reader does not hear it twice)."""
    seed_demo()
    invoice = Invoice.objects.filter(organisation__name="Demo BV").order_by("-invoice_date")[0]
    page.set_viewport_size(PHONE)
    login(page, live_server, ADMINISTRATOR)
    page.goto(f"{live_server.url}/invoices/")

    table = page.locator("main [data-testid=invoices]")
    card = table.locator("tbody tr").first
    number, date = card.locator("th"), card.locator("td").first
    assert number.evaluate("cell => getComputedStyle(cell, '::before').content") == (
        '"Factuurnummer" / ""')
    number_box, date_box = number.bounding_box(), date.bounding_box()
    assert number_box is not None and date_box is not None
    assert date_box["y"] >= number_box["y"] + number_box["height"] - 1, "cells side by side"
    assert date_box["x"] == number_box["x"]

    expect(table.get_by_role("columnheader", name="Bedrag", exact=True)).to_have_count(1)
    expect(table.get_by_role("rowheader", name=invoice.number, exact=True)).to_have_count(1)
    expect(table.get_by_role("cell", name=invoice.description, exact=True).first).to_be_attached()
    assert "Factuurnummer" not in card.aria_snapshot()
