"""The hours-per-month bar chart of a project page, laid out here and drawn as SVG by the
template (R-CONS-2): no JavaScript or chart library, no inline styles (the CSP forbids them),
and a table beside it with the same numbers for screen readers and copying."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from .queries import MonthHours

# The drawing area in SVG user units; the SVG scales to the page's width.
PLOT_HEIGHT = 160
BAR_SLOT = 40
MARGIN_LEFT, MARGIN_TOP, MARGIN_BOTTOM = 44, 12, 36
# Axis steps that read well: 1, 2, 5, 10, 20, 25, 50, 100 … hours.
STEPS = (1, 2, 5, 10, 20, 25, 50)
MAX_TICKS = 5
# The SVG is shown this much larger than its user units (it shrinks to fit a narrow column).
DISPLAY_SCALE = 1.5
# With more months than this, only every n-th month gets a label so they do not overlap.
MAX_LABELS = 12


@dataclass(frozen=True)
class Bar:
    month: MonthHours
    x: float
    y: float
    width: float
    height: float
    label_x: float
    labelled: bool


@dataclass(frozen=True)
class Tick:
    hours: int
    y: float


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: int
    total: Decimal
    peak: MonthHours | None  # the month with the most hours

    @property
    def display_width(self) -> int:
        return round(self.width * DISPLAY_SCALE)

    @property
    def display_height(self) -> int:
        return round(self.height * DISPLAY_SCALE)


def _step(peak: Decimal) -> int:
    """The smallest readable step that needs at most ``MAX_TICKS`` ticks to reach ``peak``."""
    scale = 1
    while True:
        for step in STEPS:
            if math.ceil(peak / (step * scale)) <= MAX_TICKS:
                return step * scale
        scale *= 10


def hours_chart(months: list[MonthHours]) -> Chart:
    """Bars of the hours per month, scaled to the axis' top tick."""
    peak_month = max(months, key=lambda month: month.hours, default=None)
    peak = peak_month.hours if peak_month is not None else Decimal("0")
    step = _step(max(peak, Decimal("1")))
    top = step * max(1, math.ceil(peak / step))
    baseline = MARGIN_TOP + PLOT_HEIGHT
    every = math.ceil(len(months) / MAX_LABELS) or 1
    bars = []
    for index, month in enumerate(months):
        height = float(month.hours) / top * PLOT_HEIGHT
        x = MARGIN_LEFT + index * BAR_SLOT + BAR_SLOT * 0.2
        bars.append(Bar(month=month, x=x, y=baseline - height, width=BAR_SLOT * 0.6,
                        height=height, label_x=x + BAR_SLOT * 0.3,
                        labelled=index % every == 0))
    ticks = [Tick(hours=hours, y=baseline - hours / top * PLOT_HEIGHT)
             for hours in range(0, top + 1, step)]
    plot_right = MARGIN_LEFT + len(months) * BAR_SLOT
    return Chart(bars=bars, ticks=ticks, width=plot_right + 8,
                 height=baseline + MARGIN_BOTTOM, plot_left=MARGIN_LEFT,
                 plot_right=plot_right, baseline=baseline,
                 total=sum((month.hours for month in months), Decimal("0")),
                 peak=peak_month if peak > 0 else None)
