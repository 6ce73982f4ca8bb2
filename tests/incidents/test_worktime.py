"""Working-time arithmetic on the desk's calendar (R-INC-5) that the SLA targets use (R-INC-4)."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.hours import NoOpeningFound
from incidents.models import ClosureDay
from incidents.worktime import (
    WorkClock, add_working_days, add_working_time, end_of_next_working_day, working_time_between,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = dt.timezone.utc
HOUR = dt.timedelta(hours=1)


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    """A moment in Amsterdam time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


# March 2026: Monday 2, Thursday 5, Friday 6, Saturday 7, Monday 9.


def test_hours_within_one_day__R_INC_5():
    assert add_working_time(at(2026, 3, 2, 9, 0), 4 * HOUR) == at(2026, 3, 2, 13, 0)
    assert working_time_between(at(2026, 3, 2, 9, 0), at(2026, 3, 2, 13, 0)) == 4 * HOUR


def test_running_out_at_closing_time_ends_at_closing_time__R_INC_5():
    assert add_working_time(at(2026, 3, 2, 13, 0), 4 * HOUR) == at(2026, 3, 2, 17, 0)
    assert add_working_time(at(2026, 3, 2, 13, 0), 4 * HOUR + dt.timedelta(seconds=1)) == (
        at(2026, 3, 3, 8, 30) + dt.timedelta(seconds=1))


def test_hours_carry_over_to_the_next_morning__R_INC_5():
    assert add_working_time(at(2026, 3, 2, 16, 0), 4 * HOUR) == at(2026, 3, 3, 11, 30)


def test_friday_closes_at_1600_and_the_weekend_is_skipped__R_INC_5():
    assert add_working_time(at(2026, 3, 6, 15, 0), 4 * HOUR) == at(2026, 3, 9, 11, 30)
    assert working_time_between(at(2026, 3, 6, 8, 30), at(2026, 3, 9, 8, 30)) == 7.5 * HOUR


def test_a_working_week_is_41_and_a_half_hours__R_INC_5():
    assert working_time_between(at(2026, 3, 2, 0, 0), at(2026, 3, 9, 0, 0)) == 41.5 * HOUR


def test_start_outside_hours_starts_at_the_next_opening__R_INC_5():
    assert add_working_time(at(2026, 3, 7, 10, 0), HOUR) == at(2026, 3, 9, 9, 30)  # Saturday
    assert add_working_time(at(2026, 3, 2, 6, 0), HOUR) == at(2026, 3, 2, 9, 30)  # early
    assert add_working_time(at(2026, 3, 2, 17, 0), HOUR) == at(2026, 3, 3, 9, 30)  # at closing
    assert add_working_time(at(2026, 3, 2, 22, 0), HOUR) == at(2026, 3, 3, 9, 30)  # late
    assert working_time_between(at(2026, 3, 7, 10, 0), at(2026, 3, 8, 20, 0)) == dt.timedelta(0)


def test_zero_duration_is_the_start_itself__R_INC_5():
    assert add_working_time(at(2026, 3, 7, 10, 0), dt.timedelta(0)) == at(2026, 3, 7, 10, 0)


def test_negative_duration_is_refused():
    with pytest.raises(ValueError):
        add_working_time(at(2026, 3, 2), -HOUR)
    with pytest.raises(ValueError):
        add_working_days(at(2026, 3, 2), -1)


def test_between_is_negative_when_the_end_comes_first__R_INC_4():
    assert working_time_between(at(2026, 3, 3, 10, 0), at(2026, 3, 2, 16, 0)) == -2.5 * HOUR


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        add_working_time(dt.datetime(2026, 3, 2, 10, 0), HOUR)
    with pytest.raises(ValueError):
        working_time_between(at(2026, 3, 2), dt.datetime(2026, 3, 3, 10, 0))


def test_results_are_in_amsterdam_whatever_the_input_zone__R_INC_5():
    result = add_working_time(dt.datetime(2026, 3, 2, 8, 0, tzinfo=UTC), HOUR)  # 09:00 local
    assert result == at(2026, 3, 2, 10, 0)
    assert result.tzinfo == AMSTERDAM


def test_spring_forward_weekend_adds_no_hour__R_INC_5():
    # Clocks go forward on Sunday 29 March 2026 (02:00 → 03:00).
    result = add_working_time(at(2026, 3, 27, 15, 0), 4 * HOUR)
    assert result == at(2026, 3, 30, 11, 30)
    assert result.astimezone(UTC) == dt.datetime(2026, 3, 30, 9, 30, tzinfo=UTC)
    assert working_time_between(at(2026, 3, 27, 8, 30), at(2026, 3, 30, 8, 30)) == 7.5 * HOUR
    assert working_time_between(at(2026, 3, 27, 12, 0), at(2026, 3, 30, 12, 0)) == 7.5 * HOUR


def test_fall_back_weekend_adds_no_hour__R_INC_5():
    # Clocks go back on Sunday 25 October 2026 (03:00 → 02:00).
    result = add_working_time(at(2026, 10, 23, 15, 0), 4 * HOUR)
    assert result == at(2026, 10, 26, 11, 30)
    assert result.astimezone(UTC) == dt.datetime(2026, 10, 26, 10, 30, tzinfo=UTC)
    assert working_time_between(at(2026, 10, 23, 12, 0), at(2026, 10, 26, 12, 0)) == 7.5 * HOUR
    assert add_working_days(at(2026, 10, 23, 10, 0), 1) == at(2026, 10, 26, 10, 0)


