"""A long thread in a real browser (issue 15): the incident page shows the newest 20 messages;
"Earlier messages" loads the older ones in place with htmx, a page at a time, until the first
message, and the page stays accessible."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from contacts.models import Contact
from incidents.models import Incident, Message, MessageKind
from tests.database_reset import seed_demo
from tests.browser.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.browser

REPORTER = "insturen@demo.example"
NUMBER = "27182818"  # a demo incident of the reporter


def test_earlier_messages_load_in_place(page, live_server):
    seed_demo()
    Contact.objects.filter(user__email=REPORTER).update(language="en")
    incident = Incident.objects.get(number=NUMBER)
    first = incident.messages.order_by("created_at").first()
    start = (first.created_at if first else incident.created_at) - dt.timedelta(days=10)
    Message.objects.bulk_create(
        Message(incident=incident, kind=MessageKind.CUSTOMER, author_contact=incident.reporter,
                body=f"Oud bericht {number}", created_at=start + dt.timedelta(hours=number))
        for number in range(45))
    total = Message.public.filter(incident=incident).count()

    login(page, live_server, REPORTER)
    page.goto(f"{live_server.url}/incidents/{NUMBER}/")
    thread = page.locator("[data-testid=thread]")
    expect(thread.locator("li[data-kind]")).to_have_count(20)
    expect(thread.get_by_text("Oud bericht 0", exact=True)).to_have_count(0)
    assert_no_axe_violations(page)

    while thread.locator("[data-testid=earlier-messages]").count():
        shown = thread.locator("li[data-kind]").count()
        thread.get_by_role("link", name="Earlier messages").click()
        expect(thread.locator("li[data-kind]")).to_have_count(min(shown + 20, total))
    assert page.url == f"{live_server.url}/incidents/{NUMBER}/"  # loaded in place
    expect(thread.locator("li[data-kind]").first).to_contain_text("Oud bericht 0")
    assert_no_axe_violations(page)
