"""The customer's incident pages: list, submit, submitted, detail with reply, remote access
and survey, attachments (R-INC-1/2/4/6/8/9/10/11, R-ROLE-6/7/13, R-GATE-2, R-X-2/3)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from contacts.models import Contact
from incidents import actions, views
from incidents.models import Incident, Message, RemoteAccessGrant, Status
from tests.conftest import client_for
from tests.courses.factories import make_blocked_submitter
from tests.incidents.factories import MONDAY_10, at, make_incident, pdf
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

FORM = {"incident_type": "fault", "product_area": "finance", "environment": "production",
        "subject": "Journaalpost blijft hangen", "description": "Na het boeken draait het wiel."}


@pytest.fixture(autouse=True)
def english(cast):
    """Pages in English, so the texts asserted here are the msgids (Dutch: the browser test)."""
    Contact.objects.update(language="en")


@pytest.fixture
def frozen(monkeypatch):
    """The views' clock on a Monday morning, inside opening hours."""
    monkeypatch.setattr(views, "now", lambda: MONDAY_10)
    return MONDAY_10


def _numbers(response) -> list[str]:
    return [incident.number for incident in response.context["page"].object_list]


# /incidents/

def test_list_requires_login(client):
    response = client.get("/incidents/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_submitters_see_their_own_incidents__R_ROLE_6(cast):
    own = make_incident(cast.submitter)
    make_incident(cast.expert)
    assert _numbers(client_for(cast.submitter.user).get("/incidents/")) == [own.number]


@pytest.mark.parametrize("who", ["administrator", "viewer"])
def test_administrators_and_viewers_see_all_of_the_organisation__R_ROLE_7(cast, who):
    first, second = make_incident(cast.submitter), make_incident(cast.expert)
    response = client_for(getattr(cast, who).user).get("/incidents/")
    assert set(_numbers(response)) == {first.number, second.number}
    assert "Submit an incident" not in response.content.decode()  # R-ROLE-13


def test_list_hides_other_organisation(cast):
    make_incident(cast.submitter)
    assert _numbers(client_for(cast.other_administrator.user).get("/incidents/")) == []


def test_list_filters_and_searches(cast, staff):
    fault = make_incident(cast.submitter, "Boeking mislukt")
    question = make_incident(cast.submitter, "Hoe maak ik een rapport?", incident_type="question")
    actions.change_status(incident=fault, status=Status.IN_PROGRESS, actor=staff)
    client = client_for(cast.submitter.user)
    assert _numbers(client.get("/incidents/?incident_type=question")) == [question.number]
    assert _numbers(client.get("/incidents/?status=in_progress")) == [fault.number]
    assert _numbers(client.get(f"/incidents/?q={fault.number}")) == [fault.number]
    assert _numbers(client.get("/incidents/?q=rapport")) == [question.number]
    actions.set_priority(incident=question, priority=4, actor=staff)
    assert _numbers(client.get("/incidents/?priority=4")) == [question.number]
    # Nonsense filters are ignored, never a 500 (R-X-2).
    response = client.get("/incidents/?status=nonsense&priority=x&page=abc")
    assert response.status_code == 200 and len(_numbers(response)) == 2


def _list_queries(cast, count: int) -> int:
    for _ in range(count):
        make_incident(cast.submitter)
    client = client_for(cast.administrator.user)
    client.get("/incidents/")
    return queries_of(client, "/incidents/")


def test_list_query_count_is_constant__R_X_3(cast):
    one = _list_queries(cast, 1)
    Incident.objects.all().delete()
    assert _list_queries(cast, 50) == one


def test_the_list_shows_the_target_only_while_the_clock_runs__R_INC_4(cast, staff):
    running, waiting, resolved = (make_incident(cast.submitter, subject)
                                  for subject in ("Loopt", "Wacht", "Opgelost"))
    for incident in (running, waiting, resolved):
        actions.set_priority(incident=incident, priority=3, actor=staff)
    actions.change_status(incident=waiting, status=Status.WAITING, actor=staff)
    actions.change_status(incident=resolved, status=Status.RESOLVED, actor=staff)
    response = client_for(cast.submitter.user).get("/incidents/")
    shown = {incident.number: incident.running_target_at
             for incident in response.context["page"].object_list}
    running.refresh_from_db()
    assert running.target_at is not None
    assert shown == {running.number: running.target_at, waiting.number: None,
                     resolved.number: None}
    assert "Paused – waiting for you" in response.content.decode()


# /incidents/new/

def test_new_shows_the_form_with_the_knowledge_base_hook__R_INC_2(cast):
    html = client_for(cast.submitter.user).get("/incidents/new/").content.decode()
    assert 'hx-get="/knowledge/suggest/"' in html
    assert 'hx-trigger="input changed delay:300ms"' in html
    assert 'hx-target="#kb-suggestions"' in html
    assert '<div id="kb-suggestions" aria-live="polite"></div>' in html


def test_a_blocked_contact_sees_why_and_which_course__R_GATE_2(cast):
    blocked, course = make_blocked_submitter(cast.organisation)
    response = client_for(blocked.user).get("/incidents/new/")
    html = response.content.decode()
    assert course.title in html and 'data-testid="gate"' in html
    assert 'data-testid="incident-form"' not in html
    response = client_for(blocked.user).post("/incidents/new/", FORM)
    assert response.status_code == 400 and not Incident.objects.exists()


def test_submitting_redirects_to_the_number_phone_and_hours__R_INC_10(cast, frozen):
    client = client_for(cast.submitter.user)
    response = client.post("/incidents/new/", {**FORM, "files": [pdf()]})
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/incidents/{incident.number}/submitted/"
    html = client.get(response["Location"]).content.decode()
    assert incident.number in html
    assert "+31 88 123 4567" in html
    assert "Open now until 17:00" in html
    assert incident.attachments.count() == 1


def test_a_bad_file_is_refused_and_the_form_kept__R_INC_9(cast):
    exe = SimpleUploadedFile("setup.pdf", b"MZ\x90\x00not a pdf")
    response = client_for(cast.submitter.user).post("/incidents/new/", {**FORM, "files": [exe]})
    html = response.content.decode()
    assert response.status_code == 400
    assert "setup.pdf does not look like a .pdf file." in html
    assert FORM["subject"] in html and FORM["description"] in html
    assert not Incident.objects.exists()


@override_settings(INCIDENT_ATTACHMENT_MAX_BYTES=10)
def test_a_too_large_file_is_refused__R_INC_9(cast):
    response = client_for(cast.submitter.user).post(
        "/incidents/new/", {**FORM, "files": [pdf(content=b"%PDF-" + b"x" * 20)]})
    assert response.status_code == 400
    assert "is larger than 10\xa0bytes" in response.content.decode()


def test_missing_fields_keep_the_input(cast):
    response = client_for(cast.submitter.user).post("/incidents/new/",
                                                    {**FORM, "subject": ""})
    assert response.status_code == 400
    assert FORM["description"] in response.content.decode()


# /incidents/<number>/

def test_detail_shows_public_messages_only__R_INC_8(cast, staff):
    incident = make_incident(cast.submitter)
    actions.reply_as_staff(incident=incident, body="Kunt u een schermafdruk sturen?", actor=staff)
    actions.add_internal_note(incident=incident, body="GEHEIME NOTITIE", actor=staff)
    for who in ("submitter", "administrator", "viewer"):
        html = client_for(getattr(cast, who).user).get(
            f"/incidents/{incident.number}/").content.decode()
        assert "Kunt u een schermafdruk sturen?" in html
        assert "GEHEIME NOTITIE" not in html


def test_detail_shows_target_and_time_left__R_INC_4(cast, staff, frozen):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    actions.set_priority(incident=incident, priority=2, actor=staff)
    html = client_for(cast.submitter.user).get(f"/incidents/{incident.number}/").content.decode()
    assert "Time left: 8 h 30 min of working time" in html
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff, now=MONDAY_10)
    html = client_for(cast.submitter.user).get(f"/incidents/{incident.number}/").content.decode()
    assert "Paused – waiting for you" in html


