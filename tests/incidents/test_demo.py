from __future__ import annotations

import datetime as dt

import pytest

from incidents import demo
from django.utils import timezone

from incidents.calendar import SupportCalendar, weekly_schedule
from incidents.models import OpeningException

pytestmark = pytest.mark.django_db


def test_the_demo_closure_days_are_idempotent__R_INC_5():
    demo.seed()
    OpeningException.objects.filter(date=dt.date(2026, 12, 31)).update(reason="changed")
    demo.seed()
    assert dict(OpeningException.objects.filter(opens=None).values_list(
        "date", "reason")) == demo.CLOSURE_DAYS
    assert SupportCalendar().hours_on(dt.date(2026, 12, 31)) is None


def test_the_demo_has_the_usual_week_and_one_upcoming_shorter_day__R_INC_16():
    OpeningException.objects.filter(opens=None).delete()
    demo.seed()
    demo.seed()  # idempotent: still one shorter day
    shorter = OpeningException.objects.get(opens__isnull=False)
    today = timezone.localdate()
    assert shorter.date == demo.shorter_day(today) and shorter.date > today
    assert shorter.date.weekday() == 2
    desk = SupportCalendar()
    assert desk.hours_on(shorter.date) == (dt.time(8, 30), dt.time(12, 30))
    assert desk.regular_hours_on(shorter.date) == (dt.time(8, 30), dt.time(17, 0))
    assert desk.changed_days(today, today + dt.timedelta(days=14)) == [
        (shorter.date, (dt.time(8, 30), dt.time(12, 30)), demo.SHORTER_DAY_REASON)]
    assert dict(weekly_schedule(today))[4] == (dt.time(8, 30), dt.time(16, 0))


def test_demo_incidents_cover_every_status_type_and_priority__R_INC_1_R_INC_6():
    from contacts import demo as contacts_demo
    from incidents.models import Incident, Message, MessageKind

    contacts_demo.seed()
    demo.seed()
    demo.seed()  # idempotent
    incidents = Incident.objects.filter(demo.demo_incidents())
    assert incidents.count() == len(demo.INCIDENTS) + 1  # with the one of the reporter who left
    assert set(incidents.values_list("status", flat=True)) == {
        "submitted", "in_progress", "waiting", "resolved", "closed"}
    assert set(incidents.values_list("incident_type", flat=True)) == {
        "fault", "outage", "wish", "question"}
    assert set(incidents.values_list("priority", flat=True)) == {None, 1, 2, 3, 4, 5}
    assert set(incidents.values_list("organisation__name", flat=True)) == {"Demo BV",
                                                                          "Andere BV"}
    # P1 only in the First Class organisation (R-INC-4).
    assert set(incidents.filter(priority=1).values_list(
        "organisation__service_level", flat=True)) == {"first_class"}
    assert Message.objects.filter(kind=MessageKind.INTERNAL).exists()
    assert incidents.filter(priority=2).get().target_at is not None


def test_demo_has_an_incident_waiting_for_a_reporter_who_left__R_INC_13():
    from contacts import demo as contacts_demo
    from incidents.models import Incident
    from incidents.queries import owner_cannot_reply
    from core.models import OutboxItem

    contacts_demo.seed()
    OutboxItem.objects.all().delete()
    demo.seed()
    incident = Incident.objects.select_related("reporter__user", "owner__user",
                                               "owner__organisation").get(
        number=demo.LEFT_REPORTER_INCIDENT[0])
    assert incident.status == "waiting" and incident.reporter == incident.owner
    assert incident.reporter.user.email == "vertrokken@demo.example"
    assert not incident.reporter.is_active and owner_cannot_reply(incident)
    assert not OutboxItem.objects.exists()  # seeding sends no emails


def test_demo_incidents_skip_the_left_reporter_until_that_contact_exists__R_INC_13():
    from contacts import demo as contacts_demo
    from contacts.models import Contact
    from incidents.models import Incident

    contacts_demo.seed()
    Contact.objects.filter(user__email="vertrokken@demo.example").delete()
    demo.seed()
    numbers = set(Incident.objects.filter(demo.demo_incidents()).values_list("number", flat=True))
    assert numbers == {row[0] for row in demo.INCIDENTS}


def test_the_demo_has_an_ended_busyness_notice_and_no_active_one__R_INC_17():
    from incidents.models import BusyNotice, active_busy_notices

    demo.seed()
    demo.seed()  # idempotent
    notice = BusyNotice.objects.get()
    assert notice.ended_at is not None and notice.message == demo.ENDED_BUSY_MESSAGE
    assert not BusyNotice.objects.filter(active_busy_notices(timezone.now())).exists()


def test_the_demo_has_an_ended_session_and_an_active_backup_permission__R_INC_11():
    from contacts import demo as contacts_demo
    from incidents.models import BackupPermission, RemoteSession

    contacts_demo.seed()
    demo.seed()
    demo.seed()  # idempotent
    session = RemoteSession.objects.select_related("incident", "engineer", "code").get()
    assert session.incident.number == demo.SESSION_ENDED and session.ended_at is not None
    assert session.engineer.email == demo.DEMO_ENGINEER and session.code.used_at is not None
    permission = BackupPermission.objects.select_related("incident").get()
    assert permission.incident.number == demo.BACKUP_ALLOWED
    assert permission.is_active(timezone.now())
