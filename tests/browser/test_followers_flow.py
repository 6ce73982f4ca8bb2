"""Followers and the one-click unsubscribe in a real browser (R-MAIL-5, R-MAIL-6): the reporter
adds a colleague as a follower on the incident page; Support's next status change emails the
colleague; the unsubscribe link of that email, opened logged out, asks first and then switches
status emails off, with a way back to the profile."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import override_settings

from contacts.models import Contact
from incidents import actions
from incidents.models import Follower, Incident, Status
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT, assert_no_axe_violations, login
from tests.factories import staff_member
from incidents.mailbox import poll_mailbox
from tests.incidents.factories import support_user
from tests.incidents.mail_helpers import SUPPORT, raw_email
from tests.mail_imap import dovecot
from tests.mail_sink import smtp_sink
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

REPORTER, COLLEAGUE = "insturen@demo.example", "medewerker@demo.example"
WAITING = "27182818"  # a demo incident of the reporter, waiting for the customer
LINK = re.compile(r"<https?://[^/]+(/unsubscribe/[^/>]+/)>")


def test_a_follower_gets_the_next_status_email_and_unsubscribes__R_MAIL_5_R_MAIL_6(
        page, browser, live_server):
    seed_demo()
    Contact.objects.filter(user__email__in=[REPORTER, COLLEAGUE]).update(language="en")
    colleague = Contact.objects.get(user__email=COLLEAGUE, organisation__name="Demo BV")
    incident = Incident.objects.get(number=WAITING)

    # The reporter adds the colleague on the incident page.
    login(page, live_server, REPORTER)
    page.goto(f"{live_server.url}/incidents/{WAITING}/")
    form = page.locator("[data-testid=add-follower-form]")
    form.locator("select[name=contact]").select_option(str(colleague.pk))
    assert_no_axe_violations(page)
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/incidents/{WAITING}/")
    assert "now follows this incident" in page.locator("[data-testid=flash]").inner_text()
    assert "Mila Medewerker" in page.locator("[data-testid=follower-list]").inner_text()
    assert "added Mila Medewerker as a follower" in page.locator(
        "[data-testid=history]").inner_text()
    assert Follower.objects.filter(incident=incident, contact=colleague).exists()

    # Support picks it up: the colleague is emailed once, as a follower.
    mail.outbox.clear()
    actions.change_status(incident=incident, status=Status.IN_PROGRESS,
                          actor=support_user(staff_member("Support")))
    mine = [email for email in mail.outbox if email.to == [COLLEAGUE]]
    assert len(mine) == 1 and "which you follow" in mine[0].body
    assert mine[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = LINK.fullmatch(mine[0].extra_headers["List-Unsubscribe"]).group(1)
    assert path in mine[0].body  # the visible link in the footer

    # The colleague opens the link, logged out: a question first, then unsubscribed.
    context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        reader = context.new_page()
        reader.goto(f"{live_server.url}{path}")
        assert "status of an incident" in reader.locator(
            "[data-testid=unsubscribe-question]").inner_text()
        assert_no_axe_violations(reader)
        colleague.refresh_from_db()
        assert colleague.notify_status  # opening the link changed nothing
        reader.locator("[data-testid=unsubscribe-confirm]").click()
        reader.wait_for_url(f"{live_server.url}{path}")
        assert "status changes" in reader.locator("[data-testid=unsubscribed]").inner_text()
        assert reader.locator("[data-testid=profile-link]").get_attribute("href") == "/profile/"
        assert_no_axe_violations(reader)
    finally:
        context.close()
    colleague.refresh_from_db()
    assert not colleague.notify_status and colleague.notify_replies

    # The next status change reaches the reporter, not the colleague.
    mail.outbox.clear()
    actions.change_status(incident=incident, status=Status.WAITING,
                          actor=support_user(staff_member("Support")))
    assert [email.to for email in mail.outbox] == [[REPORTER]]


@pytest.mark.imap
def test_a_follower_hears_by_smtp_and_their_email_reply_is_on_the_page__R_MAIL_1_R_MAIL_5(
        page, live_server):
    """The whole channel with real parts: the reporter adds a colleague who may submit as a
    follower; Support's status change reaches the colleague through a real SMTP server, with
    a reply address of their own; the colleague answers from their mailbox (a real IMAP
    mailbox, Dovecot); the poller posts it, and the colleague reads their own reply, with
    their name, on the incident page (issue 16)."""
    seed_demo()
    follower_email = "expert@demo.example"
    Contact.objects.filter(user__email__in=[REPORTER, follower_email]).update(language="en")
    follower = Contact.objects.get(user__email=follower_email, organisation__name="Demo BV")
    incident = Incident.objects.get(number=WAITING)

    login(page, live_server, REPORTER)
    page.goto(f"{live_server.url}/incidents/{WAITING}/")
    form = page.locator("[data-testid=add-follower-form]")
    form.locator("select[name=contact]").select_option(str(follower.pk))
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/incidents/{WAITING}/")
    assert Follower.objects.filter(incident=incident, contact=follower).exists()

    with smtp_sink() as (recorder, port), dovecot() as mailbox_server, override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port, EMAIL_USE_TLS=False, EMAIL_USE_SSL=False,
            INCIDENT_REPLY_ADDRESS=SUPPORT, INCIDENT_MAILBOX_URL=mailbox_server.url):
        actions.change_status(incident=incident, status=Status.IN_PROGRESS,
                              actor=support_user(staff_member("Support")))
        [email] = [message for message in recorder.messages
                   if message["To"] == follower_email]
        assert "which you follow" in email.get_payload(0).get_payload(decode=True).decode()
        answer = raw_email(sender=f"Eva Expert <{follower_email}>", to=email["Reply-To"],
                           subject=f"Re: {' '.join(str(email['Subject']).split())}",
                           body="Bij ons gaat het ook mis sinds de update.\n\n"
                                "On Tue, Dec 1, 2026 at 10:00 AFAS Support "
                                "<support@portal.example> wrote:\n> The status changed\n")
        mailbox_server.deliver(answer)
        assert poll_mailbox().received == 1
        assert mailbox_server.unread() == 0

    page.context.clear_cookies()
    login(page, live_server, follower_email)
    page.goto(f"{live_server.url}/incidents/{WAITING}/")
    thread = page.locator("[data-testid=thread]").inner_text()
    assert "Bij ons gaat het ook mis sinds de update." in thread
    assert "The status changed" not in thread  # the quoted history was left off
    reply = incident.messages.get(body="Bij ons gaat het ook mis sinds de update.")
    assert reply.author_contact == follower
    assert follower.user.get_full_name() in page.locator(
        f"[data-message='{reply.pk}'], [data-testid=thread]").first.inner_text()
    assert_no_axe_violations(page)
