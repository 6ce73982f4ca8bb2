"""English date and time formats for a Dutch portal: day before month and a 24-hour clock,
as in the Dutch pages, instead of Django's American defaults ("Nov. 25, 2026, 8:30 a.m.").
Only output formats: input formats stay Django's."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
