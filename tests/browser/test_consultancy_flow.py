"""An administrator of Demo BV opens the demo project, sees its appointments and the hours
per month, and requests a visit for it; the consultant plans it in the admin and the
administrator sees the answer (R-CONS-1, R-CONS-2, R-CONS-3, R-X-2, R-X-4)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from consultancy.actions import selectable_weeks
from consultancy.models import Project, VisitRequest
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT, assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

ADMINISTRATOR = "beheerder@demo.example"
CONSULTANT = "consultant@portal.example"
SUBJECT = "Begeleiding bij de jaarafsluiting"


def test_an_administrator_opens_a_project_and_requests_a_visit__R_CONS_1_R_CONS_3(
    page, browser, live_server
):
    seed_demo()
    project = Project.objects.get(organisation__name="Demo BV")

    # From the menu to the projects, and into the demo project.
    login(page, live_server, ADMINISTRATOR)
    page.locator('[data-testid=main-nav] a[href="/consultancy/"]').click()
    page.wait_for_url(f"{live_server.url}/consultancy/")
    expect(page.locator("[data-testid=projects] tbody tr")).to_have_count(1)
    assert_no_axe_violations(page)
    page.locator(f"[data-project='{project.pk}'] a").click()
    page.wait_for_url(f"{live_server.url}/consultancy/projects/{project.pk}/")

    # Its appointments and the hours booked per month: a chart with a text alternative,
    # and the same numbers as a table.
    expect(page.locator("[data-testid=upcoming] tbody tr")).to_have_count(2)
    expect(page.locator("[data-testid=past] tbody tr")).to_have_count(3)
    chart = page.locator("[data-testid=hours-chart] svg")
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator("rect[data-month]")).to_have_count(5)
    expect(page.get_by_role("img", name=f"Hours booked per month on {project.name}").or_(
        page.get_by_role("img", name=f"Geboekte uren per maand voor {project.name}"))
    ).to_have_count(1)
    assert " 5 " in (chart.locator("desc").text_content() or "")  # "… hours in 5 months …"
    table = page.locator("[data-testid=hours-table]")
    expect(table).to_be_hidden()
    page.locator("details summary").click()
    expect(table.locator("tbody tr")).to_have_count(5)
    assert_no_axe_violations(page)

    # A visit for this project: the form starts with the project chosen; without a week it
    # says so and keeps what was typed.
    page.locator("[data-testid=request-visit]").click()
    page.wait_for_url(f"{live_server.url}/consultancy/visits/?project={project.pk}")
    form = page.locator("[data-testid=visit-form]")
    expect(form.locator("select[name=project]")).to_have_value(str(project.pk))
    assert_no_axe_violations(page)
    form.locator("input[name=kind][value=adviser]").check()
    form.locator("input[name=subject]").fill(SUBJECT)
    form.locator("textarea[name=details]").fill("We sluiten het jaar voor het eerst af.")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    form = page.locator("[data-testid=visit-form]")
    expect(form.locator(".invalid-feedback, .is-invalid").first).to_be_visible()
    expect(form.locator("input[name=subject]")).to_have_value(SUBJECT)
    assert not VisitRequest.objects.filter(subject=SUBJECT).exists()
    assert_no_axe_violations(page)

    week = selectable_weeks()[4]
    form.locator(f"input[name=weeks][value='{week.isoformat()}']").check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/consultancy/visits/")
    expect(page.locator("[data-testid=flash]")).to_be_visible()
    visit = VisitRequest.objects.get(subject=SUBJECT)
    assert (visit.project, visit.kind, visit.weeks) == (project, "adviser", [week])
    row = page.locator(f"[data-request='{visit.pk}']")
    expect(row.locator("[data-state]")).to_have_attribute("data-state", "requested")
    assert_no_axe_violations(page)

    # The consultant plans it in the admin (with a second factor, R-X-7) …
    context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        admin = context.new_page()
        login(admin, live_server, CONSULTANT)
        admin.goto(f"{live_server.url}/admin/consultancy/visitrequest/{visit.pk}/change/")
        admin.locator("select[name=state]").select_option("planned")
        admin.locator("textarea[name=answer]").fill("Onze adviseur komt in die week langs.")
        admin.locator("input[name=_save]").click()
        admin.wait_for_url(f"{live_server.url}/admin/consultancy/visitrequest/")
    finally:
        context.close()

    # … and the administrator sees the answer.
    page.reload()
    row = page.locator(f"[data-request='{visit.pk}']")
    expect(row.locator("[data-state]")).to_have_attribute("data-state", "planned")
    expect(row.locator("[data-testid=answer]")).to_have_text(
        "Onze adviseur komt in die week langs.")
