"""Customer Care answers feedback in the admin, with an "overdue complaints" filter
(R-CARE-1); Support confirms extra support (R-CARE-2)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from care.models import ExtraSupportRequest, ExtraSupportStatus, Feedback, FeedbackKind
from tests.care.factories import make_extra_support, make_feedback
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _staff(cast, group: str):
    cast.staff.groups.add(Group.objects.get(name=group))
    return client_for(cast.staff)


def test_the_overdue_filter_lists_unanswered_complaints_past_their_target__R_CARE_1(cast):
    overdue = make_feedback(cast.employee, subject="Te laat")  # received 2026-11-24
    make_feedback(cast.employee, subject="Nog op tijd", now=timezone.now())
    make_feedback(cast.employee, subject="Feedback", kind=FeedbackKind.FEEDBACK)
    care = _staff(cast, "Customer Care")
    response = care.get("/admin/care/feedback/", {"response": "overdue"})
    assert response.status_code == 200
    assert [item.subject for item in response.context["cl"].result_list] == [overdue.subject]
    waiting = care.get("/admin/care/feedback/", {"response": "waiting"})
    assert {item.subject for item in waiting.context["cl"].result_list} == {"Te laat",
                                                                            "Nog op tijd"}


def test_customer_care_answers_in_the_admin__R_CARE_1(cast, django_capture_on_commit_callbacks):
    complaint = make_feedback(cast.employee)
    care = _staff(cast, "Customer Care")
    with django_capture_on_commit_callbacks(execute=True):
        response = care.post(f"/admin/care/feedback/{complaint.pk}/change/",
                             {"status": "received", "response": "We bellen je vandaag."})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "answered" and complaint.first_response_at is not None
    assert complaint.responded_by == cast.staff
    assert [message.to for message in mail.outbox] == [[cast.employee.user.email]]
    page = client_for(cast.employee.user).get(f"/feedback/{complaint.pk}/").content.decode()
    assert "We bellen je vandaag." in page


def test_answered_without_a_text_is_refused(cast):
    complaint = make_feedback(cast.employee)
    response = _staff(cast, "Customer Care").post(
        f"/admin/care/feedback/{complaint.pk}/change/", {"status": "answered", "response": ""})
    assert response.status_code == 200
    complaint.refresh_from_db()
    assert complaint.status == "received"


def test_closing_and_in_progress_in_the_admin(cast):
    complaint = make_feedback(cast.employee)
    care = _staff(cast, "Customer Care")
    care.post("/admin/care/feedback/", {"action": "mark_in_progress",
                                        "_selected_action": [complaint.pk]})
    complaint.refresh_from_db()
    assert complaint.status == "in_progress"
    care.post(f"/admin/care/feedback/{complaint.pk}/change/",
              {"status": "closed", "response": ""})
    complaint.refresh_from_db()
    assert complaint.status == "closed" and complaint.closed_at is not None


def test_what_the_customer_sent_is_read_only(cast):
    complaint = make_feedback(cast.employee, subject="Origineel")
    _staff(cast, "Customer Care").post(f"/admin/care/feedback/{complaint.pk}/change/", {
        "status": "received", "response": "", "subject": "Gewijzigd"})
    complaint.refresh_from_db()
    assert complaint.subject == "Origineel"
    assert _staff(cast, "Customer Care").get("/admin/care/feedback/add/").status_code == 403


def test_support_reads_complaints_but_cannot_answer_them__issue_14(cast):
    complaint = make_feedback(cast.employee)
    support = _staff(cast, "Support")
    assert support.get("/admin/care/feedback/").status_code == 200
    page = support.get(f"/admin/care/feedback/{complaint.pk}/change/")
    assert page.status_code == 200 and 'name="response"' not in page.content.decode()
    assert support.post(f"/admin/care/feedback/{complaint.pk}/change/",
                        {"status": "answered", "response": "Opgelost"}).status_code == 403
    complaint.refresh_from_db()
    assert complaint.status != "answered"


def test_support_confirms_extra_support__R_CARE_2(cast, django_capture_on_commit_callbacks):
    request = make_extra_support(cast.administrator)
    support = _staff(cast, "Support")
    with django_capture_on_commit_callbacks(execute=True):
        response = support.post(f"/admin/care/extrasupportrequest/{request.pk}/change/",
                                {"status": "confirmed", "staff_note": "Bel 088-1234567."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == ExtraSupportStatus.CONFIRMED and request.handled_by == cast.staff
    assert [message.to for message in mail.outbox] == [[cast.administrator.user.email]]
    page = client_for(cast.administrator.user).get("/feedback/extra-support/").content.decode()
    assert 'data-status="confirmed"' in page and "Bel 088-1234567." in page


def test_the_admin_lists_have_a_fixed_query_count(cast, django_assert_max_num_queries):
    for number in range(20):
        make_feedback(cast.employee, subject=f"Klacht {number}")
        make_extra_support(cast.administrator, days=6 + number)
    care = _staff(cast, "Customer Care")
    with django_assert_max_num_queries(15):
        assert care.get("/admin/care/feedback/").status_code == 200
    support = _staff(cast, "Support")
    with django_assert_max_num_queries(15):
        assert support.get("/admin/care/extrasupportrequest/").status_code == 200
    assert Feedback.objects.count() == 20 and ExtraSupportRequest.objects.count() == 20
