"""The dates of SPEC §9: when the next quickscan is due (R-PART-2), the first one of a new
integration (R-PART-7), how long a notice runs (R-PART-3/4/8) and when an agreement is
reviewed (R-PART-8). Calendar months, so a due date at a month end stays in the right month."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings

from .models import DUE_SOON_DAYS, ReminderStep, ScanColour

__all__ = ["DUE_SOON_DAYS", "MONTHS_UNTIL_NEXT_SCAN", "NOTICE_MONTHS", "add_months",
           "first_scan_due", "next_review_on", "next_scan_due", "notice_ends_on",
           "reminder_step", "reminder_windows"]

# R-PART-2: red → a new scan after 6 months, orange after one year, green after three.
MONTHS_UNTIL_NEXT_SCAN: dict[ScanColour, int] = {
    ScanColour.RED: 6,
    ScanColour.ORANGE: 12,
    ScanColour.GREEN: 36,
}
# R-PART-3: the vendor's notice for missing certification ends the subscription 12 months
# later (the seed's "opzegtermijn"); a normal notice runs the agreement's own period (R-PART-8,
# ``Integration.notice_months``, 12 by default).
NOTICE_MONTHS = 12


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; a day the target month lacks becomes its last day
    (31 August + 6 months = 28 or 29 February; 29 February + 12 months = 28 February)."""
    return day + relativedelta(months=months)


def next_scan_due(scanned_on: dt.date, colour: ScanColour | str) -> dt.date:
    """R-PART-2: the date by which the next quickscan must have taken place."""
    return add_months(scanned_on, MONTHS_UNTIL_NEXT_SCAN[ScanColour(colour)])


def notice_ends_on(given_on: dt.date, months: int = NOTICE_MONTHS) -> dt.date:
    """The last day of a subscription given ``months``' notice on ``given_on`` (R-PART-3/4/8)."""
    return add_months(given_on, months)


def first_scan_due(registered_on: dt.date) -> dt.date:
    """R-PART-7: the first quickscan of an integration registered on ``registered_on`` is due
    ``PARTNER_FIRST_SCAN_MONTHS`` (3) months later."""
    return add_months(registered_on, settings.PARTNER_FIRST_SCAN_MONTHS)


def next_review_on(agreement_start: dt.date, today: dt.date) -> dt.date:
    """R-PART-8: the agreement's first yearly anniversary after ``today`` (reviewed yearly)."""
    years = max(1, today.year - agreement_start.year)
    review = agreement_start + relativedelta(years=years)
    while review <= today:
        years += 1
        review = agreement_start + relativedelta(years=years)
    return review


def reminder_windows(today: dt.date) -> list[tuple[ReminderStep, dt.date, dt.date]]:
    """R-PART-7: for each reminder, the due dates it is sent for on ``today``: (step, first
    due date, last due date). The 7-day reminder for scans due today up to 7 days on, the
    30-day one from 8 up to 30 days on, the 90-day one from 31 up to 90 days on. A night the
    check did not run is made up the next night, without the step a later one overtook."""
    windows, nearest = [], 0
    for step in sorted(ReminderStep, key=int):
        windows.append((step, today + dt.timedelta(days=nearest),
                        today + dt.timedelta(days=int(step))))
        nearest = int(step) + 1
    return windows


def reminder_step(due_on: dt.date, today: dt.date) -> ReminderStep | None:
    """The reminder whose window (``reminder_windows``) a scan due on ``due_on`` is in on
    ``today``; ``None`` further away or once overdue."""
    for step, first, last in reminder_windows(today):
        if first <= due_on <= last:
            return step
    return None
