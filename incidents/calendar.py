"""The support desk's calendar (R-INC-5) and the working-time arithmetic built on it: the
SLA targets of R-INC-4, the waits of R-INC-14 and the complaint response of R-CARE-1.

Support staff keep the opening hours in the admin (R-INC-16): weekly schedules, each in force
from its ``valid_from`` until the next one starts, and exceptions for single dates (closed, or
other hours: a shorter day, a longer evening). The desk is closed on Dutch public holidays
too, unless an exception gives hours for that date. Times are Europe/Amsterdam. Working time
is the time the desk is open. Every clock (the support page, the SLA targets, extra support,
the waiting reminders and their emails) reads this calendar, so a change applies from the
next calendar made: running targets are recomputed by ``actions`` when staff change hours.

The public holidays are the ``holidays`` package's (country NL, category "public"), which we
follow rather than keep a list of our own. It counts Good Friday as a public holiday, and
Liberation Day (5 May) only every fifth year (2025, 2030, …), as most collective labour
agreements do; King's Day moves to Saturday when 27 April is a Sunday.

Conventions shared by every method of ``SupportCalendar``:

- Moments must be aware datetimes (any zone); a naive one is a programming error and raises
  ``ValueError``. Moments returned are in Europe/Amsterdam.
- An opening period includes its opening time and excludes its closing time; a clock that
  runs out exactly at closing time ends *at* closing time (17:00), not at the next opening.
- A clock started outside opening hours starts at the next opening (``next_opening``).
- Arithmetic is done on real (UTC) instants, so a daylight-saving change never adds or
  removes an hour: it happens at night, outside opening hours.
- When the desk stays closed for over ``SEARCH_HORIZON_DAYS`` (closed days entered for a
  whole year, or a schedule without hours), ``NoOpeningFound`` is raised instead of looping forever.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.db.models import CharField, TimeField, Value
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS_ABBR

from incidents.models import WEEKDAY_FIELDS, OpeningException, OpeningSchedule, Priority

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = dt.timezone.utc
ZERO = dt.timedelta(0)

# Exceptions (with the schedules) are read a month at a time; a search for the next opening
# gives up after a year of closed days.
SEARCH_WINDOW_DAYS = 31
SEARCH_HORIZON_DAYS = 366

# Django's language → the language the holidays package names the holidays in.
_HOLIDAY_LANGUAGES = {"nl": "nl", "en": "en_US"}

Opening = tuple[dt.datetime, dt.datetime]
Hours = tuple[dt.time, dt.time]
Week = dict[int, Hours]


class NoOpeningFound(LookupError):
    """The desk stays closed for longer than ``SEARCH_HORIZON_DAYS`` (closed days entered
    for a whole year): there is no next opening to name."""


@lru_cache(maxsize=64)
def _public_holidays(year: int, language: str) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=year, language=language)


def public_holiday(day: dt.date) -> str | None:
    """The name of the Dutch public holiday on ``day`` in the active language, else None."""
    language = _HOLIDAY_LANGUAGES.get((translation.get_language() or "nl")[:2], "nl")
    return _public_holidays(day.year, language).get(day)


def local(at: dt.datetime) -> dt.datetime:
    """``at`` in Amsterdam time; refuses a naive datetime."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"an aware datetime is needed, got the naive {at!r}")
    return at.astimezone(AMSTERDAM)


def weekly_schedule(day: dt.date | None = None,
                    calendar: SupportCalendar | None = None) -> list[tuple[int, Hours | None]]:
    """(weekday, hours or None) for Monday … Sunday: the regular week in force on ``day``
    (today by default), without holidays and exceptions."""
    day = day or local(timezone.now()).date()
    return (calendar or SupportCalendar()).week_on(day)


def describe_week(week: list[tuple[int, Hours | None]]) -> str:
    """The open days of a week in short, in the active language, with runs of days that
    keep the same hours joined: "Mon–Thu 08:30–17:00, Fri 08:30–16:00"."""
    runs: list[tuple[int, int, Hours]] = []
    for weekday, hours in week:
        if hours is None:
            continue
        if runs and runs[-1][1] == weekday - 1 and runs[-1][2] == hours:
            runs[-1] = (runs[-1][0], weekday, hours)
        else:
            runs.append((weekday, weekday, hours))
    parts = []
    for first, last, (opens, closes) in runs:
        days = str(WEEKDAYS_ABBR[first]) if first == last else (
            f"{WEEKDAYS_ABBR[first]}–{WEEKDAYS_ABBR[last]}")
        parts.append(f"{days} {opens:%H:%M}–{closes:%H:%M}")
    return ", ".join(parts)


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for offset in range((last - first).days + 1):
        yield first + dt.timedelta(days=offset)


