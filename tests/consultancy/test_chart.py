"""The hours-per-month chart's layout (R-CONS-2): bars in proportion to a readable axis."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from consultancy.chart import PLOT_HEIGHT, hours_chart
from consultancy.queries import MonthHours


def _months(*hours: str) -> list[MonthHours]:
    return [MonthHours(dt.date(2026, 1 + index, 1), Decimal(value))
            for index, value in enumerate(hours)]


@pytest.mark.parametrize(("hours", "ticks"), [
    (("3",), [0, 1, 2, 3]),
    (("0.5",), [0, 1]),
    (("7", "2"), [0, 2, 4, 6, 8]),
    (("31.5", "12"), [0, 10, 20, 30, 40]),
    (("120",), [0, 25, 50, 75, 100, 125]),
    (("480",), [0, 100, 200, 300, 400, 500]),
])
def test_the_axis_has_readable_steps_up_to_the_peak__R_CONS_2(hours, ticks):
    chart = hours_chart(_months(*hours))
    assert [tick.hours for tick in chart.ticks] == ticks
    assert chart.ticks[0].y == chart.baseline
    assert chart.ticks[-1].y == pytest.approx(chart.baseline - PLOT_HEIGHT)


def test_bars_are_in_proportion_and_empty_months_are_flat__R_CONS_2():
    chart = hours_chart(_months("20", "0", "5"))
    assert [bar.height for bar in chart.bars] == [PLOT_HEIGHT, 0, PLOT_HEIGHT / 4]
    assert all(bar.y + bar.height == pytest.approx(chart.baseline) for bar in chart.bars)
    assert [bar.x for bar in chart.bars] == sorted(bar.x for bar in chart.bars)
    assert chart.total == Decimal("25") and chart.peak.month == dt.date(2026, 1, 1)
    assert chart.bars[-1].x + chart.bars[-1].width < chart.plot_right <= chart.width


def test_nothing_booked_has_no_peak():
    chart = hours_chart(_months("0", "0"))
    assert chart.peak is None and chart.total == 0
    assert all(bar.height == 0 for bar in chart.bars)


def test_a_long_project_labels_at_most_twelve_months():
    months = [MonthHours(dt.date(2020 + index // 12, index % 12 + 1, 1), Decimal("1"))
              for index in range(40)]
    labelled = [bar for bar in hours_chart(months).bars if bar.labelled]
    assert len(labelled) <= 12 and labelled[0].month == months[0]
