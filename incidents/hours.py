"""The support desk's opening hours (R-INC-5): Monday–Thursday 08:30–17:00, Friday
08:30–16:00, Europe/Amsterdam; closed on Dutch public holidays and on the closure days staff
enter in the admin. Working-time calculations (the SLA targets of R-INC-4) build on
``SupportCalendar``; pages use the functions below.

The public holidays are the ``holidays`` package's (country NL, category "public"), which we
follow rather than keep a list of our own. It counts Good Friday as a public holiday, and
Liberation Day (5 May) only every fifth year (2025, 2030, …), as most collective labour
agreements do; King's Day moves to Saturday when 27 April is a Sunday.

Every function that takes a moment wants an aware datetime (any time zone); a naive one is a
programming error and raises ``ValueError``. Moments returned are in Europe/Amsterdam.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays
from django.utils import translation

from incidents.models import ClosureDay

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Opening hours by weekday (Monday is 0); the days not listed (the weekend) are closed.
WEEKLY_HOURS: Mapping[int, tuple[dt.time, dt.time]] = MappingProxyType({
    0: (dt.time(8, 30), dt.time(17, 0)),
    1: (dt.time(8, 30), dt.time(17, 0)),
    2: (dt.time(8, 30), dt.time(17, 0)),
    3: (dt.time(8, 30), dt.time(17, 0)),
    4: (dt.time(8, 30), dt.time(16, 0)),
})

# Looking for the next opening loads a month of closure days per query, for at most a year.
SEARCH_WINDOW_DAYS = 31
SEARCH_HORIZON_DAYS = 366

# Django's language → the language the holidays package names the holidays in.
_HOLIDAY_LANGUAGES = {"nl": "nl", "en": "en_US"}

Opening = tuple[dt.datetime, dt.datetime]


class NoOpeningFound(LookupError):
    """The desk stays closed for longer than ``SEARCH_HORIZON_DAYS`` (closure days entered
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


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for offset in range((last - first).days + 1):
        yield first + dt.timedelta(days=offset)


class SupportCalendar:
    """The desk's opening hours for the days ``first`` … ``last`` (inclusive). The closure
    days of that range are loaded once, in one query, when the calendar is made; asking about
    a day outside the range raises ``ValueError``."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        if last < first:
            raise ValueError(f"the calendar ends ({last}) before it starts ({first})")
        self.first = first
        self.last = last
        self._closures: dict[dt.date, str] = dict(
            ClosureDay.objects.filter(date__range=(first, last)).values_list("date", "reason")
        )

    def _check(self, day: dt.date) -> None:
        if not self.first <= day <= self.last:
            raise ValueError(f"{day} is outside this calendar ({self.first} … {self.last})")

    def closed_reason(self, day: dt.date) -> str | None:
        """Why the desk is closed all of ``day``: the public holiday's name (in the active
        language) or the closure day's reason; None for any other day, weekends included."""
        self._check(day)
        return public_holiday(day) or self._closures.get(day)

    def hours_on(self, day: dt.date) -> tuple[dt.time, dt.time] | None:
        """Opening and closing time on ``day`` (local time), or None when closed all day."""
        self._check(day)
        hours = WEEKLY_HOURS.get(day.weekday())
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

    def openings(self) -> Iterator[Opening]:
        """Every opening period of the calendar's days, in order."""
        for day in _days(self.first, self.last):
            opening = self.opening_on(day)
            if opening is not None:
                yield opening

    def closed_days(self) -> list[tuple[dt.date, str]]:
        """(day, reason) for each weekday of the calendar that a holiday or closure day
        closes (the desk would have been open), in order."""
        return [(day, reason) for day in _days(self.first, self.last)
                if day.weekday() in WEEKLY_HOURS and (reason := self.closed_reason(day))]

    def is_open(self, at: dt.datetime) -> bool:
        """Is the desk open at ``at``? Opening time included, closing time excluded."""
        opening = self.opening_on(local(at).date())
        return opening is not None and opening[0] <= at < opening[1]

    def current_or_next_opening(self, at: dt.datetime) -> Opening | None:
        """The opening period that contains ``at``, else the first one after it; only the
        calendar's days are considered (None when it has none left)."""
        first = max(local(at).date(), self.first)
        if first > self.last:
            return None
        for day in _days(first, self.last):
            opening = self.opening_on(day)
            if opening is not None and at < opening[1]:
                return opening
        return None