def test_detail_names_support_staff_by_first_name_only__R_INC_6_R_INC_8(cast, staff):
    incident = make_incident(cast.submitter)
    actions.reply_as_staff(incident=incident, body="Wij kijken ernaar.", actor=staff)
    actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    response = client_for(cast.submitter.user).get(f"/incidents/{incident.number}/")
    html = response.content.decode()
    thread, history = html.split('data-testid="thread"')[1], html.split('data-testid="history"')[1]
    assert f"{staff.first_name} (Support)" in thread.split("</ol>")[0]
    assert f"{staff.first_name} (Support)" in history.split("</ol>")[0]
    assert cast.submitter.user.email in history.split("</ol>")[0]  # submitted by the reporter
    assert staff.email not in html
    staff.first_name = ""
    staff.save()
    html = client_for(cast.submitter.user).get(f"/incidents/{incident.number}/").content.decode()
    assert "(Support)" not in html and staff.email not in html
    assert html.split('data-testid="history"')[1].count("Support ·") == 1


def test_detail_of_another_organisation_or_colleague_is_404__R_ROLE_14(cast):
    incident = make_incident(cast.submitter)
    for who in ("other_administrator", "expert"):
        assert client_for(getattr(cast, who).user).get(
            f"/incidents/{incident.number}/").status_code == 404
    assert client_for(cast.submitter.user).get("/incidents/12/").status_code == 404
    assert client_for(cast.submitter.user).get("/incidents/abcdefgh/").status_code == 404


