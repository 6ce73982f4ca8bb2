"""/feedback/extra-support/: administrators request extra support outside working hours at
least five days ahead, billable unless First Class (R-CARE-2, R-ROLE-12, R-X-1/2/3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation

from care.actions import first_allowed_start
from care.models import ExtraSupportRequest
from contacts.models import ServiceLevel
from tests.care.factories import make_extra_support
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

URL = "/feedback/extra-support/"


def _local(day: dt.date, time: str) -> str:
    return f"{day:%Y-%m-%d}T{time}"


def _data(days: int, *, start: str = "18:00", end: str = "22:00", end_days: int | None = None,
          description: str = "Migratie naar de nieuwe server") -> dict:
    today = timezone.localdate()
    end_day = today + dt.timedelta(days=days if end_days is None else end_days)
    return {"starts_at": _local(today + dt.timedelta(days=days), start),
            "ends_at": _local(end_day, end), "description": description}


def test_it_requires_login(client):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize(("who", "status"), [
    ("administrator", 200), ("employee", 403), ("submitter", 403), ("viewer", 403),
    ("no_role", 403), ("expert", 403),
])
def test_only_administrators__R_ROLE_12(cast, who, status):
    assert client_for(getattr(cast, who).user).get(URL).status_code == status
    assert client_for(getattr(cast, who).user).post(URL, _data(10)).status_code in (302, 403)
    assert ExtraSupportRequest.objects.exists() == (status == 200)


def test_a_request_five_days_ahead_is_accepted_and_billable__R_CARE_2(cast):
    client = client_for(cast.administrator.user)
    response = client.post(URL, _data(5))
    assert response.status_code == 302 and response["Location"] == URL
    request = ExtraSupportRequest.objects.get()
    assert timezone.localtime(request.starts_at).hour == 18
    assert request.billable and request.requested_by == cast.administrator
    page = client.get(URL).content.decode()
    assert "We hebben je aanvraag voor extra ondersteuning ontvangen" in page
    row = page.split(f'data-request="{request.pk}"')[1].split("</tr>")[0]
    assert "Migratie naar de nieuwe server" in row
    assert 'data-status="requested"' in row and "Aangevraagd" in row and "Ja" in row


@pytest.mark.parametrize("days", [0, 1, 4, -3])
def test_a_request_under_five_days_ahead_is_refused_naming_the_first_date__R_CARE_2(
        cast, days):
    client = client_for(cast.administrator.user)
    data = _data(days, description="Jaarafsluiting")
    response = client.post(URL, data)
    assert response.status_code == 200
    assert not ExtraSupportRequest.objects.exists()
    with translation.override("nl"):
        first = formats.date_format(first_allowed_start(), "l j F Y")
    page = response.content.decode()
    assert f"de eerste datum die je kunt kiezen is {first}" in page
    assert f'value="{data["starts_at"]}"' in page  # what was typed is kept
    assert "Jaarafsluiting" in page


def test_a_first_class_organisation_is_not_charged__R_CARE_2(cast):
    cast.organisation.service_level = ServiceLevel.FIRST_CLASS
    cast.organisation.save()
    client = client_for(cast.administrator.user)
    assert "betaal je niet voor extra ondersteuning" in client.get(URL).content.decode()
    client.post(URL, _data(7))
    assert ExtraSupportRequest.objects.get().billable is False


@pytest.mark.parametrize("data", [
    {},
    {"starts_at": "morgen", "ends_at": "overmorgen", "description": "x"},
    {"starts_at": "2026-13-45T25:61", "ends_at": "2026-13-45T26:00", "description": "x"},
    {"starts_at": "9999-12-31T23:59", "ends_at": "9999-12-31T23:59", "description": "x"},
    {"starts_at": "0001-01-01T00:00", "ends_at": "0001-01-01T01:00", "description": "x"},
    "end-before-start", "too-long-window", "too-far", "long-description", "dst-gap",
])
def test_bad_input_never_500_and_is_kept__R_X_2(cast, data):
    if data == "end-before-start":
        data = _data(10, start="22:00", end="18:00")
    elif data == "too-long-window":
        data = _data(10, end_days=20)
    elif data == "too-far":
        data = _data(400)
    elif data == "long-description":
        data = _data(10, description="x" * 2001)
    elif data == "dst-gap":  # 02:30 on the last Sunday of March does not exist in Amsterdam
        data = {"starts_at": "2027-03-28T02:30", "ends_at": "2027-03-28T05:00",
                "description": "x"}
    response = client_for(cast.administrator.user).post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ExtraSupportRequest.objects.exists()


def test_it_lists_only_the_organisations_requests__R_CARE_2(cast):
    mine = make_extra_support(cast.administrator, description="Onze migratie")
    make_extra_support(cast.other_administrator, description="Hun migratie")
    page = client_for(cast.administrator.user).get(URL).content.decode()
    assert "Onze migratie" in page and "Hun migratie" not in page
    assert f'data-request="{mine.pk}"' in page


def test_it_is_in_english_for_an_english_administrator__R_X_1(cast):
    cast.administrator.language = "en"
    cast.administrator.save()
    page = client_for(cast.administrator.user).get(URL).content.decode()
    assert "Extra support outside working hours" in page
    assert "The earliest start you can choose now" in page
    response = client_for(cast.administrator.user).post(URL, _data(2))
    with translation.override("en"):
        first = formats.date_format(first_allowed_start(), "l j F Y")
    assert f"the first date you can choose is {first}" in response.content.decode()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_1_and_50_requests__R_X_3(cast):
    client = client_for(cast.administrator.user)
    make_extra_support(cast.administrator)
    one = _queries(client)
    for number in range(49):
        make_extra_support(cast.administrator, days=6 + number)
    assert _queries(client) == one


def test_nul_characters_are_refused_not_500__R_X_2(cast):
    data = _data(10, description="a\x00b")
    data["starts_at"] += "\x00"
    response = client_for(cast.administrator.user).post(URL, data)
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not ExtraSupportRequest.objects.exists()
