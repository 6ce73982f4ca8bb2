"""R-INC-16: Support keeps the opening hours (weekly schedules with the date they hold from,
exceptions per date: closed, a shorter day, a longer evening), and every clock reads that
one calendar — the calendar itself, the SLA targets of running incidents (moved the moment
staff change the hours), the support page, and the admin where staff keep them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from incidents import actions, sla, views
from incidents.calendar import NoOpeningFound, SupportCalendar, describe_week, weekly_schedule
from incidents.models import OpeningException, OpeningSchedule, Status
from tests.conftest import client_for
from tests.factories import USUAL_WEEK, make_opening_schedule
from tests.incidents.factories import MONDAY_10, at, make_incident

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)
T = dt.time
# March 2026: Monday 2, Tuesday 3, Wednesday 4, Thursday 5, Friday 6, Saturday 7, Monday 9.
MONDAY, TUESDAY, THURSDAY, FRIDAY = (dt.date(2026, 3, 2), dt.date(2026, 3, 3),
                                     dt.date(2026, 3, 5), dt.date(2026, 3, 6))
SATURDAY, NEXT_MONDAY = dt.date(2026, 3, 7), dt.date(2026, 3, 9)
# From 9 March on: Monday closed, Tuesday–Friday 09:00–15:00.
SUMMER_WEEK = {day: (T(9, 0), T(15, 0)) for day in ("tuesday", "wednesday", "thursday",
                                                      "friday")}


def exception(day: dt.date, reason: str, hours: tuple[dt.time, dt.time] | None = None):
    opens, closes = hours or (None, None)
    return OpeningException.objects.create(date=day, reason=reason, opens=opens, closes=closes)


def _hours_for(*, staff_group: str = "Support"):
    """A staff member of ``staff_group`` (fresh permission cache)."""
    from accounts.models import User
    from tests.factories import make_user

    user = make_user(is_staff=True)
    user.groups.add(Group.objects.get(name=staff_group))
    return User.objects.get(pk=user.pk)


# The calendar ---------------------------------------------------------------------------


def test_the_migrated_schedule_is_the_former_week__R_INC_16():
    """The migration stores the hours the code used to hold, so nothing changes."""
    schedule = OpeningSchedule.objects.get()
    assert schedule.valid_from == dt.date(2000, 1, 1)
    assert schedule.hours() == {0: (T(8, 30), T(17, 0)), 1: (T(8, 30), T(17, 0)),
                                2: (T(8, 30), T(17, 0)), 3: (T(8, 30), T(17, 0)),
                                4: (T(8, 30), T(16, 0))}


def test_a_schedule_holds_from_its_date_until_the_next_one__R_INC_16():
    make_opening_schedule(NEXT_MONDAY, SUMMER_WEEK)
    desk = SupportCalendar()
    assert desk.hours_on(FRIDAY) == (T(8, 30), T(16, 0))  # the former week still
    assert desk.hours_on(NEXT_MONDAY) is None  # closed in the new one
    assert desk.hours_on(NEXT_MONDAY + dt.timedelta(days=1)) == (T(9, 0), T(15, 0))
    assert desk.next_opening(at(2026, 3, 6, 16, 0)) == at(2026, 3, 10, 9, 0)
    assert dict(weekly_schedule(FRIDAY))[0] == (T(8, 30), T(17, 0))
    assert dict(weekly_schedule(NEXT_MONDAY))[0] is None
    # A still later schedule takes over again.
    make_opening_schedule(dt.date(2026, 3, 16))
    assert SupportCalendar().hours_on(dt.date(2026, 3, 16)) == (T(8, 30), T(17, 0))


def test_before_the_first_schedule_the_desk_is_closed__R_INC_16():
    OpeningSchedule.objects.all().delete()
    make_opening_schedule(NEXT_MONDAY)
    desk = SupportCalendar()
    assert desk.hours_on(MONDAY) is None
    assert desk.next_opening(at(2026, 3, 2, 10, 0)) == at(2026, 3, 9, 8, 30)
    OpeningSchedule.objects.all().delete()
    with pytest.raises(NoOpeningFound):
        SupportCalendar().next_opening(at(2026, 3, 2, 10, 0))


def test_a_shorter_day__R_INC_16():
    exception(TUESDAY, "Teamdag", (T(8, 30), T(12, 0)))
    desk = SupportCalendar()
    assert desk.hours_on(TUESDAY) == (T(8, 30), T(12, 0))
    assert desk.regular_hours_on(TUESDAY) == (T(8, 30), T(17, 0))
    assert desk.closed_reason(TUESDAY) is None and desk.changed_reason(TUESDAY) == "Teamdag"
    assert desk.is_open(at(2026, 3, 3, 11, 59)) and not desk.is_open(at(2026, 3, 3, 12, 0))
    # Monday 16:00 + 5 h: 1 h Monday, 3.5 h Tuesday, the last half hour on Wednesday.
    assert desk.add_working_time(at(2026, 3, 2, 16, 0), 5 * HOUR) == at(2026, 3, 4, 9, 0)
    assert desk.working_time_between(at(2026, 3, 3, 0, 0), at(2026, 3, 4, 0, 0)) == 3.5 * HOUR
    assert desk.changed_days(MONDAY, FRIDAY) == [(TUESDAY, (T(8, 30), T(12, 0)), "Teamdag")]
    assert desk.closed_days(MONDAY, FRIDAY) == []


def test_a_longer_evening__R_INC_16():
    exception(THURSDAY, "Releaseavond", (T(8, 30), T(21, 0)))
    desk = SupportCalendar()
    assert desk.is_open(at(2026, 3, 5, 20, 59)) and not desk.is_open(at(2026, 3, 5, 21, 0))
    assert desk.add_working_time(at(2026, 3, 5, 16, 0), 4 * HOUR) == at(2026, 3, 5, 20, 0)
    today = desk.today(at(2026, 3, 5, 18, 0))
    assert today.open_now and today.closes_at == at(2026, 3, 5, 21, 0)
    assert today.reason_changed == "Releaseavond"


def test_an_exception_with_hours_opens_a_weekend_day_or_a_holiday__R_INC_16():
    exception(SATURDAY, "Migratiezaterdag", (T(10, 0), T(14, 0)))
    exception(dt.date(2026, 4, 27), "Koningsdag open", (T(9, 0), T(12, 0)))
    desk = SupportCalendar()
    assert desk.is_open(at(2026, 3, 7, 10, 0))
    assert desk.next_opening(at(2026, 3, 6, 16, 0)) == at(2026, 3, 7, 10, 0)
    assert desk.hours_on(dt.date(2026, 4, 27)) == (T(9, 0), T(12, 0))
    assert desk.closed_reason(dt.date(2026, 4, 27)) is None
    # A closed exception on a holiday still gives the holiday's name (R-INC-5).
    exception(dt.date(2026, 12, 25), "Dicht")
    with translation.override("en"):
        assert SupportCalendar().closed_reason(dt.date(2026, 12, 25)) == "Christmas Day"


def test_schedules_and_exceptions_are_read_in_one_query_per_window__R_INC_16():
    make_opening_schedule(NEXT_MONDAY, SUMMER_WEEK)
    make_opening_schedule(dt.date(2026, 6, 1))
    exception(TUESDAY, "Teamdag", (T(8, 30), T(12, 0)))
    exception(THURSDAY, "Studiedag")
    with CaptureQueriesContext(connection) as queries:
        desk = SupportCalendar().load(MONDAY, dt.date(2026, 3, 31))
        hours = [desk.hours_on(MONDAY + dt.timedelta(days=n)) for n in range(30)]
        week = desk.week_on(NEXT_MONDAY)
    assert len(queries) == 1
    assert hours[1] == (T(8, 30), T(12, 0)) and hours[3] is None and hours[7] is None
    assert week[1] == (1, (T(9, 0), T(15, 0)))
    # The June schedule is read with the window that reaches it.
    with CaptureQueriesContext(connection) as queries:
        assert desk.hours_on(dt.date(2026, 6, 1)) == (T(8, 30), T(17, 0))
    assert len(queries) == 1


def test_the_week_in_short__R_INC_16():
    with translation.override("en"):
        assert describe_week(SupportCalendar().week_on(MONDAY)) == (
            "Mon–Thu 08:30–17:00, Fri 08:30–16:00")
    with translation.override("nl"):
        assert describe_week(SupportCalendar().week_on(NEXT_MONDAY)) == (
            "ma–do 08:30–17:00, vr 08:30–16:00")
        make_opening_schedule(NEXT_MONDAY, SUMMER_WEEK)
        assert describe_week(SupportCalendar().week_on(NEXT_MONDAY)) == "di–vr 09:00–15:00"


# Running SLA targets follow the hours ---------------------------------------------------


def test_a_shortened_day_moves_a_running_target_at_once__R_INC_16(cast, staff):
    """P4 submitted Monday 10:00: the end of the next working day, Tuesday 17:00. Staff
    shorten Tuesday to 12:00 while the incident runs: the target is Tuesday 12:00 from then
    on, for the customer's page and the queue alike."""
    incident = make_incident(cast.submitter, now=MONDAY_10)
    incident = actions.set_priority(incident=incident, priority=4, actor=staff)
    assert incident.target_at == at(2026, 3, 3, 17, 0)

    actions.save_opening_exception(actor=staff, exception=OpeningException(
        date=TUESDAY, reason="Teamdag", opens=T(8, 30), closes=T(12, 0)))
    incident.refresh_from_db()
    assert incident.target_at == at(2026, 3, 3, 12, 0)
    deadline = sla.deadline(incident, at(2026, 3, 3, 11, 0), SupportCalendar())
    assert deadline.running and deadline.time_left == HOUR

    # Removing the exception gives the day its hours back, and the target with them.
    actions.delete_opening_exception(actor=staff,
                                     exception=OpeningException.objects.get(date=TUESDAY))
    incident.refresh_from_db()
    assert incident.target_at == at(2026, 3, 3, 17, 0)


