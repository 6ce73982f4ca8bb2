"""The support desk's opening hours (R-INC-5) and what the support page says about today
(R-INC-10)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from incidents import hours
from incidents.hours import (
    NoOpeningFound, SupportCalendar, closed_reason, is_open, next_opening, opening_hours_on,
    today,
)
from incidents.models import ClosureDay

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = dt.timezone.utc


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    """A moment in Amsterdam time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


# 2026-03-02 is a Monday, 2026-03-06 a Friday, 2026-03-07 a Saturday.
MONDAY, FRIDAY, SATURDAY = dt.date(2026, 3, 2), dt.date(2026, 3, 6), dt.date(2026, 3, 7)


def test_a_weekday_is_open_from_0830_to_1700__R_INC_5():
    assert opening_hours_on(MONDAY) == (dt.time(8, 30), dt.time(17, 0))
    assert closed_reason(MONDAY) is None
    assert not is_open(at(2026, 3, 2, 8, 29))
    assert is_open(at(2026, 3, 2, 12, 0))
    assert is_open(at(2026, 3, 2, 16, 59))
    assert not is_open(at(2026, 3, 2, 17, 30))


def test_boundaries_0830_is_open_1700_is_closed__R_INC_5():
    assert is_open(at(2026, 3, 2, 8, 30))
    assert not is_open(at(2026, 3, 2, 8, 30) - dt.timedelta(microseconds=1))
    assert is_open(at(2026, 3, 2, 17, 0) - dt.timedelta(microseconds=1))
    assert not is_open(at(2026, 3, 2, 17, 0))


def test_tuesday_to_thursday_have_the_same_hours_as_monday__R_INC_5():
    for offset in (1, 2, 3):
        assert opening_hours_on(MONDAY + dt.timedelta(days=offset)) == (dt.time(8, 30),
                                                                       dt.time(17, 0))


def test_friday_closes_at_1600__R_INC_5():
    assert opening_hours_on(FRIDAY) == (dt.time(8, 30), dt.time(16, 0))
    assert is_open(at(2026, 3, 6, 15, 59))
    assert not is_open(at(2026, 3, 6, 16, 0))
    assert next_opening(at(2026, 3, 6, 16, 0)) == at(2026, 3, 9, 8, 30)


def test_the_weekend_is_closed__R_INC_5():
    assert opening_hours_on(SATURDAY) is None
    assert opening_hours_on(SATURDAY + dt.timedelta(days=1)) is None
    assert closed_reason(SATURDAY) is None  # closed, but not for a holiday
    assert not is_open(at(2026, 3, 7, 12, 0))
    assert next_opening(at(2026, 3, 7, 12, 0)) == at(2026, 3, 9, 8, 30)


def test_next_opening_on_a_weekday__R_INC_5():
    assert next_opening(at(2026, 3, 2, 7, 0)) == at(2026, 3, 2, 8, 30)  # before: today
    assert next_opening(at(2026, 3, 2, 17, 0)) == at(2026, 3, 3, 8, 30)  # after: tomorrow
    assert next_opening(at(2026, 3, 2, 23, 59)) == at(2026, 3, 3, 8, 30)


def test_next_opening_while_open_is_now__R_INC_5():
    moment = at(2026, 3, 2, 8, 30)
    assert next_opening(moment) == moment
    in_utc = dt.datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert next_opening(in_utc) == in_utc and next_opening(in_utc).tzinfo == AMSTERDAM


def test_kings_day_is_closed_with_its_name__R_INC_5():
    kings_day = dt.date(2026, 4, 27)  # a Monday
    assert opening_hours_on(kings_day) is None
    assert not is_open(at(2026, 4, 27, 10, 0))
    with translation.override("nl"):
        assert closed_reason(kings_day) == "Koningsdag"
    with translation.override("en"):
        assert closed_reason(kings_day) == "King's Day"
    assert next_opening(at(2026, 4, 27, 10, 0)) == at(2026, 4, 28, 8, 30)


def test_kings_day_on_a_sunday_moves_to_saturday__R_INC_5():
    with translation.override("nl"):
        assert closed_reason(dt.date(2025, 4, 26)) == "Koningsdag"
        assert closed_reason(dt.date(2025, 4, 27)) is None


