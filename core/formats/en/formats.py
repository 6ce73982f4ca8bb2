"""English date and time formats for a Dutch portal: day before month and a 24-hour clock,
as in the Dutch pages, instead of Django's American defaults ("Nov. 25, 2026, 8:30 a.m."),
and months spelled out so that no date can be read two ways.
Only output formats: input formats stay Django's."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
# Short dates in tables spell the month ("1 Dec 2026"): "01/12/2026" reads as 12 January to
# an American reader and as 1 December to a Dutch one.
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
