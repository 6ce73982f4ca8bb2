"""Support staff keep the closure days in the admin (R-INC-5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from incidents.calendar import SupportCalendar
from incidents.models import OpeningException
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_support_staff_add_a_closure_day_that_closes_the_desk__R_INC_5(cast):
    cast.staff.groups.add(Group.objects.get(name="Support"))
    client = client_for(cast.staff)
    assert client.get("/admin/incidents/openingexception/").status_code == 200
    response = client.post("/admin/incidents/openingexception/add/",
                           {"date": "2026-12-31", "reason": "Jaarafsluiting"})
    assert response.status_code == 302
    assert SupportCalendar().closed_reason(dt.date(2026, 12, 31)) == "Jaarafsluiting"


def test_a_date_can_be_closed_only_once__R_INC_5(cast):
    cast.staff.groups.add(Group.objects.get(name="Support"))
    OpeningException.objects.create(date=dt.date(2026, 12, 31), reason="Jaarafsluiting")
    response = client_for(cast.staff).post("/admin/incidents/openingexception/add/",
                                           {"date": "2026-12-31", "reason": "Nog een keer"})
    assert response.status_code == 200  # the form again, with the error
    assert OpeningException.objects.count() == 1


def test_customer_care_cannot_change_closure_days(cast):
    cast.staff.groups.add(Group.objects.get(name="Customer Care"))
    assert client_for(cast.staff).get("/admin/incidents/openingexception/").status_code == 403
