"""The support desk's calendar: its opening hours (R-INC-5), what the support page says
about today (R-INC-10), and the working-time arithmetic the SLA targets use (R-INC-4)."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from incidents.calendar import (
    SEARCH_HORIZON_DAYS, NoOpeningFound, SupportCalendar, weekly_schedule,
)
from incidents.models import OpeningException, Priority

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = dt.timezone.utc
HOUR = dt.timedelta(hours=1)


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    """A moment in Amsterdam time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


# 2026-03-02 is a Monday, 2026-03-06 a Friday, 2026-03-07 a Saturday.
MONDAY, FRIDAY, SATURDAY = dt.date(2026, 3, 2), dt.date(2026, 3, 6), dt.date(2026, 3, 7)


def test_a_weekday_is_open_from_0830_to_1700__R_INC_5():
    desk = SupportCalendar()
    assert desk.hours_on(MONDAY) == (dt.time(8, 30), dt.time(17, 0))
    assert desk.closed_reason(MONDAY) is None
    assert not desk.is_open(at(2026, 3, 2, 8, 29))
    assert desk.is_open(at(2026, 3, 2, 12, 0))
    assert desk.is_open(at(2026, 3, 2, 16, 59))
    assert not desk.is_open(at(2026, 3, 2, 17, 30))


def test_boundaries_0830_is_open_1700_is_closed__R_INC_5():
    desk = SupportCalendar()
    assert desk.is_open(at(2026, 3, 2, 8, 30))
    assert not desk.is_open(at(2026, 3, 2, 8, 30) - dt.timedelta(microseconds=1))
    assert desk.is_open(at(2026, 3, 2, 17, 0) - dt.timedelta(microseconds=1))
    assert not desk.is_open(at(2026, 3, 2, 17, 0))


def test_tuesday_to_thursday_have_the_same_hours_as_monday__R_INC_5():
    desk = SupportCalendar()
    for offset in (1, 2, 3):
        assert desk.hours_on(MONDAY + dt.timedelta(days=offset)) == (dt.time(8, 30),
                                                                    dt.time(17, 0))


def test_friday_closes_at_1600__R_INC_5():
    desk = SupportCalendar()
    assert desk.hours_on(FRIDAY) == (dt.time(8, 30), dt.time(16, 0))
    assert desk.is_open(at(2026, 3, 6, 15, 59))
    assert not desk.is_open(at(2026, 3, 6, 16, 0))
    assert desk.next_opening(at(2026, 3, 6, 16, 0)) == at(2026, 3, 9, 8, 30)


def test_the_weekend_is_closed__R_INC_5():
    desk = SupportCalendar()
    assert desk.hours_on(SATURDAY) is None
    assert desk.hours_on(SATURDAY + dt.timedelta(days=1)) is None
    assert desk.closed_reason(SATURDAY) is None  # closed, but not for a holiday
    assert not desk.is_open(at(2026, 3, 7, 12, 0))
    assert desk.next_opening(at(2026, 3, 7, 12, 0)) == at(2026, 3, 9, 8, 30)


def test_next_opening_on_a_weekday__R_INC_5():
    desk = SupportCalendar()
    assert desk.next_opening(at(2026, 3, 2, 7, 0)) == at(2026, 3, 2, 8, 30)  # before: today
    assert desk.next_opening(at(2026, 3, 2, 17, 0)) == at(2026, 3, 3, 8, 30)  # after: tomorrow
    assert desk.next_opening(at(2026, 3, 2, 23, 59)) == at(2026, 3, 3, 8, 30)


def test_next_opening_while_open_is_now__R_INC_5():
    desk = SupportCalendar()
    moment = at(2026, 3, 2, 8, 30)
    assert desk.next_opening(moment) == moment
    in_utc = dt.datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert desk.next_opening(in_utc) == in_utc and desk.next_opening(in_utc).tzinfo == AMSTERDAM


