"""support_overview: what the support page shows, at a given moment (R-QUOTA-4, R-ROLE-6,
R-INC-10)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from incidents.models import OpeningException
from incidents.queries import support_overview

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONDAY_10 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=AMSTERDAM)


def test_a_submitter_gets_the_phone_number_and_no_administrators__R_ROLE_6(cast, settings):
    settings.SUPPORT_PHONE_NUMBER = "+31 88 000 1111"
    overview = support_overview(cast.submitter, MONDAY_10)
    assert overview.may_submit
    assert overview.phone_number == "+31 88 000 1111"
    assert overview.administrators == []


def test_a_contact_without_the_role_gets_the_administrators__R_ROLE_6(cast):
    overview = support_overview(cast.viewer, MONDAY_10)
    assert not overview.may_submit and overview.phone_number is None
    assert overview.administrators == [cast.administrator]
    assert not overview.may_assign_roles


def test_seats_count_holders_but_not_experts__R_QUOTA_1_R_QUOTA_4(cast):
    overview = support_overview(cast.expert, MONDAY_10)
    assert overview.certified_expert and overview.may_submit
    assert [holder.pk for holder in overview.seats.holders] == [cast.submitter.pk]
    assert overview.seats.in_use == 1


def test_today_and_the_schedule__R_INC_10(cast):
    overview = support_overview(cast.employee, MONDAY_10)
    assert overview.today.open_now
    assert overview.opens_in_days == 0
    assert [row.is_today for row in overview.schedule] == [True] + [False] * 6
    with translation.override("en"):
        assert [str(row.name) for row in overview.schedule][4:] == ["Friday", "Saturday", "Sunday"]
    assert overview.schedule[5].hours is None


def test_closed_until_next_week_counts_the_days__R_INC_10(cast):
    friday_evening = dt.datetime(2026, 3, 6, 18, 0, tzinfo=AMSTERDAM)
    assert support_overview(cast.employee, friday_evening).opens_in_days == 3


def test_upcoming_closures_leave_out_today_and_weekends__R_INC_5(cast):
    OpeningException.objects.create(date=dt.date(2026, 3, 2), reason="Vandaag")
    OpeningException.objects.create(date=dt.date(2026, 3, 7), reason="Zaterdag")
    OpeningException.objects.create(date=dt.date(2026, 3, 10), reason="Studiedag")
    OpeningException.objects.create(date=dt.date(2026, 6, 1), reason="Te ver weg")
    with translation.override("nl"):
        overview = support_overview(cast.employee, MONDAY_10)
    # Six weeks ahead: up to 13 April, so Easter is in and June is not.
    assert overview.upcoming_closures == [(dt.date(2026, 3, 10), "Studiedag"),
                                          (dt.date(2026, 4, 3), "Goede vrijdag"),
                                          (dt.date(2026, 4, 6), "Tweede paasdag")]
    assert overview.today.reason_closed == "Vandaag"