def opening_hours_on(day: dt.date) -> tuple[dt.time, dt.time] | None:
    """Opening and closing time on ``day`` (Amsterdam time), or None when the desk is closed
    all day: weekend, public holiday or closure day (``closed_reason`` says which)."""
    return SupportCalendar(day, day).hours_on(day)


def closed_reason(day: dt.date) -> str | None:
    """The public holiday's name or the closure day's reason when the desk is closed on
    ``day`` for one of those; None otherwise (a normal weekday or weekend)."""
    return SupportCalendar(day, day).closed_reason(day)


def is_open(at: dt.datetime) -> bool:
    """Is the desk open at the moment ``at``? 08:30 exactly is open, 17:00 exactly closed."""
    day = local(at).date()
    return SupportCalendar(day, day).is_open(at)


def _current_or_next_opening(at: dt.datetime) -> Opening:
    first = local(at).date()
    for start in range(0, SEARCH_HORIZON_DAYS, SEARCH_WINDOW_DAYS):
        calendar = SupportCalendar(first + dt.timedelta(days=start),
                                   first + dt.timedelta(days=start + SEARCH_WINDOW_DAYS - 1))
        opening = calendar.current_or_next_opening(at)
        if opening is not None:
            return opening
    raise NoOpeningFound(f"the support desk is closed for over {SEARCH_HORIZON_DAYS} days "
                         f"after {at.isoformat()}")


def next_opening(at: dt.datetime) -> dt.datetime:
    """The first moment from ``at`` on that the desk is open: ``at`` itself (in Amsterdam
    time) when open now, else the next opening time, strictly after ``at``. This is where a
    working-time clock starts. Raises ``NoOpeningFound`` after a year of closure."""
    opens, _closes = _current_or_next_opening(at)
    return max(local(at), opens)


@dataclass(frozen=True)
class Today:
    """What the support page says about the desk at one moment (R-INC-10)."""

    date: dt.date  # today in Amsterdam
    open_now: bool
    # The opening period that is going on, else the next one; both None only when the desk
    # stays closed for over a year.
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    # Why the desk is closed all of today (a public holiday or closure day), else None.
    reason_closed: str | None
    # Today's opening hours, or None when closed all day.
    hours: tuple[dt.time, dt.time] | None


def today(at: dt.datetime, *, calendar: SupportCalendar | None = None) -> Today:
    """The desk today, seen at the moment ``at``; usually one query, none when given a
    ``calendar`` that covers today (its closure days are then reused)."""
    day = local(at).date()
    if calendar is None:
        calendar = SupportCalendar(day, day + dt.timedelta(days=SEARCH_WINDOW_DAYS - 1))
    opening = calendar.current_or_next_opening(at)
    if opening is None:
        try:
            opening = _current_or_next_opening(at)
        except NoOpeningFound:
            opening = None
    return Today(
        date=day,
        open_now=opening is not None and opening[0] <= at < opening[1],
        opens_at=opening[0] if opening else None,
        closes_at=opening[1] if opening else None,
        reason_closed=calendar.closed_reason(day),
        hours=calendar.hours_on(day),
    )


def weekly_schedule() -> list[tuple[int, tuple[dt.time, dt.time] | None]]:
    """(weekday, hours or None) for Monday … Sunday: the regular week, without holidays."""
    return [(weekday, WEEKLY_HOURS.get(weekday)) for weekday in range(7)]