def test_kings_day_is_closed_with_its_name__R_INC_5():
    desk = SupportCalendar()
    kings_day = dt.date(2026, 4, 27)  # a Monday
    assert desk.hours_on(kings_day) is None
    assert not desk.is_open(at(2026, 4, 27, 10, 0))
    with translation.override("nl"):
        assert desk.closed_reason(kings_day) == "Koningsdag"
    with translation.override("en"):
        assert desk.closed_reason(kings_day) == "King's Day"
    assert desk.next_opening(at(2026, 4, 27, 10, 0)) == at(2026, 4, 28, 8, 30)


def test_kings_day_on_a_sunday_moves_to_saturday__R_INC_5():
    desk = SupportCalendar()
    with translation.override("nl"):
        assert desk.closed_reason(dt.date(2025, 4, 26)) == "Koningsdag"
        assert desk.closed_reason(dt.date(2025, 4, 27)) is None


def test_christmas_is_closed__R_INC_5():
    desk = SupportCalendar()
    with translation.override("nl"):
        assert desk.closed_reason(dt.date(2026, 12, 25)) == "Eerste kerstdag"
        assert desk.closed_reason(dt.date(2026, 12, 26)) == "Tweede kerstdag"
    assert desk.hours_on(dt.date(2026, 12, 25)) is None  # a Friday
    # Thursday 24 December after closing → Monday 28 December.
    assert desk.next_opening(at(2026, 12, 24, 17, 0)) == at(2026, 12, 28, 8, 30)


def test_we_follow_the_holidays_package_for_good_friday_and_liberation_day__R_INC_5():
    """The package counts Good Friday as a public holiday and Liberation Day only every
    fifth year (2025, 2030): so do we."""
    desk = SupportCalendar()
    assert desk.hours_on(dt.date(2026, 4, 3)) is None  # Good Friday
    assert desk.hours_on(dt.date(2025, 5, 5)) is None  # Liberation Day, a lustrum year
    assert desk.hours_on(dt.date(2026, 5, 5)) == (dt.time(8, 30), dt.time(17, 0))
    assert desk.hours_on(dt.date(2026, 5, 14)) is None  # Ascension Day
    assert desk.hours_on(dt.date(2026, 5, 25)) is None  # Whit Monday
    assert desk.hours_on(dt.date(2027, 1, 1)) is None  # New Year's Day


def test_a_staff_closure_day_is_closed_with_its_reason__R_INC_5():
    OpeningException.objects.create(date=dt.date(2026, 12, 31), reason="Jaarafsluiting")
    desk = SupportCalendar()
    assert desk.hours_on(dt.date(2026, 12, 31)) is None
    assert desk.closed_reason(dt.date(2026, 12, 31)) == "Jaarafsluiting"
    assert not desk.is_open(at(2026, 12, 31, 10, 0))
    # 1 January is a holiday.
    assert desk.next_opening(at(2026, 12, 30, 17, 0)) == at(2027, 1, 4, 8, 30)


def test_a_holiday_name_wins_over_a_closure_reason__R_INC_5():
    OpeningException.objects.create(date=dt.date(2026, 4, 27), reason="Bedrijfsuitje")
    desk = SupportCalendar()
    with translation.override("en"):
        assert desk.closed_reason(dt.date(2026, 4, 27)) == "King's Day"


def test_next_opening_across_the_easter_weekend__R_INC_5():
    desk = SupportCalendar()
    # Good Friday 3 April and Easter Monday 6 April 2026 are holidays.
    assert desk.next_opening(at(2026, 4, 2, 17, 0)) == at(2026, 4, 7, 8, 30)
    assert desk.next_opening(at(2026, 4, 3, 9, 0)) == at(2026, 4, 7, 8, 30)


def test_dst_starts_last_sunday_of_march_and_monday_opens_at_0830_local__R_INC_5():
    desk = SupportCalendar()
    # 29 March 2026: clocks go from 02:00 to 03:00 (UTC+1 → UTC+2).
    saturday = dt.datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    opens = desk.next_opening(saturday)
    assert opens == dt.datetime(2026, 3, 30, 6, 30, tzinfo=UTC)
    assert (opens.hour, opens.minute, opens.utcoffset()) == (8, 30, dt.timedelta(hours=2))
    assert not desk.is_open(dt.datetime(2026, 3, 30, 6, 29, tzinfo=UTC))
    assert desk.is_open(dt.datetime(2026, 3, 30, 6, 30, tzinfo=UTC))
    # The Friday before still closes at 16:00 winter time (15:00 UTC).
    assert not desk.is_open(dt.datetime(2026, 3, 27, 15, 0, tzinfo=UTC))