def test_christmas_is_closed__R_INC_5():
    with translation.override("nl"):
        assert closed_reason(dt.date(2026, 12, 25)) == "Eerste kerstdag"
        assert closed_reason(dt.date(2026, 12, 26)) == "Tweede kerstdag"
    assert opening_hours_on(dt.date(2026, 12, 25)) is None  # a Friday
    # Thursday 24 December after closing → Monday 28 December.
    assert next_opening(at(2026, 12, 24, 17, 0)) == at(2026, 12, 28, 8, 30)


def test_we_follow_the_holidays_package_for_good_friday_and_liberation_day__R_INC_5():
    """The package counts Good Friday as a public holiday and Liberation Day only every
    fifth year (2025, 2030): so do we."""
    assert opening_hours_on(dt.date(2026, 4, 3)) is None  # Good Friday
    assert opening_hours_on(dt.date(2025, 5, 5)) is None  # Liberation Day, a lustrum year
    assert opening_hours_on(dt.date(2026, 5, 5)) == (dt.time(8, 30), dt.time(17, 0))
    assert opening_hours_on(dt.date(2026, 5, 14)) is None  # Ascension Day
    assert opening_hours_on(dt.date(2026, 5, 25)) is None  # Whit Monday
    assert opening_hours_on(dt.date(2027, 1, 1)) is None  # New Year's Day


def test_a_staff_closure_day_is_closed_with_its_reason__R_INC_5():
    ClosureDay.objects.create(date=dt.date(2026, 12, 31), reason="Jaarafsluiting")
    assert opening_hours_on(dt.date(2026, 12, 31)) is None
    assert closed_reason(dt.date(2026, 12, 31)) == "Jaarafsluiting"
    assert not is_open(at(2026, 12, 31, 10, 0))
    assert next_opening(at(2026, 12, 30, 17, 0)) == at(2027, 1, 4, 8, 30)  # 1 Jan is a holiday


def test_a_holiday_name_wins_over_a_closure_reason__R_INC_5():
    ClosureDay.objects.create(date=dt.date(2026, 4, 27), reason="Bedrijfsuitje")
    with translation.override("en"):
        assert closed_reason(dt.date(2026, 4, 27)) == "King's Day"


def test_next_opening_across_the_easter_weekend__R_INC_5():
    # Good Friday 3 April and Easter Monday 6 April 2026 are holidays.
    assert next_opening(at(2026, 4, 2, 17, 0)) == at(2026, 4, 7, 8, 30)
    assert next_opening(at(2026, 4, 3, 9, 0)) == at(2026, 4, 7, 8, 30)


def test_dst_starts_last_sunday_of_march_and_monday_opens_at_0830_local__R_INC_5():
    # 29 March 2026: clocks go from 02:00 to 03:00 (UTC+1 → UTC+2).
    saturday = dt.datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    opens = next_opening(saturday)
    assert opens == dt.datetime(2026, 3, 30, 6, 30, tzinfo=UTC)
    assert (opens.hour, opens.minute, opens.utcoffset()) == (8, 30, dt.timedelta(hours=2))
    assert not is_open(dt.datetime(2026, 3, 30, 6, 29, tzinfo=UTC))
    assert is_open(dt.datetime(2026, 3, 30, 6, 30, tzinfo=UTC))
    # The Friday before still closes at 16:00 winter time (15:00 UTC).
    assert not is_open(dt.datetime(2026, 3, 27, 15, 0, tzinfo=UTC))


def test_dst_ends_last_sunday_of_october_and_monday_opens_at_0830_local__R_INC_5():
    # 25 October 2026: clocks go from 03:00 back to 02:00 (UTC+2 → UTC+1).
    during_the_extra_hour = dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 local, twice
    opens = next_opening(during_the_extra_hour)
    assert opens == dt.datetime(2026, 10, 26, 7, 30, tzinfo=UTC)
    assert (opens.hour, opens.minute, opens.utcoffset()) == (8, 30, dt.timedelta(hours=1))
    assert not is_open(dt.datetime(2026, 10, 26, 7, 29, tzinfo=UTC))
    assert is_open(dt.datetime(2026, 10, 26, 7, 30, tzinfo=UTC))
    assert not is_open(dt.datetime(2026, 10, 26, 16, 0, tzinfo=UTC))  # 17:00 local


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        is_open(dt.datetime(2026, 3, 2, 10, 0))
    with pytest.raises(ValueError):
        next_opening(dt.datetime(2026, 3, 2, 10, 0))


def test_today_while_open__R_INC_10():
    now = today(at(2026, 3, 2, 10, 0))
    assert now.open_now
    assert (now.opens_at, now.closes_at) == (at(2026, 3, 2, 8, 30), at(2026, 3, 2, 17, 0))
    assert now.reason_closed is None
    assert now.hours == (dt.time(8, 30), dt.time(17, 0))


