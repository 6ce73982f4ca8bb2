"""A submitter attaches a good file and a bad one: the page names only the bad one and shows
the good one as kept, and the incident is sent with it without choosing it again (issue 14,
R-INC-9, R-X-2, R-X-4)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from incidents.models import Incident
from tests.browser.conftest import assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

SUBMITTER = "insturen@demo.example"
SUBJECT = "Export naar de accountant mislukt"


def test_a_bad_file_is_named_and_the_good_one_kept__R_INC_9(page, live_server, tmp_path):
    seed_demo()
    good, bad = tmp_path / "foutmelding.pdf", tmp_path / "hulpmiddel.exe"
    good.write_bytes(b"%PDF-1.4 foutmelding")
    bad.write_bytes(b"MZ\x90\x00")
    login(page, live_server, SUBMITTER)
    page.goto(f"{live_server.url}/incidents/new/")
    page.locator("select[name=incident_type]").select_option("fault")
    page.locator("select[name=product_area]").select_option("finance")
    page.locator("input[name=subject]").fill(SUBJECT)
    page.locator("textarea[name=description]").fill("De export stopt halverwege.")
    page.locator("input[name=files]").set_input_files([str(good), str(bad)])
    with page.expect_navigation():
        page.locator("[data-testid=submit-incident]").click()

    summary = page.locator("[data-testid=error-summary]")
    expect(summary).to_contain_text("hulpmiddel.exe")
    expect(summary).not_to_contain_text("foutmelding.pdf")
    kept = page.locator("[data-testid=kept-files]")
    expect(kept).to_contain_text("foutmelding.pdf")
    expect(kept.locator("input[name=kept]")).to_be_checked()
    assert page.locator("input[name=subject]").input_value() == SUBJECT
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.locator("[data-testid=submit-incident]").click()
    page.wait_for_url(f"{live_server.url}/incidents/*/submitted/")
    incident = Incident.objects.get(subject=SUBJECT)
    assert [item.name for item in incident.attachments.all()] == ["foutmelding.pdf"]
