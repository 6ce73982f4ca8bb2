"""English pages show dates no reader can take for another day (issue 14): the month is
spelled out, the day comes first and the clock has 24 hours, in tables too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import formats, translation

MOMENT = dt.datetime(2026, 12, 1, 14, 5)


@pytest.mark.parametrize(("name", "english", "dutch"), [
    ("DATE_FORMAT", "1 December 2026", "1 december 2026"),
    ("SHORT_DATE_FORMAT", "1 Dec 2026", "1-12-2026"),
    ("DATETIME_FORMAT", "1 December 2026, 14:05", None),
    ("SHORT_DATETIME_FORMAT", "1 Dec 2026, 14:05", None),
])
def test_dates_cannot_be_read_two_ways(name, english, dutch):
    with translation.override("en"):
        assert formats.date_format(MOMENT, name) == english
    if dutch is not None:
        with translation.override("nl"):
            assert formats.date_format(MOMENT, name) == dutch
