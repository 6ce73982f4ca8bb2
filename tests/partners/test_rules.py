"""When the next quickscan is due (R-PART-2), in calendar months, also at month ends."""

from __future__ import annotations

import datetime as dt

import pytest

from partners.models import ScanColour
from partners.rules import add_months, next_scan_due, notice_ends_on


@pytest.mark.parametrize(("scanned_on", "colour", "due"), [
    (dt.date(2026, 3, 15), ScanColour.RED, dt.date(2026, 9, 15)),
    (dt.date(2026, 3, 15), ScanColour.ORANGE, dt.date(2027, 3, 15)),
    (dt.date(2026, 3, 15), ScanColour.GREEN, dt.date(2029, 3, 15)),
])
def test_red_six_months_orange_one_year_green_three_years__R_PART_2(scanned_on, colour, due):
    assert next_scan_due(scanned_on, colour) == due


@pytest.mark.parametrize(("scanned_on", "colour", "due"), [
    # 31 August + 6 months: February has no 31st, so its last day (leap year or not).
    (dt.date(2025, 8, 31), ScanColour.RED, dt.date(2026, 2, 28)),
    (dt.date(2027, 8, 31), ScanColour.RED, dt.date(2028, 2, 29)),
    # 31 March + 6 months = 30 September.
    (dt.date(2026, 3, 31), ScanColour.RED, dt.date(2026, 9, 30)),
    # 29 February + 1 year / 3 years = 28 February.
    (dt.date(2028, 2, 29), ScanColour.ORANGE, dt.date(2029, 2, 28)),
    (dt.date(2028, 2, 29), ScanColour.GREEN, dt.date(2031, 2, 28)),
    # 28 February stays the 28th, also into a leap year.
    (dt.date(2027, 2, 28), ScanColour.ORANGE, dt.date(2028, 2, 28)),
    # Across the end of the year.
    (dt.date(2026, 12, 31), ScanColour.RED, dt.date(2027, 6, 30)),
])
def test_due_dates_at_month_ends_and_leap_days__R_PART_2(scanned_on, colour, due):
    assert next_scan_due(scanned_on, colour) == due


def test_colour_may_be_given_as_its_value__R_PART_2():
    assert next_scan_due(dt.date(2026, 1, 1), "red") == dt.date(2026, 7, 1)


def test_an_unknown_colour_is_refused__R_PART_2():
    with pytest.raises(ValueError):
        next_scan_due(dt.date(2026, 1, 1), "purple")


def test_notice_ends_twelve_months_later_at_month_ends_too__R_PART_3():
    assert notice_ends_on(dt.date(2026, 5, 4)) == dt.date(2027, 5, 4)
    assert notice_ends_on(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