def test_reply_with_attachment_and_reopen__R_INC_6_R_ROLE_6(cast, staff):
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    response = client_for(cast.submitter.user).post(
        f"/incidents/{incident.number}/", {"body": "Toch niet opgelost", "files": [pdf()]})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS
    assert Message.objects.get().attachments.count() == 1


def test_viewers_cannot_reply__R_ROLE_13(cast):
    incident = make_incident(cast.submitter)
    client = client_for(cast.viewer.user)
    assert 'data-testid="reply-form"' not in client.get(
        f"/incidents/{incident.number}/").content.decode()
    assert client.post(f"/incidents/{incident.number}/", {"body": "x"}).status_code == 403
    assert not Message.objects.exists()


def test_an_empty_reply_is_refused_with_a_message(cast):
    incident = make_incident(cast.submitter)
    response = client_for(cast.submitter.user).post(f"/incidents/{incident.number}/",
                                                    {"body": ""})
    assert response.status_code == 400 and not Message.objects.exists()


def _detail_queries(cast, staff, count: int) -> int:
    incident = make_incident(cast.submitter, now=MONDAY_10, files=[pdf()])
    actions.set_priority(incident=incident, priority=3, actor=staff)
    for number in range(count):
        # Support waits for the customer, whose reply resumes it: history by both sides.
        actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
        actions.reply_as_staff(incident=incident, body=f"Antwoord {number}", actor=staff,
                               files=[pdf()])
        actions.reply(contact=cast.submitter, incident=incident, body=f"Reactie {number}",
                      files=[pdf()])
        actions.add_internal_note(incident=incident, body=f"Notitie {number}", actor=staff)
    client = client_for(cast.submitter.user)
    client.get(f"/incidents/{incident.number}/")
    return queries_of(client, f"/incidents/{incident.number}/")


def test_detail_query_count_is_constant__R_X_3(cast, staff, frozen):
    one = _detail_queries(cast, staff, 1)
    Incident.objects.all().delete()
    assert _detail_queries(cast, staff, 50) == one


# Attachments

def test_attachment_download_is_access_checked__R_INC_9(cast):
    incident = make_incident(cast.submitter, files=[pdf(content=b"%PDF-1.4 inhoud")])
    url = f"/incidents/{incident.number}/attachments/{incident.attachments.get().pk}/"
    response = client_for(cast.viewer.user).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 inhoud"
    assert "attachment" in response["Content-Disposition"]
    assert client_for(cast.other_administrator.user).get(url).status_code == 404
    other = make_incident(cast.submitter)
    assert client_for(cast.submitter.user).get(
        f"/incidents/{other.number}/attachments/{incident.attachments.get().pk}/"
    ).status_code == 404


# Remote assistance and survey