def test_today_before_opening__R_INC_10():
    now = today(at(2026, 3, 2, 7, 0))
    assert not now.open_now
    assert now.opens_at == at(2026, 3, 2, 8, 30)
    assert now.hours == (dt.time(8, 30), dt.time(17, 0))


def test_today_after_closing_on_friday_opens_on_monday__R_INC_10():
    now = today(at(2026, 3, 6, 16, 0))
    assert not now.open_now
    assert (now.opens_at, now.closes_at) == (at(2026, 3, 9, 8, 30), at(2026, 3, 9, 17, 0))


def test_today_on_a_holiday_names_it__R_INC_10():
    with translation.override("nl"):
        now = today(at(2026, 4, 27, 10, 0))
    assert not now.open_now
    assert now.reason_closed == "Koningsdag"
    assert now.hours is None
    assert now.opens_at == at(2026, 4, 28, 8, 30)


def test_today_uses_one_query__R_INC_5():
    with CaptureQueriesContext(connection) as queries:
        today(at(2026, 3, 7, 12, 0))
    assert len(queries) == 1
    calendar = SupportCalendar(dt.date(2026, 3, 7), dt.date(2026, 4, 30))
    with CaptureQueriesContext(connection) as queries:
        assert today(at(2026, 3, 7, 12, 0), calendar=calendar).opens_at == at(2026, 3, 9, 8, 30)
    assert len(queries) == 0


def test_closure_days_are_loaded_once_per_calendar__R_INC_5():
    ClosureDay.objects.create(date=dt.date(2026, 3, 4), reason="Studiedag")
    with CaptureQueriesContext(connection) as queries:
        calendar = SupportCalendar(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
        closed = [day for day in (dt.date(2026, 3, 1) + dt.timedelta(days=n) for n in range(31))
                  if calendar.hours_on(day) is None]
    assert len(queries) == 1
    assert dt.date(2026, 3, 4) in closed
    with pytest.raises(ValueError):
        calendar.hours_on(dt.date(2026, 4, 1))


def test_a_calendar_lists_its_openings_and_closed_weekdays__R_INC_5():
    ClosureDay.objects.create(date=dt.date(2026, 4, 30), reason="Studiedag")
    calendar = SupportCalendar(dt.date(2026, 4, 27), dt.date(2026, 5, 3))
    openings = list(calendar.openings())
    assert [opens.date() for opens, _closes in openings] == [
        dt.date(2026, 4, 28), dt.date(2026, 4, 29), dt.date(2026, 5, 1)]
    assert sum((closes - opens for opens, closes in openings), dt.timedelta()) == dt.timedelta(
        hours=8.5 * 2 + 7.5)
    with translation.override("nl"):
        assert calendar.closed_days() == [(dt.date(2026, 4, 27), "Koningsdag"),
                                          (dt.date(2026, 4, 30), "Studiedag")]


def test_a_long_closure_is_searched_beyond_the_first_month__R_INC_5():
    ClosureDay.objects.bulk_create(
        ClosureDay(date=dt.date(2026, 3, 2) + dt.timedelta(days=n), reason="Verhuizing")
        for n in range(40))
    assert next_opening(at(2026, 3, 2, 9, 0)) == at(2026, 4, 13, 8, 30)
    now = today(at(2026, 3, 2, 9, 0))
    assert not now.open_now and now.reason_closed == "Verhuizing"
    assert now.opens_at == at(2026, 4, 13, 8, 30)


def test_a_year_of_closure_has_no_next_opening__R_INC_5():
    first = dt.date(2026, 3, 2)
    ClosureDay.objects.bulk_create(
        ClosureDay(date=first + dt.timedelta(days=n), reason="Dicht")
        for n in range(hours.SEARCH_HORIZON_DAYS + 7))
    with pytest.raises(NoOpeningFound):
        next_opening(at(2026, 3, 2, 9, 0))
    now = today(at(2026, 3, 2, 9, 0))
    assert (now.open_now, now.opens_at, now.closes_at) == (False, None, None)


def test_the_weekly_schedule__R_INC_5():
    schedule = dict(hours.weekly_schedule())
    assert schedule[0] == schedule[3] == (dt.time(8, 30), dt.time(17, 0))
    assert schedule[4] == (dt.time(8, 30), dt.time(16, 0))
    assert schedule[5] is schedule[6] is None
