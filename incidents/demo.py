"""Demo closure days of the support desk (part of ``seed_demo``)."""

from __future__ import annotations

import datetime as dt

from incidents.models import ClosureDay

CLOSURE_DAYS = {
    dt.date(2026, 12, 24): "Kerstavond",
    dt.date(2026, 12, 31): "Jaarafsluiting",
}


def seed() -> None:
    """Create or reset the demo closure days; safe to run again."""
    for day, reason in CLOSURE_DAYS.items():
        ClosureDay.objects.update_or_create(date=day, defaults={"reason": reason})