def test_grant_and_revoke_remote_access__R_INC_11(cast, staff, frozen):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    request = actions.request_remote_access(incident=incident, actor=staff, reason="Meekijken")
    client = client_for(cast.submitter.user)
    assert "Support asks for access" in client.get(
        f"/incidents/{incident.number}/").content.decode()
    response = client.post(f"/incidents/{incident.number}/access/",
                           {"level": "read", "period": "8h", "request": request.pk})
    assert response.status_code == 302
    grant = RemoteAccessGrant.objects.get()
    assert (grant.level, grant.expires_at) == ("read", at(2026, 3, 2, 18, 0))
    assert "End access now" in client.get(f"/incidents/{incident.number}/").content.decode()
    client.post(f"/incidents/{incident.number}/access/{grant.pk}/revoke/")
    grant.refresh_from_db()
    assert grant.revoked_at is not None


def test_viewers_cannot_grant_access__R_INC_11_R_ROLE_13(cast):
    incident = make_incident(cast.submitter)
    response = client_for(cast.viewer.user).post(f"/incidents/{incident.number}/access/",
                                                 {"level": "read", "period": "8h"})
    assert response.status_code == 403 and not RemoteAccessGrant.objects.exists()


def test_survey_after_resolution(cast, staff):
    incident = make_incident(cast.submitter)
    client = client_for(cast.submitter.user)
    assert 'data-testid="survey"' not in client.get(
        f"/incidents/{incident.number}/").content.decode()
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    assert 'data-testid="survey"' in client.get(f"/incidents/{incident.number}/").content.decode()
    client.post(f"/incidents/{incident.number}/survey/", {"score": "5", "comment": "Top"})
    assert incident.__class__.objects.get().survey.score == 5
    response = client.post(f"/incidents/{incident.number}/survey/", {"score": "9"})
    assert response.status_code == 302 and incident.__class__.objects.get().survey.score == 5


def test_the_list_is_paginated(cast):
    for number in range(views.INCIDENTS_PER_PAGE + 1):
        make_incident(cast.submitter, f"Incident {number}")
    client = client_for(cast.submitter.user)
    assert len(_numbers(client.get("/incidents/"))) == views.INCIDENTS_PER_PAGE
    assert len(_numbers(client.get("/incidents/?page=2"))) == 1


def test_a_later_page_annotates_only_its_own_rows(cast):
    """Issue 15: the page's ids come from a narrow subquery (same filters and order, with
    LIMIT and OFFSET), so the costly per-row annotations run for 25 rows, not for every row
    before them; the pages are those of a plain Paginator."""
    import re

    from django.core.paginator import Paginator
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from incidents.queries import incident_list_for

    for number in range(2 * views.INCIDENTS_PER_PAGE + 3):
        make_incident(cast.submitter, f"Incident {number}")
    client = client_for(cast.administrator.user)
    plain = Paginator(incident_list_for(cast.administrator), views.INCIDENTS_PER_PAGE)
    for page in (1, 2, 3):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/incidents/", {"page": page})
        assert _numbers(response) == [incident.number for incident in plain.page(page)]
        rows = next(query["sql"] for query in captured.captured_queries
                    if "LIMIT" in query["sql"] and "incidents_incident" in query["sql"])
        # The page's slice is inside the id subquery, not on the annotated rows.
        assert " IN (SELECT " in rows
        assert not re.search(r"(LIMIT|OFFSET) \d+\s*$", rows), rows[-200:]


def test_an_administrator_who_submits_sees_a_colleagues_incident_read_only__R_ROLE_7(cast):
    from accounts.roles import Role
    from tests.factories import make_contact

    both = make_contact(cast.organisation, Role.ADMINISTRATOR, Role.SUBMIT_INCIDENTS,
                        email="both@test.example")
    incident = make_incident(cast.submitter)
    client = client_for(both.user)
    page = client.get(f"/incidents/{incident.number}/").content.decode()
    assert 'data-testid="reply-form"' not in page and 'data-testid="grant-form"' not in page
    assert client.post(f"/incidents/{incident.number}/", {"body": "x"}).status_code == 403
    assert not Message.objects.exists()


