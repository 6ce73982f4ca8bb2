"""The starter-course gate as people meet it (R-GATE-1 … R-GATE-5): an administrator gives
the role to a new contact and sees them blocked on "My contacts"; the contact sees which
course to take; Customer Care records the result by CSV import in the admin; the contact
submits an incident."""

from __future__ import annotations

import pytest
from django.conf import settings

from accounts.actions import accept_invitation
from accounts.models import User
from accounts.roles import Role
from contacts.models import Contact, Invitation
from incidents.models import Incident
from tests.browser.conftest import assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

EMAIL = "nina@demo.example"


def logout(page, live_server) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")


def test_a_new_submitter_is_blocked_until_the_starter_course_is_passed(page, live_server,
                                                                        tmp_path):
    seed_demo()

    # The administrator adds Nina with the role; the profile of Demo BV's segment is proposed.
    login(page, live_server, "beheerder@demo.example")
    page.goto(f"{live_server.url}/contacts/new/")
    form = page.locator("main form")
    form.get_by_label("E-mailadres").fill(EMAIL)
    form.get_by_label("Voornaam").fill("Nina")
    form.get_by_label("Achternaam").fill("Nieuwkomer")
    form.get_by_label("Medewerker", exact=True).check()
    form.get_by_label("Incidenten insturen", exact=True).check()
    assert form.get_by_label("Instuurprofiel").input_value() == "finance"
    assert form.locator("[name=certified_expert]").count() == 0  # the vendor's fact
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/contacts/invitations/*/")
    assert "Startcursus Financieel" in page.locator("main").inner_text()  # the warning
    # Nina accepts by choosing her password from the invitation email (R-X-6).
    invitation = Invitation.objects.get(email=EMAIL)
    accept_invitation(user=invitation.user, password=settings.PORTAL_DEMO_PASSWORD,
                      invitation=invitation)
    nina = Contact.objects.get(user__email=EMAIL)
    assert nina.roles == {Role.EMPLOYEE, Role.SUBMIT_INCIDENTS}

    # "My contacts" shows who holds the role but cannot submit yet, and why.
    page.goto(f"{live_server.url}/contacts/")
    blocked = page.locator("[data-testid=blocked]")
    assert "Nina Nieuwkomer" in blocked.inner_text()
    assert "Startcursus Financieel" in blocked.inner_text()
    assert_no_axe_violations(page)

    # Nina sees the gate instead of the form.
    user = User.objects.get(email=EMAIL)
    user.set_password(settings.PORTAL_DEMO_PASSWORD)
    user.save()
    user.emailaddress_set.update(verified=True)
    logout(page, live_server)
    login(page, live_server, EMAIL)
    page.goto(f"{live_server.url}/incidents/new/")
    assert "Startcursus Financieel" in page.locator("[data-testid=gate]").inner_text()
    assert page.locator("main form input[name=subject]").count() == 0
    assert_no_axe_violations(page)

    # Customer Care records her result with the CSV import.
    logout(page, live_server)
    login(page, live_server, "care@portal.example")
    page.goto(f"{live_server.url}/admin/courses/result/import/")
    csv = tmp_path / "cijfers.csv"
    csv.write_text("email,organisation,course,grade,date\n"
                   f"{EMAIL},Demo BV,STA-FIN,7.5,2026-11-20\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(csv))
    page.locator("#content form input[type=submit]").last.click()
    page.locator("input[type=submit][name=confirm]").click()  # after the preview
    page.wait_for_url(f"{live_server.url}/admin/courses/result/")
    assert nina.user.course_results.get().grade == 7.5

    # Nina now submits an incident.
    logout(page, live_server)
    login(page, live_server, EMAIL)
    page.goto(f"{live_server.url}/incidents/new/")
    assert page.locator("[data-testid=gate]").count() == 0
    form = page.locator("[data-testid=incident-form]")
    form.locator("select[name=incident_type]").select_option("fault")
    form.locator("select[name=product_area]").select_option("finance")
    form.locator("select[name=environment]").select_option("production")
    form.locator("input[name=subject]").fill("Btw-aangifte geeft een foutmelding")
    form.locator("textarea[name=description]").fill("Bij het indienen verschijnt code 500-17.")
    page.locator("[data-testid=submit-incident]").click()
    page.wait_for_url(f"{live_server.url}/incidents/*/submitted/")
    incident = Incident.objects.get(reporter__user__email=EMAIL)
    assert incident.number in page.locator("main").inner_text()

    # And the administrator no longer sees her as blocked.
    logout(page, live_server)
    login(page, live_server, "beheerder@demo.example")
    page.goto(f"{live_server.url}/contacts/")
    assert page.locator("[data-testid=blocked]").count() == 0 or \
        "Nina" not in page.locator("[data-testid=blocked]").inner_text()
