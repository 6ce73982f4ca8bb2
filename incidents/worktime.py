"""Working-time arithmetic on the support desk's calendar (R-INC-5), for the SLA targets of
R-INC-4 and the first-response target of complaints (R-CARE-1).

Working time is the time the desk is open: Monday–Thursday 08:30–17:00, Friday 08:30–16:00,
Europe/Amsterdam, minus Dutch public holidays and staff-entered closure days (see
``incidents.hours``). All arithmetic is done on real (UTC) instants, so a daylight-saving
change never adds or removes an hour: it happens at night, outside opening hours.

Conventions shared by every function here:

- Arguments must be aware datetimes (any zone); a naive one raises ``ValueError``. Returned
  moments are in Europe/Amsterdam.
- An opening period includes its opening time and excludes its closing time; a clock that
  runs out exactly at closing time ends *at* closing time (17:00), not at the next opening.
- A clock started outside opening hours starts at the next opening (``hours.next_opening``).
- When the desk stays closed for over a year (closure days entered for a whole year),
  ``hours.NoOpeningFound`` is raised instead of looping forever.

Closure days are read from the database one 31-day window at a time, once per ``WorkClock``;
pass one clock to many calls (a list page computing 50 targets) to keep the query count fixed
by the dates involved, not by the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from incidents.hours import (
    AMSTERDAM, SEARCH_HORIZON_DAYS, SEARCH_WINDOW_DAYS, NoOpeningFound, Opening, SupportCalendar,
    local,
)

UTC = dt.timezone.utc
ZERO = dt.timedelta(0)


class WorkClock:
    """The desk's openings, day by day, with the closure days cached per 31-day window."""

    def __init__(self) -> None:
        self._windows: dict[int, SupportCalendar] = {}

    def _calendar(self, day: dt.date) -> SupportCalendar:
        index = day.toordinal() // SEARCH_WINDOW_DAYS
        calendar = self._windows.get(index)
        if calendar is None:
            first = dt.date.fromordinal(index * SEARCH_WINDOW_DAYS)
            calendar = SupportCalendar(first, first + dt.timedelta(days=SEARCH_WINDOW_DAYS - 1))
            self._windows[index] = calendar
        return calendar

    def opening_on(self, day: dt.date) -> Opening | None:
        """The aware moments the desk opens and closes on ``day``, or None when closed."""
        return self._calendar(day).opening_on(day)

    def openings_from(self, day: dt.date) -> Iterator[Opening]:
        """Every opening period from ``day`` on, in order, without end; raises
        ``NoOpeningFound`` after ``SEARCH_HORIZON_DAYS`` days without one."""
        closed_for = 0
        while True:
            opening = self.opening_on(day)
            if opening is None:
                closed_for += 1
                if closed_for > SEARCH_HORIZON_DAYS:
                    raise NoOpeningFound(
                        f"the support desk is closed for over {SEARCH_HORIZON_DAYS} days "
                        f"before {day.isoformat()}")
            else:
                closed_for = 0
                yield opening
            day += dt.timedelta(days=1)

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        """``at`` (in Amsterdam time) when the desk is open then, else the next opening time:
        where a working-time clock started at ``at`` starts running."""
        start = local(at)
        for opens, closes in self.openings_from(start.date()):
            if start < closes:
                return max(start, opens)
        raise AssertionError("unreachable: openings_from never ends")  # pragma: no cover

    def add_working_time(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """The moment ``duration`` of working time has passed since ``start``. A zero duration
        gives ``start`` itself; a positive one always ends inside an opening period or exactly
        at its closing time. A negative duration raises ``ValueError``."""
        start = local(start)
        if duration < ZERO:
            raise ValueError(f"a working-time duration cannot be negative, got {duration}")
        if duration == ZERO:
            return start
        remaining = duration
        for opens, closes in self.openings_from(start.date()):
            if closes <= start:
                continue
            begin = max(start, opens).astimezone(UTC)
            available = closes.astimezone(UTC) - begin
            if remaining <= available:
                return (begin + remaining).astimezone(AMSTERDAM)
            remaining -= available
        raise AssertionError("unreachable: openings_from never ends")  # pragma: no cover

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """The working time from ``start`` to ``end``: the overlap of that span with the
        opening periods. Negative when ``end`` is before ``start`` (a target already passed:
        "overdue by")."""
        start, end = local(start), local(end)
        if end < start:
            return -self.working_time_between(end, start)
        total = ZERO
        day = start.date()
        while day <= end.date():
            opening = self.opening_on(day)
            if opening is not None:
                begin, finish = max(start, opening[0]), min(end, opening[1])
                if begin < finish:
                    total += finish.astimezone(UTC) - begin.astimezone(UTC)
            day += dt.timedelta(days=1)
        return total

    def add_working_days(self, start: dt.datetime, days: int) -> dt.datetime:
        """The same position on the working clock ``days`` working days later.

        Precisely: the clock starts at ``p = next_opening(start)``, on working day D; its
        position is the working time from D's opening to ``p``. The result is the n-th working
        day after D, opened plus that same position, but no later than that day's closing time
        (a Friday is shorter: Thursday 16:30 plus one working day is Friday 16:00). Zero days
        gives ``p``. So Monday 10:00 + 1 is Tuesday 10:00, Friday 10:00 + 1 is Monday 10:00,
        Saturday 11:00 + 1 is Tuesday 08:30 (the clock starts Monday 08:30)."""
        if days < 0:
            raise ValueError(f"the number of working days cannot be negative, got {days}")
        begin = self.next_opening(start)
        if days == 0:
            return begin
        openings = self.openings_from(begin.date())
        first_opens, _first_closes = next(openings)
        position = begin.astimezone(UTC) - first_opens.astimezone(UTC)
        for _ in range(days - 1):
            next(openings)
        opens, closes = next(openings)
        target = opens.astimezone(UTC) + position
        return min(target, closes.astimezone(UTC)).astimezone(AMSTERDAM)

    def end_of_next_working_day(self, start: dt.datetime) -> dt.datetime:
        """The closing time of the working day after the one the clock starts on
        (``next_opening(start)``): Monday 10:00 gives Tuesday 17:00, Thursday 10:00 Friday
        16:00, Friday 10:00 Monday 17:00, Monday 07:00 (clock starts Monday 08:30) Tuesday
        17:00, Monday 18:00 (clock starts Tuesday) Wednesday 17:00."""
        begin = self.next_opening(start)
        openings = self.openings_from(begin.date())
        next(openings)
        _opens, closes = next(openings)
        return closes


def add_working_time(start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
    """The moment ``duration`` of working time has passed since ``start`` (see
    ``WorkClock.add_working_time``)."""
    return WorkClock().add_working_time(start, duration)


def working_time_between(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """The working time from ``start`` to ``end``, negative when ``end`` comes first."""
    return WorkClock().working_time_between(start, end)


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """The same working-clock position ``days`` working days later (see
    ``WorkClock.add_working_days`` for the precise definition)."""
    return WorkClock().add_working_days(start, days)


def end_of_next_working_day(start: dt.datetime) -> dt.datetime:
    """The closing time of the working day after the one a clock started at ``start`` starts
    on (see ``WorkClock.end_of_next_working_day``)."""
    return WorkClock().end_of_next_working_day(start)
