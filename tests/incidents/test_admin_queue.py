"""The incident queue in the admin for Support (R-INC-3/4/6/8/10/12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.models import ServiceLevel
from incidents import actions
from incidents.models import Incident, Message, MessageKind, Status
from core.models import OutboxItem
from tests.conftest import client_for
from tests.factories import make_user
from tests.incidents.factories import make_incident

pytestmark = pytest.mark.django_db
QUEUE = "/admin/incidents/incident/"


def _change(incident: Incident, **data) -> dict:
    form = {"status": incident.status, "priority": incident.priority or "",
            "team": incident.team_id or "", "assignee": incident.assignee_id or "",
            "public_reply": "", "internal_note": "", "request_access": "",
            # The read-only inlines still send their management forms.
            **{f"{prefix}-{key}": value
               for prefix in ("messages", "attachments", "inbound_emails", "status_changes",
                              "owner_changes", "followers",
                              "access_grants", "support_codes", "remote_sessions",
                              "backup_permissions")
               for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0),
                                  ("MIN_NUM_FORMS", 0), ("MAX_NUM_FORMS", 1000))}}
    form.update(data)
    return form


def test_the_queue_lists_incidents_with_a_target_badge__R_INC_4(cast, staff):
    incident = make_incident(cast.submitter)
    actions.set_priority(incident=incident, priority=3, actor=staff)
    response = client_for(staff).get(QUEUE)
    assert response.status_code == 200
    html = response.content.decode()
    assert incident.number in html and "kp-badge" in html


def test_one_search_for_a_phoned_number_opens_the_incident__R_INC_10(cast, staff):
    incident = make_incident(cast.submitter)
    response = client_for(staff).get(f"{QUEUE}?q={incident.number}")
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}{incident.pk}/change/"


def test_search_by_organisation_and_reporter(cast, staff):
    incident = make_incident(cast.submitter)
    for query in ("Demo", "submitter@test"):
        assert incident.number in client_for(staff).get(f"{QUEUE}?q={query}").content.decode()


def test_breached_and_at_risk_filters__R_INC_4(cast, staff):
    now = timezone.now()
    old = make_incident(cast.submitter, "Oud", now=now - dt.timedelta(days=30))
    actions.set_priority(incident=old, priority=2, actor=staff)
    new = make_incident(cast.submitter, "Nieuw", now=now)
    actions.set_priority(incident=new, priority=3, actor=staff)
    html = client_for(staff).get(f"{QUEUE}?sla=breached").content.decode()
    assert old.number in html and new.number not in html
    Incident.objects.filter(pk=new.pk).update(at_risk_at=now - dt.timedelta(minutes=1))
    html = client_for(staff).get(f"{QUEUE}?sla=at_risk").content.decode()
    assert new.number in html and old.number not in html


def test_queue_query_count_is_constant(cast, staff):
    def count(rows: int) -> int:
        for _ in range(rows):
            actions.set_priority(incident=make_incident(cast.submitter), priority=3, actor=staff)
        client = client_for(staff)
        client.get(QUEUE)
        with CaptureQueriesContext(connection) as captured:
            client.get(QUEUE)
        return len(captured)

    one = count(1)
    Incident.objects.all().delete()
    assert count(50) == one


def test_staff_change_priority_status_reply_and_note_through_the_actions__R_INC_6_R_INC_8(
        cast, staff, no_new_incident_emails):
    incident = make_incident(cast.submitter)
    response = client_for(staff).post(f"{QUEUE}{incident.pk}/change/", _change(
        incident, priority=2, status=Status.IN_PROGRESS, public_reply="We pakken het op",
        internal_note="Bekend probleem", assignee=staff.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    incident.refresh_from_db()
    assert (incident.priority, incident.status, incident.assignee) == (2, Status.IN_PROGRESS,
                                                                       staff)
    assert incident.target_at is not None
    assert incident.status_changes.last().by_user == staff
    kinds = sorted(Message.objects.values_list("kind", flat=True))
    assert kinds == [MessageKind.INTERNAL, MessageKind.PUBLIC]
    # submitted, then one for the reply with the new status (one save, one email: issue
    # 14): not the note (R-INC-7, R-INC-8).
    assert OutboxItem.objects.count() == 2


def test_p1_is_refused_for_a_standard_organisation_in_the_admin__R_INC_4(cast, staff):
    incident = make_incident(cast.submitter)
    response = client_for(staff).post(f"{QUEUE}{incident.pk}/change/",
                                      _change(incident, priority=1))
    assert response.status_code == 200
    assert "First Class" in response.content.decode()
    assert Incident.objects.get().priority is None
    cast.organisation.service_level = ServiceLevel.FIRST_CLASS
    cast.organisation.save()
    client_for(staff).post(f"{QUEUE}{incident.pk}/change/", _change(incident, priority=1))
    assert Incident.objects.get().priority == 1


def test_a_wrong_status_step_is_refused_in_the_admin__R_INC_6(cast, staff):
    incident = make_incident(cast.submitter)
    response = client_for(staff).post(f"{QUEUE}{incident.pk}/change/",
                                      _change(incident, status=Status.CLOSED))
    assert response.status_code == 200
    assert Incident.objects.get().status == Status.SUBMITTED


def test_a_status_that_is_no_choice_is_a_form_error__R_X_2(cast, staff):
    incident = make_incident(cast.submitter)
    response = client_for(staff).post(f"{QUEUE}{incident.pk}/change/",
                                      _change(incident, status="no-such-status"))
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert Incident.objects.get().status == Status.SUBMITTED


def test_bulk_actions_set_priority_and_status(cast, staff):
    first, second = make_incident(cast.submitter), make_incident(cast.submitter)
    client = client_for(staff)
    client.post(QUEUE, {"action": "priority_4", "_selected_action": [first.pk, second.pk]})
    client.post(QUEUE, {"action": "mark_in_progress", "_selected_action": [first.pk]})
    assert sorted(Incident.objects.values_list("priority", "status")) == [
        (4, Status.IN_PROGRESS), (4, Status.SUBMITTED)]


def test_customer_care_report_of_questions__R_INC_12(cast, staff):
    for _ in range(3):
        make_incident(cast.submitter, incident_type="question")
    make_incident(cast.expert, incident_type="question")
    make_incident(cast.expert, incident_type="fault")
    make_incident(cast.submitter, incident_type="question",
                  now=timezone.now() - dt.timedelta(days=91))
    response = client_for(staff).get(f"{QUEUE}question-signals/")
    assert response.status_code == 200
    organisations = response.context["organisations"]
    contacts = response.context["contacts"]
    assert [(row["organisation__name"], row["count"]) for row in organisations] == [
        ("Demo BV", 4)]
    assert [(row["reporter__user__email"], row["count"]) for row in contacts] == [
        ("submitter@test.example", 3), ("expert@test.example", 1)]


def test_staff_without_the_support_group_see_no_queue(cast):
    assert client_for(cast.staff).get(QUEUE).status_code == 403


def test_staff_download_attachments_from_the_incident__R_INC_9(cast, staff):
    from tests.incidents.factories import pdf

    incident = make_incident(cast.submitter, files=[pdf(content=b"%PDF-1.4 bijlage")])
    attachment = incident.attachments.get()
    html = client_for(staff).get(f"{QUEUE}{incident.pk}/change/").content.decode()
    url = f"{QUEUE}attachments/{attachment.pk}/"
    assert url in html
    response = client_for(staff).get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 bijlage"
    # Staff outside the Support group may not.
    other = make_user("other-staff@test.example", is_staff=True)
    assert client_for(other).get(url).status_code == 403



@pytest.fixture
def monday_10(monkeypatch):
    """The admin's clock on Monday 2 March 2026, 10:00 Amsterdam time."""
    from types import SimpleNamespace

    from incidents import admin as incident_admin
    from tests.incidents.factories import MONDAY_10

    monkeypatch.setattr(incident_admin, "timezone",
                        SimpleNamespace(now=lambda: MONDAY_10, localtime=timezone.localtime))
    return MONDAY_10


