"""Demo data of the organisation-details checks (R-CARE-3), part of ``seed_demo``: for the
latest configured period Demo BV has confirmed its details and Andere BV has an open request."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from contacts.checks import period_of
from contacts.models import Organisation, OrganisationCheck

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def last_requested_at(today: dt.date) -> dt.datetime:
    """09:00 on the 1st of the latest configured month on or before ``today``."""
    year, month = today.year, today.month
    while month not in settings.ORGANISATION_CHECK_MONTHS:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return dt.datetime(year, month, 1, 9, 0, tzinfo=AMSTERDAM)


def seed() -> None:
    """Create or reset the demo checks; safe to run again."""
    requested_at = last_requested_at(timezone.localdate())
    period = period_of(requested_at)
    OrganisationCheck.objects.update_or_create(
        organisation=Organisation.objects.get(name="Demo BV"), period=period,
        defaults={"requested_at": requested_at,
                  "confirmed_at": requested_at + dt.timedelta(days=2, hours=1, minutes=17),
                  "confirmed_by": User.objects.get(email="beheerder@demo.example")},
    )
    OrganisationCheck.objects.update_or_create(
        organisation=Organisation.objects.get(name="Andere BV"), period=period,
        defaults={"requested_at": requested_at, "confirmed_at": None, "confirmed_by": None},
    )