def test_a_schedule_changed_mid_incident_moves_the_target__R_INC_16(cast, staff):
    """P3 (five working days) submitted Monday 2 March 10:00: Monday 9 March 10:00. A new
    schedule from 9 March closes Mondays and opens 09:00–15:00: the fifth working day is
    now Tuesday 10 March, at the same clock position (1.5 h after opening)."""
    incident = make_incident(cast.submitter, now=MONDAY_10)
    incident = actions.set_priority(incident=incident, priority=3, actor=staff)
    assert incident.target_at == at(2026, 3, 9, 10, 0)

    schedule = OpeningSchedule(valid_from=NEXT_MONDAY)
    for day, (opens, closes) in SUMMER_WEEK.items():
        setattr(schedule, f"{day}_opens", opens)
        setattr(schedule, f"{day}_closes", closes)
    actions.save_opening_schedule(actor=staff, schedule=schedule)
    incident.refresh_from_db()
    assert incident.target_at == at(2026, 3, 10, 10, 30)
    # What was stored is what any clock made from now on computes.
    assert sla.targets(incident, SupportCalendar()) == (incident.target_at, incident.at_risk_at)


def test_a_waiting_target_follows_and_a_resolved_one_is_history__R_INC_16(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    actions.set_priority(incident=incident, priority=4, actor=staff)
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff,
                          now=at(2026, 3, 2, 12, 0))
    actions.save_opening_exception(actor=staff, exception=OpeningException(
        date=TUESDAY, reason="Teamdag", opens=T(8, 30), closes=T(12, 0)))
    incident.refresh_from_db()
    assert incident.target_at == at(2026, 3, 3, 12, 0)
    resolved = make_incident(cast.submitter, subject="Opgelost", now=MONDAY_10)
    actions.set_priority(incident=resolved, priority=4, actor=staff)
    actions.change_status(incident=resolved, status=Status.RESOLVED, actor=staff)
    resolved.refresh_from_db()
    target = resolved.target_at
    actions.delete_opening_exception(actor=staff,
                                     exception=OpeningException.objects.get(date=TUESDAY))
    resolved.refresh_from_db()
    assert resolved.target_at == target  # a resolved incident's clock is history