def test_dst_ends_last_sunday_of_october_and_monday_opens_at_0830_local__R_INC_5():
    desk = SupportCalendar()
    # 25 October 2026: clocks go from 03:00 back to 02:00 (UTC+2 → UTC+1).
    during_the_extra_hour = dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 local, twice
    opens = desk.next_opening(during_the_extra_hour)
    assert opens == dt.datetime(2026, 10, 26, 7, 30, tzinfo=UTC)
    assert (opens.hour, opens.minute, opens.utcoffset()) == (8, 30, dt.timedelta(hours=1))
    assert not desk.is_open(dt.datetime(2026, 10, 26, 7, 29, tzinfo=UTC))
    assert desk.is_open(dt.datetime(2026, 10, 26, 7, 30, tzinfo=UTC))
    assert not desk.is_open(dt.datetime(2026, 10, 26, 16, 0, tzinfo=UTC))  # 17:00 local


def test_a_naive_datetime_is_refused():
    desk = SupportCalendar()
    with pytest.raises(ValueError):
        desk.is_open(dt.datetime(2026, 3, 2, 10, 0))
    with pytest.raises(ValueError):
        desk.next_opening(dt.datetime(2026, 3, 2, 10, 0))


def test_today_while_open__R_INC_10():
    desk = SupportCalendar()
    now = desk.today(at(2026, 3, 2, 10, 0))
    assert now.open_now
    assert (now.opens_at, now.closes_at) == (at(2026, 3, 2, 8, 30), at(2026, 3, 2, 17, 0))
    assert now.reason_closed is None
    assert now.hours == (dt.time(8, 30), dt.time(17, 0))


def test_today_before_opening__R_INC_10():
    desk = SupportCalendar()
    now = desk.today(at(2026, 3, 2, 7, 0))
    assert not now.open_now
    assert now.opens_at == at(2026, 3, 2, 8, 30)
    assert now.hours == (dt.time(8, 30), dt.time(17, 0))


def test_today_after_closing_on_friday_opens_on_monday__R_INC_10():
    desk = SupportCalendar()
    now = desk.today(at(2026, 3, 6, 16, 0))
    assert not now.open_now
    assert (now.opens_at, now.closes_at) == (at(2026, 3, 9, 8, 30), at(2026, 3, 9, 17, 0))
    assert now.opens_in_days == 3


def test_today_on_a_holiday_names_it__R_INC_10():
    desk = SupportCalendar()
    with translation.override("nl"):
        now = desk.today(at(2026, 4, 27, 10, 0))
    assert not now.open_now
    assert now.reason_closed == "Koningsdag"
    assert now.hours is None
    assert now.opens_at == at(2026, 4, 28, 8, 30)


def test_today_uses_one_query__R_INC_5():
    with CaptureQueriesContext(connection) as queries:
        SupportCalendar().today(at(2026, 3, 7, 12, 0))
    assert len(queries) == 1
    desk = SupportCalendar().load(dt.date(2026, 3, 7), dt.date(2026, 4, 30))
    with CaptureQueriesContext(connection) as queries:
        assert desk.today(at(2026, 3, 7, 12, 0)).opens_at == at(2026, 3, 9, 8, 30)
    assert len(queries) == 0


