"""Busyness (R-INC-17): Support switches "exceptionally busy" on, for one product area or
all, with an expected end; the support page and the incident form show it while it holds,
and each open P4 incident in its scope gets exactly one portal message and one email per
notice, whether it was P4 when the notice began or became P4 during it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from core.models import OutboxItem
from incidents import actions
from incidents.models import BusyNotice, Message, MessageKind, Priority, ProductArea, Status
from tests.conftest import client_for
from tests.incidents.factories import make_incident
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

PAGES = ["/support/", "/incidents/new/"]
BUSY_KIND = "incidents.emails.busy_notice_email"


def switch_on(staff, product_area: str = "", *, message: str = "",
              hours: int = 24) -> BusyNotice:
    return actions.save_busy_notice(actor=staff, notice=BusyNotice(
        product_area=product_area, message=message,
        expected_end=timezone.now() + dt.timedelta(hours=hours)))


def notices_on(contact, path: str) -> list[str]:
    """The product areas of the notices the page shows ("" for all areas)."""
    response = client_for(contact.user).get(path)
    assert response.status_code == 200
    html = response.content.decode()
    return [part.split('"', 1)[0] for part in html.split('data-area="')[1:]]


@pytest.mark.parametrize("path", PAGES)
def test_an_active_notice_is_shown_with_its_area__R_INC_17(cast, staff, path):
    assert notices_on(cast.submitter, path) == []
    switch_on(staff, message="Door een storing bij een leverancier.")
    switch_on(staff, ProductArea.CRM)
    assert notices_on(cast.submitter, path) == ["", ProductArea.CRM]
    html = client_for(cast.submitter.user).get(path).content.decode()
    assert "Door een storing bij een leverancier." in html


@pytest.mark.parametrize("path", PAGES)
def test_an_ended_or_expired_notice_is_not_shown__R_INC_17(cast, staff, path):
    ended = switch_on(staff)
    actions.end_busy_notice(actor=staff, notice=ended)
    expired = switch_on(staff, ProductArea.FINANCE)
    BusyNotice.objects.filter(pk=expired.pk).update(
        expected_end=timezone.now() - dt.timedelta(minutes=1))
    assert notices_on(cast.submitter, path) == []


def _busy_messages(incident) -> list[Message]:
    return list(Message.objects.filter(incident=incident, busy_notice__isnull=False))


def _busy_emails(incident) -> list:
    return [email for email in mail.outbox if incident.number in email.subject]


def test_one_message_and_email_per_incident_and_notice__R_INC_17(
        cast, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        finance = make_incident(cast.submitter, "Vraag over boeken")
        crm = make_incident(cast.submitter, "Vraag over relaties",
                            product_area=ProductArea.CRM)
        later = make_incident(cast.submitter, "Later een vraag")
        resolved = make_incident(cast.submitter, "Opgelost")
        for incident in (finance, crm, resolved):
            actions.set_priority(incident=incident, priority=Priority.P4, actor=staff)
        actions.set_priority(incident=later, priority=Priority.P3, actor=staff)
        actions.change_status(incident=resolved, status=Status.RESOLVED, actor=staff)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        notice = switch_on(staff, ProductArea.FINANCE, message="Jaarafsluiting")
        # Switched on again (the expected end moved): nobody hears it twice.
        notice.expected_end += dt.timedelta(days=1)
        actions.save_busy_notice(actor=staff, notice=notice)
    [message] = _busy_messages(finance)
    assert message.kind == MessageKind.PORTAL and message.busy_notice == notice
    assert "Jaarafsluiting" in message.body
    assert Message.public.filter(pk=message.pk).exists()  # the customer reads it
    finance.refresh_from_db()
    assert finance.last_activity_at == message.created_at  # news on the dashboard (issue 14)
    assert _busy_messages(crm) == [] and _busy_messages(resolved) == []
    assert _busy_messages(later) == []
    [email] = mail.outbox
    assert email.to == ["submitter@test.example"] and finance.number in email.subject
    assert "Jaarafsluiting" in email.body

    with django_capture_on_commit_callbacks(execute=True):
        # Becomes P4 during the notice: told once; set to P4 again or P3 and back: no more.
        actions.set_priority(incident=later, priority=Priority.P4, actor=staff)
        actions.set_priority(incident=later, priority=Priority.P3, actor=staff)
        actions.set_priority(incident=later, priority=Priority.P4, actor=staff)
        actions.set_priority(incident=finance, priority=Priority.P4, actor=staff)
    assert len(_busy_messages(later)) == 1 and len(_busy_emails(later)) == 1
    assert len(_busy_messages(finance)) == 1 and len(_busy_emails(finance)) == 1
    assert OutboxItem.objects.filter(kind=BUSY_KIND).count() == 2

    # A second notice (all areas) is a second message, once, for each open P4 incident.
    with django_capture_on_commit_callbacks(execute=True):
        switch_on(staff)
    assert len(_busy_messages(finance)) == 2 and len(_busy_messages(crm)) == 1
    assert len(_busy_messages(later)) == 2 and _busy_messages(resolved) == []
    assert OutboxItem.objects.filter(kind=BUSY_KIND).count() == 5


def test_no_message_outside_the_notice__R_INC_17(cast, staff):
    incident = make_incident(cast.submitter)
    other = make_incident(cast.submitter, product_area=ProductArea.CRM)
    notice = switch_on(staff, ProductArea.CRM)
    actions.set_priority(incident=incident, priority=Priority.P4, actor=staff)  # out of scope
    actions.end_busy_notice(actor=staff, notice=notice)
    actions.set_priority(incident=other, priority=Priority.P4, actor=staff)  # ended
    assert not Message.objects.filter(busy_notice__isnull=False).exists()
    assert not OutboxItem.objects.filter(kind=BUSY_KIND).exists()


def test_the_message_and_email_are_in_the_owners_language__R_INC_17(
        cast, staff, django_capture_on_commit_callbacks):
    cast.submitter.language = "en"
    cast.submitter.save()
    incident = make_incident(cast.submitter)
    actions.set_priority(incident=incident, priority=Priority.P4, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        switch_on(staff, ProductArea.FINANCE)
    [message] = _busy_messages(incident)
    assert "Support for Finance is exceptionally busy" in message.body
    assert "may not be met" in message.body
    [email] = mail.outbox
    assert "the target time may not be met" in email.subject
    assert message.body in email.body


def test_the_email_waits_for_an_owner_who_can_still_act__R_INC_17(
        cast, staff, django_capture_on_commit_callbacks):
    from tests.incidents.factories import without_role

    incident = make_incident(cast.submitter)
    actions.set_priority(incident=incident, priority=Priority.P4, actor=staff)
    without_role(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        switch_on(staff)
    assert len(_busy_messages(incident)) == 1 and mail.outbox == []


def test_an_expected_end_in_the_past_is_refused__R_INC_17(staff):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        switch_on(staff, hours=-1)
    assert not BusyNotice.objects.exists()


@pytest.mark.parametrize("path", PAGES)
def test_the_query_count_is_the_same_for_1_and_50_notices__R_INC_17_R_X_3(
        cast, staff, path):
    client = client_for(cast.submitter.user)
    switch_on(staff)
    one = queries_of(client, path)
    areas = [area for area, _label in ProductArea.choices]
    for number in range(49):
        BusyNotice.objects.create(product_area=areas[number % len(areas)],
                                  expected_end=timezone.now() + dt.timedelta(hours=1),
                                  ended_at=timezone.now() if number % 2 else None)
    assert queries_of(client, path) == one
    assert len(notices_on(cast.submitter, path)) == 26


def test_support_staff_switch_it_on_and_end_it_in_the_admin__R_INC_17(
        cast, staff, django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    actions.set_priority(incident=incident, priority=Priority.P4, actor=staff)
    client = client_for(staff)
    end = timezone.localtime(timezone.now() + dt.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/incidents/busynotice/add/", {
            "product_area": "", "message": "Veel vragen na de update",
            "expected_end_0": f"{end:%Y-%m-%d}", "expected_end_1": f"{end:%H:%M:%S}"})
    assert response.status_code == 302
    notice = BusyNotice.objects.get()
    assert notice.is_active(timezone.now())
    assert len(_busy_messages(incident)) == 1 and len(mail.outbox) == 1
    response = client.post("/admin/incidents/busynotice/", {
        "action": "end_now", "_selected_action": [notice.pk]})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.ended_at is not None and notices_on(cast.submitter, "/support/") == []
    # Not deleted: the messages on the incidents name it.
    assert client.get(f"/admin/incidents/busynotice/{notice.pk}/delete/").status_code == 403


def test_customer_care_cannot_switch_it_on__R_INC_17(cast):
    from tests.factories import staff_member

    client = client_for(staff_member("Customer Care"))
    assert client.get("/admin/incidents/busynotice/").status_code == 403
