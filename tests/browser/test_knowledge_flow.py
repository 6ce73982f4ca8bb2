"""A contact searches the knowledge base, opens an article and sends a complaint that shows
its first-response target; a submitter typing an incident's subject is offered an article
and marks it as the answer instead (R-INC-2, R-CARE-1, R-X-1, R-X-4), in Dutch and English."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import formats, timezone, translation

from care.models import Feedback, FeedbackKind
from contacts.models import Contact
from knowledge.models import Deflection
from tests.browser.conftest import assert_no_axe_violations, login, path_of
from tests.database_reset import seed_demo

pytestmark = pytest.mark.browser

TEXTS = {
    "nl": {"knowledge": "Kennisbank", "search": "Zoeken", "query": "wachtwoord",
           "article": "Wachtwoord vergeten of inloggen lukt niet", "found": "Artikelen gevonden",
           "feedback": "Feedback en klachten", "complaint": "Klacht", "subject": "Onderwerp",
           "message": "Bericht", "send": "Versturen", "received": "We hebben je klacht ontvangen",
           "target": "We reageren uiterlijk op", "status": "Ontvangen",
           "incident_subject": "Mijn wachtwoord werkt niet meer",
           "answers": "Dit beantwoordt mijn vraag", "deflected": "Je hoeft geen incident"},
    "en": {"knowledge": "Knowledge base", "search": "Search", "query": "password",
           "article": "Forgot your password or cannot log in", "found": "Articles found",
           "feedback": "Feedback and complaints", "complaint": "Complaint",
           "subject": "Subject", "message": "Message", "send": "Send",
           "received": "We received your complaint", "target": "We respond by",
           "status": "Received", "incident_subject": "My password does not work any more",
           "answers": "This answers my question", "deflected": "You do not need to submit"},
}


def _speaks(email: str, language: str) -> None:
    Contact.objects.filter(user__email=email).update(language=language)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_search_read_and_complain__R_INC_2__R_CARE_1(page, live_server, language):
    seed_demo()
    _speaks("medewerker@demo.example", language)
    texts = TEXTS[language]
    login(page, live_server, "medewerker@demo.example")

    # The knowledge base from the menu: search, find, open.
    navigation = page.get_by_test_id("main-nav")
    navigation.get_by_role("button", name="Support", exact=True).click()  # the drop-down
    navigation.get_by_role("link", name=texts["knowledge"]).click()
    page.wait_for_url(f"{live_server.url}/knowledge/")
    assert_no_axe_violations(page)
    search = page.get_by_role("search")
    search.get_by_label(texts["search"]).fill(texts["query"])
    search.get_by_role("button", name=texts["search"]).click()
    page.wait_for_url(re.compile(r".*/knowledge/\?q="))
    assert texts["found"] in page.get_by_test_id("result-heading").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=texts["article"]).click()
    assert page.get_by_role("heading", level=1).inner_text() == texts["article"]
    assert page.get_by_test_id("article-body").locator("h2").count() == 2  # Markdown rendered
    assert_no_axe_violations(page)

    # A complaint from the dashboard tile, with its target in working time.
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=texts["feedback"]).first.click()
    page.wait_for_url(f"{live_server.url}/feedback/")
    assert_no_axe_violations(page)
    form = page.get_by_test_id("feedback-form")
    form.get_by_label(texts["complaint"], exact=True).check()
    form.get_by_label(texts["subject"]).fill("Niemand belde terug")
    form.get_by_label(texts["message"]).fill("Al twee dagen wacht ik op een reactie.")
    form.get_by_role("button", name=texts["send"]).click()
    complaint = Feedback.objects.get(subject="Niemand belde terug")
    assert complaint.kind == FeedbackKind.COMPLAINT
    assert path_of(page, live_server) == f"/feedback/{complaint.pk}/"
    with translation.override(language):
        due = formats.date_format(timezone.localtime(complaint.response_due_at), "l j F Y, H:i")
    assert texts["received"] in page.get_by_test_id("flash").inner_text()
    assert page.get_by_test_id("target").inner_text() == f"{texts['target']} {due}"
    assert page.get_by_test_id("status").inner_text() == texts["status"]
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_article_answers_the_question_instead_of_an_incident__R_INC_2(
        page, live_server, language):
    seed_demo()
    _speaks("insturen@demo.example", language)
    texts = TEXTS[language]
    login(page, live_server, "insturen@demo.example")
    page.goto(f"{live_server.url}/incidents/new/")
    subject = page.locator("input[name=subject]")
    subject.press_sequentially(texts["incident_subject"], delay=20)
    suggestions = page.get_by_test_id("kb-suggestions")
    suggestions.wait_for()
    assert texts["article"] in suggestions.inner_text()
    assert_no_axe_violations(page)
    suggestions.get_by_role("button", name=texts["answers"]).first.click()
    page.wait_for_url(re.compile(r".*/knowledge/[\w-]+/$"))
    assert texts["deflected"] in page.get_by_test_id("flash").inner_text()
    deflection = Deflection.objects.get()
    assert deflection.subject == texts["incident_subject"]
    assert deflection.contact.user.email == "insturen@demo.example"
    assert_no_axe_violations(page)


EXTRA = {
    "nl": {"link": "Extra ondersteuning buiten werktijd", "what": "Wat speelt er",
           "send": "Aanvraag versturen",
           "refused": "de eerste datum die je kunt kiezen is", "ok": "We hebben je aanvraag",
           "status": "Aangevraagd"},
    "en": {"link": "Extra support outside working hours", "what": "What is happening",
           "send": "Send request",
           "refused": "the first date you can choose is", "ok": "We received your request",
           "status": "Requested"},
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_administrator_requests_extra_support_five_days_ahead__R_CARE_2(
        page, live_server, language):
    seed_demo()
    _speaks("beheerder@demo.example", language)
    texts = EXTRA[language]
    login(page, live_server, "beheerder@demo.example")
    page.goto(f"{live_server.url}/feedback/")
    page.get_by_role("link", name=texts["link"]).click()
    page.wait_for_url(f"{live_server.url}/feedback/extra-support/")
    assert_no_axe_violations(page)
    form = page.get_by_test_id("extra-support-form")
    today = timezone.localdate()
    too_soon = f"{today + dt.timedelta(days=2):%Y-%m-%d}"
    form.locator("input[name=starts_at]").fill(f"{too_soon}T18:00")
    form.locator("input[name=ends_at]").fill(f"{too_soon}T22:00")
    form.get_by_label(texts["what"]).fill("Migratie van de salarisadministratie")
    form.get_by_role("button", name=texts["send"]).click()
    assert texts["refused"] in page.locator("main").inner_text()
    assert form.locator("input[name=starts_at]").input_value() == f"{too_soon}T18:00"
    assert_no_axe_violations(page)
    later = f"{today + dt.timedelta(days=8):%Y-%m-%d}"
    form.locator("input[name=starts_at]").fill(f"{later}T18:00")
    form.locator("input[name=ends_at]").fill(f"{later}T22:00")
    form.get_by_role("button", name=texts["send"]).click()
    assert texts["ok"] in page.get_by_test_id("flash").inner_text()
    assert texts["status"] in page.get_by_test_id("extra-support-list").inner_text()
    assert "Migratie van de salarisadministratie" in page.get_by_test_id(
        "extra-support-list").inner_text()
