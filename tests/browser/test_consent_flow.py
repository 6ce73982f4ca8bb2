"""Joining an organisation needs consent (R-X-6), as people meet it: Andere BV's administrator
invites Demo BV's administrator and sees only the address and "invited"; the Demo
administrator logs in, is shown the invitation, accepts and keeps working in Demo BV; Andere BV
then lists the contact. Every page passes axe-core (R-X-4)."""

from __future__ import annotations

import pytest
from django.conf import settings

from accounts.roles import Role
from contacts.models import Contact, Invitation
from tests.browser.conftest import LOGIN_BUTTON, assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

INVITED = "beheerder@demo.example"  # Bea Beheerder, administrator of Demo BV
INVITER = "beheerder@andere.example"


def log_in_to(page, live_server, email: str, landing: str) -> None:
    """Log in through allauth's form and wait for ``landing`` (not always the dashboard)."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    main = page.locator("main")
    main.locator("input[name=login]").fill(email)
    main.locator("input[name=password]").fill(settings.PORTAL_DEMO_PASSWORD)
    main.locator(LOGIN_BUTTON).click()
    page.wait_for_url(f"{live_server.url}{landing}")


def test_an_existing_user_joins_only_after_accepting(page, live_server):
    seed_demo()

    # Andere BV's administrator adds the address of someone who has a login already.
    login(page, live_server, INVITER)
    page.goto(f"{live_server.url}/contacts/new/")
    form = page.locator("main form")
    form.get_by_label("E-mailadres").fill(INVITED)
    form.get_by_label("Voornaam").fill("Iemand")
    form.get_by_label("Achternaam").fill("Anders")
    form.get_by_label("Medewerker", exact=True).check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/contacts/invitations/*/")
    main = page.locator("main").inner_text()
    assert INVITED in main and "Bea" not in main and "Demo BV" not in main
    assert page.locator("main [data-testid=invitation-state]").count() >= 1
    assert_no_axe_violations(page)
    invited_user = Invitation.objects.get(email=INVITED).user
    assert not Contact.objects.filter(user=invited_user, organisation__name="Andere BV").exists()

    # "My contacts" shows the address and the state, not the person.
    page.goto(f"{live_server.url}/contacts/")
    invitations = page.locator("[data-testid=invitations]")
    assert INVITED in invitations.inner_text()
    assert invitations.locator("[data-testid=invitation-state]").count() == 1
    assert "Bea" not in page.locator("main").inner_text()
    assert INVITED not in page.locator("[data-testid=contacts]").inner_text()
    assert_no_axe_violations(page)

    # Demo's administrator logs in and is shown the invitation first.
    log_in_to(page, live_server, INVITED, "/invitations/")
    card = page.locator("[data-testid=my-invitation]")
    assert "Andere BV" in card.inner_text() and "Anna Andere" in card.inner_text()  # who asks
    assert_no_axe_violations(page)
    with page.expect_navigation():
        card.locator("form[action$='/accept/'] button").click()
    page.wait_for_url(f"{live_server.url}/")
    # She keeps working in Demo BV; Andere BV is in the switcher now.
    assert "Demo BV" in page.locator("main [data-testid=roles]").inner_text()
    assert "Andere BV" in page.locator("[data-testid=organisation-switcher]").evaluate(
        "node => node.parentElement.textContent")
    contact = Contact.objects.get(user=invited_user, organisation__name="Andere BV")
    assert contact.roles == {Role.EMPLOYEE}
    assert_no_axe_violations(page)

    # Her next login opens the organisation she used last, not the alphabetically first.
    log_in_to(page, live_server, INVITED, "/")
    assert "Demo BV" in page.locator("main [data-testid=roles]").inner_text()

    # Andere BV now lists her as a contact.
    log_in_to(page, live_server, INVITER, "/")
    page.goto(f"{live_server.url}/contacts/")
    assert INVITED in page.locator("[data-testid=contacts]").inner_text()
    assert page.locator("[data-testid=invitations]").count() == 0
    assert_no_axe_violations(page)


def test_a_person_with_two_organisations_chooses_once(page, live_server):
    seed_demo()
    user = Contact.objects.get(user__email="medewerker@demo.example").user
    Contact.objects.create(user=user, organisation=Contact.objects.get(
        user__email=INVITER).organisation, is_employee=True)
    Contact.objects.filter(user=user).update(last_used_at=None)

    log_in_to(page, live_server, "medewerker@demo.example", "/organisation/choose/?next=%2F")
    assert_no_axe_violations(page)
    page.get_by_label("Andere BV").check()
    page.locator("[data-testid=choose-organisation] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "Andere BV" in page.locator("main [data-testid=roles]").inner_text()

    log_in_to(page, live_server, "medewerker@demo.example", "/")
    assert "Andere BV" in page.locator("main [data-testid=roles]").inner_text()