@dataclass(frozen=True)
class Today:
    """What the support page says about the desk at one moment (R-INC-10)."""

    date: dt.date  # today in Amsterdam
    open_now: bool
    # The opening period that is going on, else the next one; both None only when the desk
    # stays closed for over a year.
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    # Why the desk is closed all of today (a public holiday or closed day), else None.
    reason_closed: str | None
    # Today's opening hours, or None when closed all day.
    hours: Hours | None
    # Why today's hours differ from the weekly schedule (an exception's reason), else None.
    reason_changed: str | None = None

    @property
    def opens_in_days(self) -> int | None:
        """Days from today to the next opening (0: today); None when there is none."""
        if self.opens_at is None:
            return None
        return (local(self.opens_at).date() - self.date).days


class SupportCalendar:
    """The desk's calendar and its working time.

    The exceptions and schedules are read when first needed, one ``SEARCH_WINDOW_DAYS``
    window (one query for both) at a time, and kept for the calendar's life. Make one per
    request, task run or page and pass it to every call (a list page computing 50 targets), so
    the query count is fixed by the dates involved, not by the number of rows; a change staff
    make later is seen by the next calendar made."""

    def __init__(self) -> None:
        # Exceptions by date: (reason, hours or None for closed all day).
        self._exceptions: dict[dt.date, tuple[str, Hours | None]] = {}
        # Every schedule starting on or before the last day read, by start (sorted).
        self._schedule_starts: list[dt.date] = []
        self._schedules: dict[dt.date, Week] = {}
        self._read: set[dt.date] = set()

    def load(self, first: dt.date, last: dt.date) -> SupportCalendar:
        """Read the exceptions of ``first`` … ``last`` and the schedules in force on them now,
        in one query (none when they were read already): a page that asks about a known
        range pays once."""
        if last < first:
            raise ValueError(f"the range ends ({last}) before it starts ({first})")
        missing = [day for day in _days(first, last) if day not in self._read]
        if missing:
            self._read_window(missing[0], missing[-1])
            self._read.update(_days(missing[0], missing[-1]))
        return self

    def _read_window(self, first: dt.date, last: dt.date) -> None:
        # One UNION query: the few schedules ride along with the window's exceptions, so a
        # page still pays one query per window (R-X-3).
        no_time = Value(None, output_field=TimeField())
        week_columns = [f"{day}_{edge}" for day in WEEKDAY_FIELDS for edge in ("opens", "closes")]
        exceptions = OpeningException.objects.filter(date__range=(first, last)).values_list(
            Value("exception", output_field=CharField()), "date", "reason", "opens", "closes",
            *[no_time] * len(week_columns)).order_by()  # SQLite refuses ORDER BY in a UNION part
        schedules = OpeningSchedule.objects.filter(valid_from__lte=last).order_by().values_list(
            Value("schedule", output_field=CharField()),
            "valid_from", Value("", output_field=CharField()), no_time, no_time, *week_columns)
        for kind, day, reason, opens, closes, *week in exceptions.union(schedules, all=True):
            if kind == "exception":
                self._exceptions[day] = (reason, None if opens is None else (opens, closes))
            elif day not in self._schedules:
                self._schedules[day] = {
                    weekday: (week[2 * weekday], week[2 * weekday + 1])
                    for weekday in range(7)
                    if week[2 * weekday] is not None and week[2 * weekday + 1] is not None}
        self._schedule_starts = sorted(self._schedules)

    # Days ----------------------------------------------------------------------------------

    def _ensure(self, day: dt.date) -> None:
        if day not in self._read:
            self.load(day, day + dt.timedelta(days=SEARCH_WINDOW_DAYS - 1))

    def week_on(self, day: dt.date) -> list[tuple[int, Hours | None]]:
        """(weekday, hours or None) for Monday … Sunday of the schedule in force on ``day``
        (all closed before the first schedule)."""
        week = self._regular_week(day)
        return [(weekday, week.get(weekday)) for weekday in range(7)]

    def _regular_week(self, day: dt.date) -> Week:
        self._ensure(day)
        index = bisect_right(self._schedule_starts, day)
        return self._schedules[self._schedule_starts[index - 1]] if index else {}

    def schedule_changes(self, first: dt.date,
                         last: dt.date) -> list[tuple[dt.date, list[tuple[int, Hours | None]]]]:
        """(start, week) of each schedule that takes over during ``first`` … ``last``, in
        order (one query)."""
        self.load(first, last)
        return [(start, self.week_on(start)) for start in self._schedule_starts
                if first <= start <= last]

    def regular_hours_on(self, day: dt.date) -> Hours | None:
        """The hours the weekly schedule in force gives ``day``, before holidays and
        exceptions."""
        return self._regular_week(day).get(day.weekday())

    def changed_reason(self, day: dt.date) -> str | None:
        """The reason of an exception that gives ``day`` other hours (not closed), else
        None."""
        self._ensure(day)
        exception = self._exceptions.get(day)
        return exception[0] if exception and exception[1] is not None else None

    def closed_reason(self, day: dt.date) -> str | None:
        """Why the desk is closed all of ``day``: the public holiday's name (in the active
        language) or the closed day's reason; None for any other day, weekends included, and
        for a holiday that an exception gives hours."""
        self._ensure(day)
        exception = self._exceptions.get(day)
        if exception is not None and exception[1] is not None:
            return None  # staff open the desk on this date on purpose
        return public_holiday(day) or (exception[0] if exception else None)

    def hours_on(self, day: dt.date) -> Hours | None:
        """Opening and closing time on ``day`` (Amsterdam time), or None when the desk is
        closed all day: a day the schedule closes, a public holiday or a closed day
        (``closed_reason`` says which). An exception's hours replace the schedule's."""
        self._ensure(day)
        exception = self._exceptions.get(day)
        if exception is not None and exception[1] is not None:
            return exception[1]
        hours = self.regular_hours_on(day)
        if hours is None or self.closed_reason(day) is not None:
            return None
        return hours

    def opening_on(self, day: dt.date) -> Opening | None:
        """The aware moments the desk opens and closes on ``day``, or None when closed."""
        hours = self.hours_on(day)
        if hours is None:
            return None
        opens, closes = hours
        return (dt.datetime.combine(day, opens, tzinfo=AMSTERDAM),
                dt.datetime.combine(day, closes, tzinfo=AMSTERDAM))

    def openings(self, first: dt.date, last: dt.date) -> Iterator[Opening]:
        """Every opening period of the days ``first`` … ``last``, in order (one query)."""
        self.load(first, last)
        for day in _days(first, last):
            opening = self.opening_on(day)
            if opening is not None:
                yield opening

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

    def closed_days(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
        """(day, reason) for each day of ``first`` … ``last`` that a holiday or closed day
        closes (the schedule would have opened the desk), in order (one query)."""
        self.load(first, last)
        return [(day, reason) for day in _days(first, last)
                if self.regular_hours_on(day) and (reason := self.closed_reason(day))]

    def changed_days(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, Hours, str]]:
        """(day, hours, reason) for each day of ``first`` … ``last`` with other hours than
        the schedule's (a shorter day, a longer evening), in order (one query)."""
        self.load(first, last)
        return [(day, hours, reason) for day in _days(first, last)
                if (reason := self.changed_reason(day)) and (hours := self.hours_on(day))
                and hours != self.regular_hours_on(day)]

    # Moments -------------------------------------------------------------------------------

    def is_open(self, at: dt.datetime) -> bool:
        """Is the desk open at ``at``? 08:30 exactly is open, 17:00 exactly closed."""
        opening = self.opening_on(local(at).date())
        return opening is not None and opening[0] <= at < opening[1]

    def current_or_next_opening(self, at: dt.datetime) -> Opening:
        """The opening period that contains ``at``, else the first one after it."""
        for opening in self.openings_from(local(at).date()):
            if at < opening[1]:
                return opening
        raise AssertionError("unreachable: openings_from never ends")  # pragma: no cover

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        """The first moment from ``at`` on that the desk is open: ``at`` itself (in Amsterdam
        time) when open now, else the next opening time, strictly after ``at``. This is where
        a working-time clock started at ``at`` starts running."""
        opens, _closes = self.current_or_next_opening(at)
        return max(local(at), opens)

    def today(self, at: dt.datetime) -> Today:
        """The desk today, seen at the moment ``at``: one query, none when the calendar has
        read the coming month already (``load``)."""
        day = local(at).date()
        self.load(day, day + dt.timedelta(days=SEARCH_WINDOW_DAYS - 1))
        try:
            opening: Opening | None = self.current_or_next_opening(at)
        except NoOpeningFound:
            opening = None
        return Today(
            date=day,
            open_now=opening is not None and opening[0] <= at < opening[1],
            opens_at=opening[0] if opening else None,
            closes_at=opening[1] if opening else None,
            reason_closed=self.closed_reason(day),
            hours=self.hours_on(day),
            reason_changed=self.changed_reason(day),
        )

    # Working time --------------------------------------------------------------------------

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
        self.load(start.date(), end.date())  # the whole span in one query, however long
        total = ZERO
        for day in _days(start.date(), end.date()):
            opening = self.opening_on(day)
            if opening is not None:
                begin, finish = max(start, opening[0]), min(end, opening[1])
                if begin < finish:
                    total += finish.astimezone(UTC) - begin.astimezone(UTC)
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
        openings = self.openings_from(self.next_opening(start).date())
        next(openings)
        _opens, closes = next(openings)
        return closes

    def sla_target(self, priority: int | None, submitted_at: dt.datetime) -> dt.datetime | None:
        """R-INC-4: the target for ``priority`` of an incident submitted at ``submitted_at``,
        before pauses: P1 4 working hours, P2 1 working day, P3 5 working days, P4 the end of
        the next working day, P5 (and no priority yet) none."""
        if priority == Priority.P1:
            return self.add_working_time(submitted_at, dt.timedelta(hours=4))
        if priority == Priority.P2:
            return self.add_working_days(submitted_at, 1)
        if priority == Priority.P3:
            return self.add_working_days(submitted_at, 5)
        if priority == Priority.P4:
            return self.end_of_next_working_day(submitted_at)
        return None
