from __future__ import annotations

import datetime as dt

import pytest

from incidents import demo
from incidents.hours import opening_hours_on
from incidents.models import ClosureDay

pytestmark = pytest.mark.django_db


def test_the_demo_closure_days_are_idempotent__R_INC_5():
    demo.seed()
    ClosureDay.objects.filter(date=dt.date(2026, 12, 31)).update(reason="changed")
    demo.seed()
    assert dict(ClosureDay.objects.values_list("date", "reason")) == demo.CLOSURE_DAYS
    assert opening_hours_on(dt.date(2026, 12, 31)) is None
