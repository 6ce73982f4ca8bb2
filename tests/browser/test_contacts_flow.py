"""An administrator invites a contact, whose invitation reserves the last submitter seat, and
is refused the next one, in Dutch and in English (R-ROLE-8, R-QUOTA-4, R-QUOTA-5, R-X-1,
R-X-4, R-X-6)."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from contacts.models import Contact, Invitation
from tests.browser.conftest import assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

TEXTS = {
    "nl": {"add": "Contactpersoon toevoegen", "submit_role": "Incidenten insturen",
           "employee_role": "Medewerker", "seats": "{} van 3 instuurplaatsen in gebruik",
           "refused": "Alle 3 instuurplaatsen zijn in gebruik", "first": "Voornaam",
           "last": "Achternaam", "email": "E-mailadres"},
    "en": {"add": "Add a contact", "submit_role": "Submit incidents",
           "employee_role": "Employee", "seats": "{} of 3 submitter seats in use",
           "refused": "All 3 submitter seats are in use", "first": "First name",
           "last": "Last name", "email": "Email address"},
}


def add_contact(page, texts: dict, email: str, first: str) -> None:
    page.get_by_role("link", name=texts["add"]).first.click()
    form = page.locator("main form")
    form.get_by_label(texts["email"]).fill(email)
    form.get_by_label(texts["first"]).fill(first)
    form.get_by_label(texts["last"]).fill("Testpersoon")
    form.get_by_label(texts["employee_role"], exact=True).check()
    form.get_by_label(texts["submit_role"], exact=True).check()
    form.locator("button[type=submit]").click()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_administrator_gives_the_last_seat_and_is_refused_the_next(page, live_server,
                                                                    language):
    seed_demo()
    Contact.objects.filter(user__email="beheerder@demo.example").update(language=language)
    texts = TEXTS[language]
    login(page, live_server, "beheerder@demo.example")
    page.goto(f"{live_server.url}/contacts/")
    assert texts["seats"].format(2) in page.locator("[data-testid=seats]").inner_text()
    assert_no_axe_violations(page)

    add_contact(page, texts, f"derde-{language}@demo.example", "Derde")
    page.wait_for_url(f"{live_server.url}/contacts/invitations/*/")
    # Invited (R-X-6), and warned that she needs the starter course first (R-GATE-2).
    assert page.locator("[data-testid=flash]").count() == 2
    assert "Startcursus Financieel" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    third = Invitation.objects.get(email=f"derde-{language}@demo.example")
    assert third.roles == {Role.EMPLOYEE, Role.SUBMIT_INCIDENTS}

    # The pending invitation reserves the last seat (R-X-6).
    page.goto(f"{live_server.url}/contacts/")
    assert texts["seats"].format(3) in page.locator("[data-testid=seats]").inner_text()
    add_contact(page, texts, f"vierde-{language}@demo.example", "Vierde")
    main = page.locator("main")
    assert texts["refused"] in main.inner_text()
    assert main.get_by_label(texts["email"]).input_value() == f"vierde-{language}@demo.example"
    assert main.get_by_label(texts["first"]).input_value() == "Vierde"
    assert main.get_by_label(texts["submit_role"], exact=True).is_checked()
    assert_no_axe_violations(page)
    assert not Invitation.objects.filter(email=f"vierde-{language}@demo.example").exists()