def test_only_support_staff_change_the_hours__R_INC_16(cast):
    care = _hours_for(staff_group="Customer Care")
    with pytest.raises(PermissionDenied):
        actions.save_opening_exception(actor=care, exception=OpeningException(
            date=TUESDAY, reason="Teamdag"))
    with pytest.raises(PermissionDenied):
        actions.save_opening_schedule(actor=care, schedule=OpeningSchedule(valid_from=MONDAY))
    with pytest.raises(PermissionDenied):
        actions.delete_opening_schedule(actor=care, schedule=OpeningSchedule.objects.get())
    assert not OpeningException.objects.exists() and OpeningSchedule.objects.count() == 1


@pytest.mark.usefixtures("english_messages")
def test_the_actions_refuse_inconsistent_hours__R_INC_16(cast, staff):
    with pytest.raises(ValidationError) as refusal:
        actions.save_opening_exception(actor=staff, exception=OpeningException(
            date=TUESDAY, reason="Teamdag", opens=T(12, 0), closes=T(8, 30)))
    assert refusal.value.message_dict == {
        "closes": ["The closing time must be after the opening time."]}
    with pytest.raises(ValidationError) as refusal:
        actions.save_opening_schedule(actor=staff, schedule=OpeningSchedule(
            valid_from=NEXT_MONDAY, monday_opens=T(9, 0)))
    assert refusal.value.message_dict == {"monday_closes": [
        "Give both the opening and the closing time, or neither for a closed day."]}
    assert not OpeningException.objects.exists() and OpeningSchedule.objects.count() == 1