def _badge(html: str) -> tuple[str, str]:
    """(target in the title, whole hours left) of the first target badge."""
    import re

    match = re.search(r'class="kp-badge kp-ok" title="([^"]+)">\D*(\d+) ', html)
    return match.group(1), match.group(2)


def test_the_badge_shows_the_target_in_amsterdam_time__R_INC_4_R_INC_5(cast, staff, monday_10):
    incident = make_incident(cast.submitter, now=monday_10)
    actions.set_priority(incident=incident, priority=3, actor=staff, now=monday_10)
    assert _badge(client_for(staff).get(QUEUE).content.decode()) == ("2026-03-09 10:00", "41")


def test_a_closure_day_entered_after_viewing_the_queue_counts_on_the_incident_page__R_INC_5(
        cast, staff, monday_10):
    """The queue's per-request clock (closure days cached) must not outlive its request."""
    from incidents.models import OpeningException

    incident = make_incident(cast.submitter, now=monday_10)
    actions.set_priority(incident=incident, priority=3, actor=staff, now=monday_10)
    client = client_for(staff)
    assert _badge(client.get(QUEUE).content.decode())[1] == "41"  # 5 working days
    OpeningException.objects.create(date=dt.date(2026, 3, 4), reason="Bedrijfsdag")
    assert _badge(client.get(f"{QUEUE}{incident.pk}/change/").content.decode())[1] == "33"


def test_assign_to_me_leaves_a_closed_incident_alone__R_INC_6(cast, staff):
    """Closed is final: the bulk action refuses it as the change form does."""
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    actions.change_status(incident=incident, status=Status.CLOSED, actor=staff)
    with pytest.raises(actions.IncidentClosed):
        actions.assign(incident=incident, assignee=staff, actor=staff)
    with pytest.raises(actions.IncidentClosed):
        actions.set_team(incident=incident, team=None, actor=staff)
    response = client_for(staff).post(QUEUE, {"action": "take",
                                              "_selected_action": [incident.pk]}, follow=True)
    assert incident.number in response.content.decode()  # "not possible for: <number>"
    assert Incident.objects.get().assignee is None


def test_the_change_page_shows_the_wait_for_the_customer_as_working_time__R_INC_4(
        cast, staff):
    """Time waiting for the customer does not count (R-INC-4): staff see how much, as a
    duration people read ("7 u 30 min"), not a raw "7:30:00"."""
    incident = make_incident(cast.submitter)
    Incident.objects.filter(pk=incident.pk).update(
        paused_working_time=dt.timedelta(hours=7, minutes=30))
    html = client_for(staff).get(f"{QUEUE}{incident.pk}/change/").content.decode()
    assert "7 u 30 min" in html
    assert "7:30:00" not in html
