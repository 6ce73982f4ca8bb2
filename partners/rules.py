"""The dates of SPEC §9: when the next quickscan is due (R-PART-2) and how long a notice runs
(R-PART-3/4). Calendar months, so a due date at a month end stays in the right month."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from .models import ScanColour

# R-PART-2: red → a new scan after 6 months, orange after one year, green after three.
MONTHS_UNTIL_NEXT_SCAN: dict[ScanColour, int] = {
    ScanColour.RED: 6,
    ScanColour.ORANGE: 12,
    ScanColour.GREEN: 36,
}
# R-PART-3/4: a notice ends the subscription 12 months later (the seed's "opzegtermijn").
NOTICE_MONTHS = 12
# The partner portal warns about a scan due within this many days.
DUE_SOON_DAYS = 60


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; a day the target month lacks becomes its last day
    (31 August + 6 months = 28 or 29 February; 29 February + 12 months = 28 February)."""
    return day + relativedelta(months=months)


def next_scan_due(scanned_on: dt.date, colour: ScanColour | str) -> dt.date:
    """R-PART-2: the date by which the next quickscan must have taken place."""
    return add_months(scanned_on, MONTHS_UNTIL_NEXT_SCAN[ScanColour(colour)])


def notice_ends_on(given_on: dt.date) -> dt.date:
    """The last day of a subscription given notice on ``given_on`` (R-PART-3/4)."""
    return add_months(given_on, NOTICE_MONTHS)