def test_closure_days_are_loaded_once_per_calendar__R_INC_5():
    OpeningException.objects.create(date=dt.date(2026, 3, 4), reason="Studiedag")
    OpeningException.objects.create(date=dt.date(2026, 4, 1), reason="Verhuizing")
    with CaptureQueriesContext(connection) as queries:
        desk = SupportCalendar().load(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
        closed = [day for day in (dt.date(2026, 3, 1) + dt.timedelta(days=n) for n in range(31))
                  if desk.hours_on(day) is None]
    assert len(queries) == 1
    assert dt.date(2026, 3, 4) in closed
    # A day past the range loaded is read when asked, with the month after it: one query.
    with CaptureQueriesContext(connection) as queries:
        assert desk.hours_on(dt.date(2026, 4, 1)) is None
        assert desk.hours_on(dt.date(2026, 4, 30)) == (dt.time(8, 30), dt.time(17, 0))
        desk.load(dt.date(2026, 3, 10), dt.date(2026, 4, 20))
    assert len(queries) == 1
    with pytest.raises(ValueError):
        desk.load(dt.date(2026, 4, 2), dt.date(2026, 4, 1))


def test_a_calendar_lists_its_openings_and_closed_weekdays__R_INC_5():
    OpeningException.objects.create(date=dt.date(2026, 4, 30), reason="Studiedag")
    desk = SupportCalendar()
    first, last = dt.date(2026, 4, 27), dt.date(2026, 5, 3)
    with CaptureQueriesContext(connection) as queries:
        openings = list(desk.openings(first, last))
    assert len(queries) == 1
    assert [opens.date() for opens, _closes in openings] == [
        dt.date(2026, 4, 28), dt.date(2026, 4, 29), dt.date(2026, 5, 1)]
    assert sum((closes - opens for opens, closes in openings), dt.timedelta()) == dt.timedelta(
        hours=8.5 * 2 + 7.5)
    with translation.override("nl"):
        assert desk.closed_days(first, last) == [(dt.date(2026, 4, 27), "Koningsdag"),
                                                 (dt.date(2026, 4, 30), "Studiedag")]


def test_a_long_closure_is_searched_beyond_the_first_month__R_INC_5():
    OpeningException.objects.bulk_create(
        OpeningException(date=dt.date(2026, 3, 2) + dt.timedelta(days=n), reason="Verhuizing")
        for n in range(40))
    desk = SupportCalendar()
    assert desk.next_opening(at(2026, 3, 2, 9, 0)) == at(2026, 4, 13, 8, 30)
    now = desk.today(at(2026, 3, 2, 9, 0))
    assert not now.open_now and now.reason_closed == "Verhuizing"
    assert now.opens_at == at(2026, 4, 13, 8, 30)


def test_a_year_of_closure_has_no_next_opening__R_INC_5():
    first = dt.date(2026, 3, 2)
    OpeningException.objects.bulk_create(
        OpeningException(date=first + dt.timedelta(days=n), reason="Dicht")
        for n in range(SEARCH_HORIZON_DAYS + 7))
    desk = SupportCalendar()
    with pytest.raises(NoOpeningFound):
        desk.next_opening(at(2026, 3, 2, 9, 0))
    now = desk.today(at(2026, 3, 2, 9, 0))
    assert (now.open_now, now.opens_at, now.closes_at) == (False, None, None)


def test_the_weekly_schedule__R_INC_5():
    schedule = dict(weekly_schedule())
    assert schedule[0] == schedule[3] == (dt.time(8, 30), dt.time(17, 0))
    assert schedule[4] == (dt.time(8, 30), dt.time(16, 0))
    assert schedule[5] is schedule[6] is None


# Working time (R-INC-4, R-INC-5). March 2026: Monday 2, Thursday 5, Friday 6, Saturday 7,
# Monday 9.


def test_hours_within_one_day__R_INC_5():
    desk = SupportCalendar()
    assert desk.add_working_time(at(2026, 3, 2, 9, 0), 4 * HOUR) == at(2026, 3, 2, 13, 0)
    assert desk.working_time_between(at(2026, 3, 2, 9, 0), at(2026, 3, 2, 13, 0)) == 4 * HOUR


def test_running_out_at_closing_time_ends_at_closing_time__R_INC_5():
    desk = SupportCalendar()
    assert desk.add_working_time(at(2026, 3, 2, 13, 0), 4 * HOUR) == at(2026, 3, 2, 17, 0)
    assert desk.add_working_time(at(2026, 3, 2, 13, 0), 4 * HOUR + dt.timedelta(seconds=1)) == (
        at(2026, 3, 3, 8, 30) + dt.timedelta(seconds=1))


def test_hours_carry_over_to_the_next_morning__R_INC_5():
    desk = SupportCalendar()
    assert desk.add_working_time(at(2026, 3, 2, 16, 0), 4 * HOUR) == at(2026, 3, 3, 11, 30)


def test_friday_closes_at_1600_and_the_weekend_is_skipped__R_INC_5():
    desk = SupportCalendar()
    assert desk.add_working_time(at(2026, 3, 6, 15, 0), 4 * HOUR) == at(2026, 3, 9, 11, 30)
    assert desk.working_time_between(at(2026, 3, 6, 8, 30), at(2026, 3, 9, 8, 30)) == 7.5 * HOUR


def test_a_working_week_is_41_and_a_half_hours__R_INC_5():
    desk = SupportCalendar()
    assert desk.working_time_between(at(2026, 3, 2, 0, 0), at(2026, 3, 9, 0, 0)) == 41.5 * HOUR


def test_start_outside_hours_starts_at_the_next_opening__R_INC_5():
    desk = SupportCalendar()
    assert desk.add_working_time(at(2026, 3, 7, 10, 0), HOUR) == at(2026, 3, 9, 9, 30)  # Saturday
    assert desk.add_working_time(at(2026, 3, 2, 6, 0), HOUR) == at(2026, 3, 2, 9, 30)  # early
    assert desk.add_working_time(at(2026, 3, 2, 17, 0), HOUR) == at(2026, 3, 3, 9, 30)  # at closing
    assert desk.add_working_time(at(2026, 3, 2, 22, 0), HOUR) == at(2026, 3, 3, 9, 30)  # late
    assert desk.working_time_between(at(2026, 3, 7, 10, 0), at(2026, 3, 8, 20, 0)) == 0 * HOUR


def test_zero_duration_is_the_start_itself__R_INC_5():
    desk = SupportCalendar()
    assert desk.add_working_time(at(2026, 3, 7, 10, 0), dt.timedelta(0)) == at(2026, 3, 7, 10, 0)


def test_negative_duration_is_refused():
    desk = SupportCalendar()
    with pytest.raises(ValueError):
        desk.add_working_time(at(2026, 3, 2), -HOUR)
    with pytest.raises(ValueError):
        desk.add_working_days(at(2026, 3, 2), -1)


def test_between_is_negative_when_the_end_comes_first__R_INC_4():
    desk = SupportCalendar()
    assert desk.working_time_between(at(2026, 3, 3, 10, 0), at(2026, 3, 2, 16, 0)) == -2.5 * HOUR


def test_working_time_over_two_years_costs_one_query__R_INC_4_R_X_3():
    """An incident whose target passed long ago is "overdue by" the working time since: the
    span's days are read in one query, not one per month (issue 15: the demo's old incident
    cost 19 calendar queries)."""
    OpeningException.objects.create(date=dt.date(2025, 3, 4), reason="Studiedag")
    with CaptureQueriesContext(connection) as queries:
        overdue = SupportCalendar().working_time_between(at(2026, 3, 2, 9, 0),
                                                         at(2024, 3, 4, 9, 0))
    assert len(queries) == 1
    assert overdue < -2000 * HOUR


def test_naive_datetimes_are_refused():
    desk = SupportCalendar()
    with pytest.raises(ValueError):
        desk.add_working_time(dt.datetime(2026, 3, 2, 10, 0), HOUR)
    with pytest.raises(ValueError):
        desk.working_time_between(at(2026, 3, 2), dt.datetime(2026, 3, 3, 10, 0))


def test_results_are_in_amsterdam_whatever_the_input_zone__R_INC_5():
    desk = SupportCalendar()
    result = desk.add_working_time(dt.datetime(2026, 3, 2, 8, 0, tzinfo=UTC), HOUR)  # 09:00 local
    assert result == at(2026, 3, 2, 10, 0)
    assert result.tzinfo == AMSTERDAM


def test_spring_forward_weekend_adds_no_hour__R_INC_5():
    desk = SupportCalendar()
    # Clocks go forward on Sunday 29 March 2026 (02:00 → 03:00).
    result = desk.add_working_time(at(2026, 3, 27, 15, 0), 4 * HOUR)
    assert result == at(2026, 3, 30, 11, 30)
    assert result.astimezone(UTC) == dt.datetime(2026, 3, 30, 9, 30, tzinfo=UTC)
    assert desk.working_time_between(at(2026, 3, 27, 8, 30), at(2026, 3, 30, 8, 30)) == 7.5 * HOUR
    assert desk.working_time_between(at(2026, 3, 27, 12, 0), at(2026, 3, 30, 12, 0)) == 7.5 * HOUR


def test_fall_back_weekend_adds_no_hour__R_INC_5():
    desk = SupportCalendar()
    # Clocks go back on Sunday 25 October 2026 (03:00 → 02:00).
    result = desk.add_working_time(at(2026, 10, 23, 15, 0), 4 * HOUR)
    assert result == at(2026, 10, 26, 11, 30)
    assert result.astimezone(UTC) == dt.datetime(2026, 10, 26, 10, 30, tzinfo=UTC)
    assert desk.working_time_between(at(2026, 10, 23, 12, 0), at(2026, 10, 26, 12, 0)) == 7.5 * HOUR
    assert desk.add_working_days(at(2026, 10, 23, 10, 0), 1) == at(2026, 10, 26, 10, 0)


def test_public_holidays_are_skipped__R_INC_5():
    desk = SupportCalendar()
    # King's Day: Monday 27 April 2026.
    assert desk.add_working_time(at(2026, 4, 24, 15, 0), 4 * HOUR) == at(2026, 4, 28, 11, 30)
    # Good Friday 3 April and Easter Monday 6 April 2026.
    assert desk.add_working_time(at(2026, 4, 2, 16, 0), 2 * HOUR) == at(2026, 4, 7, 9, 30)
    assert desk.working_time_between(at(2026, 4, 2, 17, 0), at(2026, 4, 7, 8, 30)) == 0 * HOUR
    # Christmas: Friday 25 December 2026; Saturday 26 is Boxing Day.
    assert desk.add_working_time(at(2026, 12, 24, 16, 0), 2 * HOUR) == at(2026, 12, 28, 9, 30)


def test_closure_days_are_skipped__R_INC_5():
    OpeningException.objects.create(date=dt.date(2026, 3, 3), reason="Company day")
    desk = SupportCalendar()
    assert desk.add_working_time(at(2026, 3, 2, 16, 0), 4 * HOUR) == at(2026, 3, 4, 11, 30)
    assert desk.working_time_between(at(2026, 3, 2, 0, 0), at(2026, 3, 5, 0, 0)) == 17 * HOUR


def test_a_year_of_closure_days_raises_instead_of_looping__R_INC_5():
    first = dt.date(2026, 3, 2)
    OpeningException.objects.bulk_create(
        OpeningException(date=first + dt.timedelta(days=offset), reason="x")
        for offset in range(400))
    desk = SupportCalendar()
    with pytest.raises(NoOpeningFound):
        desk.add_working_time(at(2026, 3, 2, 9, 0), HOUR)


def test_working_days_keep_the_clock_position__R_INC_4():
    desk = SupportCalendar()
    assert desk.add_working_days(at(2026, 3, 2, 10, 0), 1) == at(2026, 3, 3, 10, 0)
    assert desk.add_working_days(at(2026, 3, 6, 10, 0), 1) == at(2026, 3, 9, 10, 0)  # Fri → Mon
    assert desk.add_working_days(at(2026, 3, 2, 10, 0), 5) == at(2026, 3, 9, 10, 0)  # a week
    assert desk.add_working_days(at(2026, 3, 4, 14, 15), 5) == at(2026, 3, 11, 14, 15)


def test_working_days_are_capped_at_a_short_friday__R_INC_4():
    desk = SupportCalendar()
    assert desk.add_working_days(at(2026, 3, 5, 16, 30), 1) == at(2026, 3, 6, 16, 0)
    assert desk.add_working_days(at(2026, 3, 5, 16, 30), 2) == at(2026, 3, 9, 16, 30)


def test_working_days_start_at_the_next_opening__R_INC_4():
    desk = SupportCalendar()
    assert desk.add_working_days(at(2026, 3, 7, 11, 0), 1) == at(2026, 3, 10, 8, 30)  # Saturday
    assert desk.add_working_days(at(2026, 3, 2, 18, 0), 1) == at(2026, 3, 4, 8, 30)  # evening
    assert desk.add_working_days(at(2026, 3, 7, 11, 0), 0) == at(2026, 3, 9, 8, 30)


def test_working_days_skip_holidays_and_closure_days__R_INC_5():
    desk = SupportCalendar()
    assert desk.add_working_days(at(2026, 4, 24, 10, 0), 1) == at(2026, 4, 28, 10, 0)  # King's Day
    OpeningException.objects.create(date=dt.date(2026, 3, 3), reason="Company day")
    desk = SupportCalendar()
    assert desk.add_working_days(at(2026, 3, 2, 10, 0), 1) == at(2026, 3, 4, 10, 0)


def test_end_of_next_working_day__R_INC_4():
    desk = SupportCalendar()
    assert desk.end_of_next_working_day(at(2026, 3, 2, 10, 0)) == at(2026, 3, 3, 17, 0)  # Mon
    assert desk.end_of_next_working_day(at(2026, 3, 5, 10, 0)) == at(2026, 3, 6, 16, 0)  # Thu → Fri
    assert desk.end_of_next_working_day(at(2026, 3, 6, 10, 0)) == at(2026, 3, 9, 17, 0)  # Fri → Mon
    assert desk.end_of_next_working_day(at(2026, 3, 2, 7, 0)) == at(2026, 3, 3, 17, 0)  # early
    assert desk.end_of_next_working_day(at(2026, 3, 2, 18, 0)) == at(2026, 3, 4, 17, 0)  # evening
    assert desk.end_of_next_working_day(at(2026, 3, 7, 11, 0)) == at(2026, 3, 10, 17, 0)  # Sat
    assert desk.end_of_next_working_day(at(2026, 4, 24, 10, 0)) == at(2026, 4, 28, 17, 0)  # King's


def test_the_target_of_each_priority__R_INC_4():
    """Submitted Thursday 5 March 2026 at 14:00: P1 four working hours, P2 one working day,
    P3 five working days, P4 the end of the next working day (a Friday), P5 none."""
    desk = SupportCalendar()
    submitted = at(2026, 3, 5, 14, 0)
    assert desk.sla_target(Priority.P1, submitted) == at(2026, 3, 6, 9, 30)
    assert desk.sla_target(Priority.P2, submitted) == at(2026, 3, 6, 14, 0)
    assert desk.sla_target(Priority.P3, submitted) == at(2026, 3, 12, 14, 0)
    assert desk.sla_target(Priority.P4, submitted) == at(2026, 3, 6, 16, 0)
    assert desk.sla_target(Priority.P5, submitted) is None
    assert desk.sla_target(None, submitted) is None


def test_adding_then_measuring_gives_the_same_duration__R_INC_5():
    rng = random.Random(5)
    desk = SupportCalendar()
    base = at(2026, 1, 1, 0, 0)
    for _ in range(300):
        start = base + dt.timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        duration = dt.timedelta(minutes=rng.randrange(1, 60 * 60))
        end = desk.add_working_time(start, duration)
        assert desk.working_time_between(start, end) == duration
        assert end > start


def test_one_calendar_reads_each_month_of_closure_days_once():
    desk = SupportCalendar()
    with CaptureQueriesContext(connection) as first:
        desk.add_working_time(at(2026, 3, 2, 9, 0), 8 * HOUR)
    with CaptureQueriesContext(connection) as again:
        for hour in range(9, 17):
            desk.add_working_time(at(2026, 3, 2, hour, 0), 8 * HOUR)
            desk.working_time_between(at(2026, 3, 2, hour, 0), at(2026, 3, 4, 12, 0))
    assert len(first) <= 2
    assert len(again) == 0
