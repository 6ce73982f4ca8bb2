"""The hand-over in a real browser, in both languages: the reporter of a waiting incident lost
the role Submit incidents; an administrator opens the incident, reads that the reporter can no
longer reply, hands it over to a colleague, and the colleague logs in, reads "Waiting for you"
and replies, which ends the wait (R-INC-13, R-INC-14, R-X-1, R-X-4)."""

from __future__ import annotations

import pytest
from django.core import mail

from contacts.models import Contact
from incidents.models import Incident, Message, MessageKind, OwnerChange, Status
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT, assert_no_axe_violations, login
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

ADMINISTRATOR, REPORTER = "beheerder@demo.example", "insturen@demo.example"
COLLEAGUE, WITHOUT_ROLE = "expert@demo.example", "medewerker@demo.example"
WAITING = "27182818"  # a demo incident of the reporter, waiting for the customer
TEXTS = {
    "nl": {"notice": "De melder kan niet meer reageren: een beheerder kan dit overdragen.",
           "gets_role": "krijgt de rol Incidenten insturen", "for_you": "Wacht op jou",
           "for_reporter": "Wacht op de melder", "handed": "Overgedragen van"},
    "en": {"notice": "The reporter can no longer reply: an administrator can hand this over.",
           "gets_role": "gets the role Submit incidents", "for_you": "Waiting for you",
           "for_reporter": "Waiting for the reporter", "handed": "Handed over from"},
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_administrator_hands_over_and_the_colleague_replies__R_INC_13(
        page, browser, live_server, language):
    seed_demo()
    Contact.objects.filter(user__email__in=[ADMINISTRATOR, REPORTER, COLLEAGUE]).update(
        language=language)
    # The administrator took the role from the reporter: their waiting incident is stuck.
    Contact.objects.filter(user__email=REPORTER).update(can_submit_incidents=False,
                                                        submitter_since=None)
    texts = TEXTS[language]
    colleague = Contact.objects.get(user__email=COLLEAGUE)
    mail.outbox.clear()

    # The administrator sees the notice and the way out.
    login(page, live_server, ADMINISTRATOR)
    page.goto(f"{live_server.url}/incidents/")
    row = page.locator(f"tr[data-number='{WAITING}']")
    assert row.locator("[data-testid=cannot-reply]").is_visible()
    assert texts["for_reporter"] in row.inner_text()
    row.locator(f"a[href='/incidents/{WAITING}/']").click()
    page.wait_for_url(f"{live_server.url}/incidents/{WAITING}/")
    notice = page.locator("[data-testid=owner-cannot-reply]")
    assert texts["notice"] in notice.inner_text()
    assert_no_axe_violations(page)

    # The hand-over page names who would get the role with it; the colleague has it.
    notice.locator("a").click()
    page.wait_for_url(f"{live_server.url}/incidents/{WAITING}/hand-over/")
    options = page.locator("select[name=owner] option")
    labels = {options.nth(index).get_attribute("value"): options.nth(index).inner_text()
              for index in range(options.count())}
    without_role = Contact.objects.get(user__email=WITHOUT_ROLE)
    assert texts["gets_role"] in labels[str(without_role.pk)]
    assert texts["gets_role"] not in labels[str(colleague.pk)]
    assert_no_axe_violations(page)
    page.locator("select[name=owner]").select_option(str(colleague.pk))
    page.locator("[data-testid=hand-over]").click()
    page.wait_for_url(f"{live_server.url}/incidents/{WAITING}/")
    assert page.locator("[data-testid=flash]").is_visible()
    assert page.locator("[data-testid=owner-cannot-reply]").count() == 0
    assert texts["handed"] in page.locator("[data-testid=history]").inner_text()
    incident = Incident.objects.get(number=WAITING)
    assert incident.owner == colleague and incident.reporter.user.email == REPORTER
    assert OwnerChange.objects.filter(incident=incident).count() == 1
    # The colleague is told; the old owner, who lost the role, is not.
    assert [message.to for message in mail.outbox] == [[COLLEAGUE]]

    # The colleague logs in, reads "Waiting for you" and replies.
    context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        owner = context.new_page()
        login(owner, live_server, COLLEAGUE)
        owner.goto(f"{live_server.url}/incidents/{WAITING}/")
        badge = owner.locator("[data-status]").first
        assert badge.get_attribute("data-status") == "waiting"
        assert badge.inner_text() == texts["for_you"]
        assert_no_axe_violations(owner)
        reply = owner.locator("[data-testid=reply-form]")
        body = reply.locator("textarea[name=body]")
        body.fill("Ik heb het overgenomen: hier is de schermafdruk.")
        reply.locator("button[type=submit]").click()
        owner.wait_for_url(f"{live_server.url}/incidents/{WAITING}/")
        assert "Ik heb het overgenomen" in owner.locator("[data-testid=thread]").inner_text()
        assert owner.locator("[data-status]").first.get_attribute("data-status") == "in_progress"
    finally:
        context.close()
    message = Message.objects.get(incident=incident, kind=MessageKind.CUSTOMER)
    assert message.author_contact == colleague
    assert Incident.objects.get(number=WAITING).status == Status.IN_PROGRESS
