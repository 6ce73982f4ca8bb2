"""An integration whose quickscan is overdue is not on the public partner page (its
certification is not current), the nightly check delists it and gives notice, the partner sees
why in the partner portal and asks a question, and a scan recorded in the admin puts the
integration back (R-PART-2, R-PART-3, R-PART-5, R-X-4)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from partners.models import Integration, IntegrationStatus, Question
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT, assert_no_axe_violations, login
from tests.factories import PASSWORD, give_totp, make_user
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

OVERDUE = "Koppeling Webshop"
PARTNER = "partner@koppeling.example"


def public_names(page, live_server) -> list[str]:
    page.goto(f"{live_server.url}/partners/")
    return page.locator("[data-testid=integrations] tbody th").all_inner_texts()


def test_overdue_integration_is_delisted_at_night_and_relisted_by_a_new_scan__R_PART_3(
    page, browser, live_server
):
    seed_demo()
    manager = make_user("partnerbeheer@portal.example", is_staff=True, first_name="Petra")
    manager.groups.add(Group.objects.get(name="Partner management"))
    give_totp(manager)  # staff need a second factor (R-X-7); login() types its code

    # Anonymous visitors find the list via the footer and search it. The overdue integration
    # is still flagged as listed (the nightly check has not run) but its certification is not
    # current, so the public page already leaves it out.
    assert Integration.objects.get(name=OVERDUE).is_listed
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("[data-testid=partners-link]").click()
    page.wait_for_url(f"{live_server.url}/partners/")
    assert OVERDUE not in public_names(page, live_server)
    assert "Koppeling Salarisverwerking" in public_names(page, live_server)
    assert_no_axe_violations(page)
    page.locator("[data-testid=partner-search] input").fill("salaris")
    page.locator("[data-testid=partner-search] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/partners/?q=salaris")
    assert page.locator("[data-testid=integrations] tbody th").all_inner_texts() == [
        "Koppeling Salarisverwerking"]

    # The nightly check delists it, gives notice and emails the partner once.
    call_command("check_partner_certifications")
    call_command("check_partner_certifications")
    assert not Integration.objects.get(name=OVERDUE).is_listed
    assert OVERDUE not in public_names(page, live_server)
    assert "Koppeling Salarisverwerking" in public_names(page, live_server)
    lapsed = [message for message in mail.outbox if OVERDUE in message.body]
    assert [message.to for message in lapsed] == [[PARTNER]]

    # The partner sees what happened in the portal and asks a question.
    login(page, live_server, PARTNER)
    page.get_by_role("link", name="Partnerportaal").first.click()
    page.wait_for_url(f"{live_server.url}/partner/")
    webshop = Integration.objects.get(name=OVERDUE)
    card = page.locator(f"[data-integration='{webshop.pk}']")
    assert card.locator("[data-testid=standing]").get_attribute("data-standing") == "overdue"
    assert "Periodieke certificatie ontbreekt" in card.inner_text()
    assert_no_axe_violations(page)
    form = page.locator("[data-testid=question-form]")
    form.get_by_label("Onderwerp").fill("Nieuwe quickscan gepland")
    form.get_by_label("Je vraag").fill("Wanneer staat de webshop weer op de partnerpagina?")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/partner/")
    assert "naar de partnermanagers gestuurd" in page.locator("[data-testid=flash]").inner_text()
    assert Question.objects.filter(subject="Nieuwe quickscan gepland").exists()

    # Partner management records a new green scan in the admin.
    context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        admin = context.new_page()
        login(admin, live_server, manager.email, PASSWORD)
        admin.goto(f"{live_server.url}/admin/partners/scan/add/")
        admin.locator("select[name=integration]").select_option(label=OVERDUE)
        admin.locator("input[name=scanned_on]").fill(f"{timezone.localdate():%d-%m-%Y}")
        admin.locator("select[name=colour]").select_option("green")
        admin.locator("input[name=_save]").click()
        admin.wait_for_url(f"{live_server.url}/admin/partners/scan/")
    finally:
        context.close()

    # Listed again, and the notice for missing certification is withdrawn.
    webshop.refresh_from_db()
    assert webshop.status == IntegrationStatus.ACTIVE and webshop.subscription_end is None
    assert OVERDUE in public_names(page, live_server)
    page.goto(f"{live_server.url}/partner/")
    assert page.locator(f"[data-integration='{webshop.pk}'] [data-colour=green]").count() == 1
    assert page.locator(f"[data-integration='{webshop.pk}'] [data-testid=standing]"
                        ).get_attribute("data-standing") == "listed"


def test_a_partner_administrator_gives_notice_on_an_integration__R_PART_8(page, live_server):
    """From the partner portal, through the confirmation page (a plain form, no JavaScript
    needed), to the one status "Notice given, ends on …"; the partner managers are emailed."""
    from django.contrib.auth.models import Group

    from contacts.models import Contact
    from partners.rules import add_months

    seed_demo()
    manager = make_user("partnerbeheer@portal.example", is_staff=True)
    manager.groups.add(Group.objects.get(name="Partner management"))
    Contact.objects.filter(user__email=PARTNER).update(language="en")
    integration = Integration.objects.get(name="Koppeling Salarisverwerking")
    mail.outbox.clear()

    login(page, live_server, PARTNER)
    page.goto(f"{live_server.url}/partner/")
    card = page.locator(f"[data-integration='{integration.pk}']")
    assert card.locator("[data-testid=standing]").get_attribute("data-standing") == "listed"
    card.locator("[data-testid=give-notice]").click()
    page.wait_for_url(f"{live_server.url}/partner/integrations/{integration.pk}/notice/")
    ends_on = add_months(timezone.localdate(), 12)
    assert f"ends on {ends_on.day} {ends_on:%B %Y}" in page.locator(
        "[data-testid=notice-terms]").inner_text()
    assert_no_axe_violations(page)
    page.locator("[data-testid=notice-form] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/partner/")

    assert "You gave notice" in page.locator("[data-testid=flash]").inner_text()
    card = page.locator(f"[data-integration='{integration.pk}']")
    standing = card.locator("[data-testid=standing]")
    assert standing.get_attribute("data-standing") == "notice"
    assert standing.inner_text() == f"Notice given, ends on {ends_on.day} {ends_on:%B %Y}"
    assert card.locator("[data-testid=give-notice]").count() == 0
    assert_no_axe_violations(page)
    integration.refresh_from_db()
    assert integration.status == IntegrationStatus.NOTICE
    managers = set(Group.objects.get(name="Partner management").user_set.values_list(
        "email", flat=True))
    assert manager.email in managers
    assert sorted(message.to[0] for message in mail.outbox) == sorted(managers)