def test_public_holidays_are_skipped__R_INC_5():
    # King's Day: Monday 27 April 2026.
    assert add_working_time(at(2026, 4, 24, 15, 0), 4 * HOUR) == at(2026, 4, 28, 11, 30)
    # Good Friday 3 April and Easter Monday 6 April 2026.
    assert add_working_time(at(2026, 4, 2, 16, 0), 2 * HOUR) == at(2026, 4, 7, 9, 30)
    assert working_time_between(at(2026, 4, 2, 17, 0), at(2026, 4, 7, 8, 30)) == dt.timedelta(0)
    # Christmas: Friday 25 December 2026; Saturday 26 is Boxing Day.
    assert add_working_time(at(2026, 12, 24, 16, 0), 2 * HOUR) == at(2026, 12, 28, 9, 30)


def test_closure_days_are_skipped__R_INC_5():
    ClosureDay.objects.create(date=dt.date(2026, 3, 3), reason="Company day")
    assert add_working_time(at(2026, 3, 2, 16, 0), 4 * HOUR) == at(2026, 3, 4, 11, 30)
    assert working_time_between(at(2026, 3, 2, 0, 0), at(2026, 3, 5, 0, 0)) == 17 * HOUR


def test_a_year_of_closure_days_raises_instead_of_looping__R_INC_5():
    first = dt.date(2026, 3, 2)
    ClosureDay.objects.bulk_create(ClosureDay(date=first + dt.timedelta(days=offset), reason="x")
                                   for offset in range(400))
    with pytest.raises(NoOpeningFound):
        add_working_time(at(2026, 3, 2, 9, 0), HOUR)


def test_working_days_keep_the_clock_position__R_INC_4():
    assert add_working_days(at(2026, 3, 2, 10, 0), 1) == at(2026, 3, 3, 10, 0)
    assert add_working_days(at(2026, 3, 6, 10, 0), 1) == at(2026, 3, 9, 10, 0)  # Fri → Mon
    assert add_working_days(at(2026, 3, 2, 10, 0), 5) == at(2026, 3, 9, 10, 0)  # a week
    assert add_working_days(at(2026, 3, 4, 14, 15), 5) == at(2026, 3, 11, 14, 15)


def test_working_days_are_capped_at_a_short_friday__R_INC_4():
    assert add_working_days(at(2026, 3, 5, 16, 30), 1) == at(2026, 3, 6, 16, 0)
    assert add_working_days(at(2026, 3, 5, 16, 30), 2) == at(2026, 3, 9, 16, 30)


def test_working_days_start_at_the_next_opening__R_INC_4():
    assert add_working_days(at(2026, 3, 7, 11, 0), 1) == at(2026, 3, 10, 8, 30)  # Saturday
    assert add_working_days(at(2026, 3, 2, 18, 0), 1) == at(2026, 3, 4, 8, 30)  # evening
    assert add_working_days(at(2026, 3, 7, 11, 0), 0) == at(2026, 3, 9, 8, 30)


def test_working_days_skip_holidays_and_closure_days__R_INC_5():
    assert add_working_days(at(2026, 4, 24, 10, 0), 1) == at(2026, 4, 28, 10, 0)  # King's Day
    ClosureDay.objects.create(date=dt.date(2026, 3, 3), reason="Company day")
    assert add_working_days(at(2026, 3, 2, 10, 0), 1) == at(2026, 3, 4, 10, 0)


def test_end_of_next_working_day__R_INC_4():
    assert end_of_next_working_day(at(2026, 3, 2, 10, 0)) == at(2026, 3, 3, 17, 0)  # Mon
    assert end_of_next_working_day(at(2026, 3, 5, 10, 0)) == at(2026, 3, 6, 16, 0)  # Thu → Fri
    assert end_of_next_working_day(at(2026, 3, 6, 10, 0)) == at(2026, 3, 9, 17, 0)  # Fri → Mon
    assert end_of_next_working_day(at(2026, 3, 2, 7, 0)) == at(2026, 3, 3, 17, 0)  # early
    assert end_of_next_working_day(at(2026, 3, 2, 18, 0)) == at(2026, 3, 4, 17, 0)  # evening
    assert end_of_next_working_day(at(2026, 3, 7, 11, 0)) == at(2026, 3, 10, 17, 0)  # Sat
    assert end_of_next_working_day(at(2026, 4, 24, 10, 0)) == at(2026, 4, 28, 17, 0)  # King's


def test_adding_then_measuring_gives_the_same_duration__R_INC_5():
    rng = random.Random(5)
    clock = WorkClock()
    base = at(2026, 1, 1, 0, 0)
    for _ in range(300):
        start = base + dt.timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        duration = dt.timedelta(minutes=rng.randrange(1, 60 * 60))
        end = clock.add_working_time(start, duration)
        assert clock.working_time_between(start, end) == duration
        assert end > start


def test_one_clock_reads_each_month_of_closure_days_once():
    clock = WorkClock()
    with CaptureQueriesContext(connection) as first:
        clock.add_working_time(at(2026, 3, 2, 9, 0), 8 * HOUR)
    with CaptureQueriesContext(connection) as again:
        for hour in range(9, 17):
            clock.add_working_time(at(2026, 3, 2, hour, 0), 8 * HOUR)
            clock.working_time_between(at(2026, 3, 2, hour, 0), at(2026, 3, 4, 12, 0))
    assert len(first) <= 2
    assert len(again) == 0