@pytest.mark.parametrize("who", ["viewer", "administrator"])
def test_viewers_do_not_get_the_phone_number_on_the_submitted_page__R_ROLE_6(cast, frozen, who):
    incident = make_incident(cast.submitter)
    response = client_for(getattr(cast, who).user).get(f"/incidents/{incident.number}/submitted/")
    html = response.content.decode()
    assert response.status_code == 200 and incident.number in html
    assert "+31 88 123 4567" not in html and "tel:" not in html


@pytest.mark.parametrize("who", ["viewer", "administrator"])
def test_a_reader_without_a_reply_box_is_told_why__issue_14(cast, who):
    incident = make_incident(cast.submitter)
    page = client_for(getattr(cast, who).user).get(f"/incidents/{incident.number}/")
    html = page.content.decode()
    assert 'data-testid="reply-form"' not in html
    assert 'data-testid="why-no-reply"' in html
    assert cast.submitter.user.get_full_name() in html.split('data-testid="why-no-reply"')[1]
    hand_over = f'href="/incidents/{incident.number}/hand-over/"'
    assert (hand_over in html.split('data-testid="why-no-reply"')[1]) == (who == "administrator")


def test_the_owner_who_may_reply_sees_no_explanation(cast):
    incident = make_incident(cast.submitter)
    html = client_for(cast.submitter.user).get(f"/incidents/{incident.number}/").content.decode()
    assert 'data-testid="reply-form"' in html and 'data-testid="why-no-reply"' not in html


# Last activity and what is new since the contact last looked (issue 14)

def _row(response, number):
    return next(item for item in response.context["page"].object_list if item.number == number)


def test_a_staff_reply_marks_the_incident_new_until_it_is_opened__issue_14(cast, staff):
    incident = make_incident(cast.submitter)
    client = client_for(cast.submitter.user)
    client.get(f"/incidents/{incident.number}/")
    assert not _row(client.get("/incidents/"), incident.number).unseen

    reply = actions.reply_as_staff(incident=incident, body="We kijken ernaar.", actor=staff)
    response = client.get("/incidents/")
    row = _row(response, incident.number)
    assert row.unseen and row.activity_at == reply.created_at
    assert 'data-testid="unseen"' in response.content.decode()
    # Per contact: the viewer has its own marker; opening the incident clears only one's own.
    viewer = client_for(cast.viewer.user)
    assert _row(viewer.get("/incidents/"), incident.number).unseen
    client.get(f"/incidents/{incident.number}/")
    assert not _row(client.get("/incidents/"), incident.number).unseen
    assert _row(viewer.get("/incidents/"), incident.number).unseen


def test_an_internal_note_is_no_activity__issue_14_R_INC_8(cast, staff):
    incident = make_incident(cast.submitter)
    client = client_for(cast.submitter.user)
    client.get(f"/incidents/{incident.number}/")
    before = _row(client.get("/incidents/"), incident.number).activity_at
    actions.add_internal_note(incident=incident, body="Intern", actor=staff)
    row = _row(client.get("/incidents/"), incident.number)
    assert row.activity_at == before and not row.unseen


def test_a_status_change_is_activity__issue_14(cast, staff):
    incident = make_incident(cast.submitter)
    client = client_for(cast.submitter.user)
    client.get(f"/incidents/{incident.number}/")
    actions.set_priority(incident=incident, priority=3, actor=staff)
    actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    assert _row(client.get("/incidents/"), incident.number).unseen


def test_a_new_incident_without_activity_is_not_marked__issue_14(cast):
    incident = make_incident(cast.submitter)
    row = _row(client_for(cast.viewer.user).get("/incidents/"), incident.number)
    assert not row.unseen and row.activity_at == incident.created_at


def test_opening_an_incident_twice_keeps_one_visit_row__issue_14(cast):
    from incidents.models import IncidentVisit

    incident = make_incident(cast.submitter)
    client = client_for(cast.submitter.user)
    client.get(f"/incidents/{incident.number}/")
    client.get(f"/incidents/{incident.number}/")
    assert IncidentVisit.objects.filter(incident=incident).count() == 1