@pytest.fixture
def english_messages():
    """The messages as written in the code (the default language is Dutch)."""
    with translation.override("en"):
        yield


# The admin --------------------------------------------------------------------------------


def _english_admin(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _schedule_form(valid_from: str, **days: tuple[str, str]) -> dict[str, str]:
    data = {"valid_from": valid_from}
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
        opens, closes = days.get(day, ("", ""))
        data[f"{day}_opens"], data[f"{day}_closes"] = opens, closes
    return data


def test_support_staff_keep_schedules_in_the_admin__R_INC_16(cast, staff):
    client = _english_admin(staff)
    assert client.get("/admin/incidents/openingschedule/").status_code == 200
    assert client.get("/admin/incidents/openingschedule/add/").status_code == 200
    response = client.post("/admin/incidents/openingschedule/add/", _schedule_form(
        "2026-03-09", tuesday=("09:00", "15:00"), friday=("09:00", "12:00")))
    assert response.status_code == 302
    assert SupportCalendar().week_on(NEXT_MONDAY)[1] == (1, (T(9, 0), T(15, 0)))
    listing = client.get("/admin/incidents/openingschedule/").content.decode()
    assert "Tue 09:00–15:00, Fri 09:00–12:00" in listing


def test_the_admin_explains_what_is_wrong_with_a_schedule__R_INC_16(cast, staff):
    client = _english_admin(staff)
    response = client.post("/admin/incidents/openingschedule/add/", _schedule_form(
        "2026-03-09", monday=("17:00", "08:30"), tuesday=("09:00", "")))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The closing time must be after the opening time." in html
    assert "Give both the opening and the closing time, or neither for a closed day." in html
    response = client.post("/admin/incidents/openingschedule/add/", _schedule_form(
        "2000-01-01", monday=("09:00", "17:00")))
    assert "A schedule already starts on this date; change that one." in response.content.decode()
    assert OpeningSchedule.objects.count() == 1


def test_support_staff_shorten_a_day_in_the_admin_and_the_targets_follow__R_INC_16(cast,
                                                                                  staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    actions.set_priority(incident=incident, priority=4, actor=staff)
    client = _english_admin(staff)
    response = client.post("/admin/incidents/openingexception/add/", {
        "date": "2026-03-03", "reason": "Teamdag", "opens": "08:30", "closes": "12:00"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.target_at == at(2026, 3, 3, 12, 0)
    # One exception per date, with a message that says what to do.
    response = client.post("/admin/incidents/openingexception/add/", {
        "date": "2026-03-03", "reason": "Nog een", "opens": "", "closes": ""})
    assert ("There is already an exception for this date; change that one instead."
            in response.content.decode())
    response = client.post("/admin/incidents/openingexception/add/", {
        "date": "2026-03-04", "reason": "Half", "opens": "08:30", "closes": ""})
    assert ("Give both the opening and the closing time, or neither when the desk is closed "
            "all day." in response.content.decode())
    # Deleting through the admin list goes through the action too.
    pk = OpeningException.objects.get().pk
    response = client.post("/admin/incidents/openingexception/", {
        "action": "delete_selected", "_selected_action": [pk], "post": "yes"})
    assert response.status_code == 302 and not OpeningException.objects.exists()
    incident.refresh_from_db()
    assert incident.target_at == at(2026, 3, 3, 17, 0)


def test_customer_care_cannot_keep_the_hours__R_INC_16(cast):
    client = client_for(_hours_for(staff_group="Customer Care"))
    assert client.get("/admin/incidents/openingschedule/").status_code == 403
    assert client.get("/admin/incidents/openingexception/").status_code == 403


# The support page and the deadline text ---------------------------------------------------


def _support_page(contact, monkeypatch, moment: dt.datetime) -> str:
    monkeypatch.setattr(views, "now", lambda: moment)
    response = client_for(contact.user).get("/support/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_support_page_follows_a_shortened_day__R_INC_16(cast, monkeypatch):
    cast.employee.language = "en"
    cast.employee.save()
    html = _support_page(cast.employee, monkeypatch, at(2026, 3, 3, 11, 0))
    assert "Open now until 17:00<" in html
    exception(TUESDAY, "Team day", (T(8, 30), T(12, 0)))
    exception(THURSDAY, "Release evening", (T(8, 30), T(21, 0)))
    html = _support_page(cast.employee, monkeypatch, at(2026, 3, 3, 11, 0))
    assert "Open now until 12:00<" in html
    assert "Other hours today (Team day): 08:30 – 12:00" in html
    changed = html.split('data-testid="changed-hours"')[1].split("</ul>")[0]
    assert "Thursday 5 March: 08:30 – 21:00 (Release evening)" in changed
    html = _support_page(cast.employee, monkeypatch, at(2026, 3, 3, 12, 30))
    assert "Opens tomorrow at 08:30" in html


def test_the_support_page_shows_the_schedule_in_force__R_INC_16(cast, monkeypatch):
    make_opening_schedule(NEXT_MONDAY, SUMMER_WEEK)
    html = _support_page(cast.employee, monkeypatch, at(2026, 3, 6, 10, 0))
    schedule = html.split('data-testid="schedule"')[1].split("</table>")[0]
    assert "08:30 – 17:00" in schedule and "09:00 – 15:00" not in schedule
    html = _support_page(cast.employee, monkeypatch, at(2026, 3, 10, 10, 0))
    schedule = html.split('data-testid="schedule"')[1].split("</table>")[0]
    assert "09:00 – 15:00" in schedule and "08:30" not in schedule
    assert schedule.count("gesloten") == 3  # Monday, Saturday, Sunday


def test_the_support_page_announces_new_hours_in_the_coming_weeks__R_INC_16(cast, monkeypatch):
    make_opening_schedule(NEXT_MONDAY, SUMMER_WEEK)
    cast.employee.language = "en"
    cast.employee.save()
    html = _support_page(cast.employee, monkeypatch, at(2026, 3, 2, 10, 0))
    assert "New opening hours from Monday 9 March: Tue–Fri 09:00–15:00." in html
    with CaptureQueriesContext(connection) as queries:
        SupportCalendar().schedule_changes(MONDAY, dt.date(2026, 3, 31))
    assert len(queries) == 1
    # Once in force it is the schedule itself, no longer news.
    html = _support_page(cast.employee, monkeypatch, at(2026, 3, 9, 10, 0))
    assert 'data-testid="new-schedule"' not in html


def test_the_deadline_names_the_week_in_force__R_INC_16(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    incident = actions.set_priority(incident=incident, priority=3, actor=staff)
    with translation.override("en"):
        deadline = sla.deadline(incident, at(2026, 3, 3, 10, 0), SupportCalendar())
        assert deadline.opening_hours == "Mon–Thu 08:30–17:00, Fri 08:30–16:00"
        make_opening_schedule(TUESDAY, USUAL_WEEK | {"friday": (T(8, 30), T(17, 0))})
        deadline = sla.deadline(incident, at(2026, 3, 3, 10, 0), SupportCalendar())
        assert deadline.opening_hours == "Mon–Fri 08:30–17:00"
