"""/feedback/extra-support/: administrators request extra support outside working hours at
least five days ahead, billable unless First Class (R-CARE-2, R-ROLE-12, R-X-1/2/3)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import formats, timezone, translation

from accounts.roles import Role
from care.actions import first_allowed_start
from care.models import ExtraSupportRequest
from contacts.models import ServiceLevel
from tests.care.factories import make_extra_support
from tests.conftest import client_for
from tests.queries import queries_of

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
    return queries_of(client, URL)


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


# Outside opening hours (R-CARE-2) ------------------------------------------------------


def _next(weekday: int, *, after_days: int = 5) -> dt.date:
    """The first such weekday at least ``after_days`` ahead that is not a public holiday."""
    from incidents.calendar import public_holiday

    day = timezone.localdate() + dt.timedelta(days=after_days)
    while day.weekday() != weekday or public_holiday(day):
        day += dt.timedelta(days=1)
    return day


def _window(day: dt.date, start: str, end: str, **extra) -> dict:
    return {"starts_at": _local(day, start), "ends_at": _local(day, end),
            "description": "Migratie naar de nieuwe server", **extra}


def test_a_window_within_opening_hours_is_refused_naming_the_overlap__R_CARE_2(cast):
    tuesday = _next(1)
    data = _window(tuesday, "10:00", "12:00")
    response = client_for(cast.administrator.user).post(URL, data)
    assert response.status_code == 200
    assert not ExtraSupportRequest.objects.exists()
    with translation.override("nl"):
        day = formats.date_format(tuesday, "l j F")
    page = response.content.decode()
    assert f"{day.capitalize()} 10:00–12:00 valt binnen de openingstijden (08:30–17:00)" in page
    assert f'value="{data["starts_at"]}"' in page and "Migratie naar de nieuwe server" in page


def test_the_overlap_is_named_in_english_for_an_english_administrator__R_CARE_2_R_X_1(cast):
    cast.administrator.language = "en"
    cast.administrator.save()
    friday = _next(4)
    response = client_for(cast.administrator.user).post(URL, _window(friday, "15:00", "18:00"))
    with translation.override("en"):
        day = formats.date_format(friday, "l j F")
    assert (f"{day} 15:00–16:00 falls within opening hours (08:30–16:00)"
            in response.content.decode())


@pytest.mark.parametrize(("weekday", "start", "end"), [
    (5, "10:00", "14:00"),  # Saturday
    (1, "17:00", "21:00"),  # a Tuesday evening from closing time exactly
])
def test_a_window_outside_opening_hours_is_accepted_and_billable__R_CARE_2(
        cast, weekday, start, end):
    response = client_for(cast.administrator.user).post(URL, _window(_next(weekday), start, end))
    assert response.status_code == 302
    assert ExtraSupportRequest.objects.get().billable is True


def test_a_public_holiday_is_outside_opening_hours__R_CARE_2(cast):
    today = timezone.localdate()
    christmas = dt.date(today.year, 12, 25)
    if christmas < today + dt.timedelta(days=5):
        christmas = christmas.replace(year=today.year + 1)
    response = client_for(cast.administrator.user).post(URL, _window(christmas, "10:00",
                                                                     "12:00"))
    assert response.status_code == 302
    assert ExtraSupportRequest.objects.get().billable is True


def _outage(contact, incident_type: str = "outage"):
    from tests.incidents.factories import make_incident

    return make_incident(contact, "Niemand kan inloggen", incident_type=incident_type)


def test_an_outage_may_be_within_opening_hours_and_is_not_billable__R_CARE_2(cast):
    outage = _outage(cast.submitter)
    client = client_for(cast.administrator.user)
    response = client.post(URL, _window(_next(1), "10:00", "12:00",
                                        outage_number=f" #{outage.number} "))
    assert response.status_code == 302
    request = ExtraSupportRequest.objects.get()
    assert request.outage == outage and request.billable is False
    row = client.get(URL).content.decode().split(f'data-request="{request.pk}"')[1]
    assert f"Storing {outage.number}" in row.split("</tr>")[0]


@pytest.mark.parametrize("case", ["other-organisation", "unknown", "not-an-outage", "letters",
                                  "too-long", "nul"])
def test_a_wrong_incident_number_is_a_message_on_the_form_never_a_500__R_CARE_2_R_X_2(
        cast, case):
    from tests.factories import make_contact

    numbers = {
        "other-organisation": lambda: _outage(make_contact(
            cast.other_organisation, Role.SUBMIT_INCIDENTS, email="melder@other.example",
            created_at=timezone.now() - dt.timedelta(days=3 * 365))).number,
        "unknown": lambda: "99999999",
        "not-an-outage": lambda: _outage(cast.submitter, "fault").number,
        "letters": lambda: "storing",
        "too-long": lambda: "1" * 30,
        "nul": lambda: "1234\x005678",
    }
    data = _window(_next(1), "10:00", "12:00", outage_number=numbers[case]())
    response = client_for(cast.administrator.user).post(URL, data)
    assert response.status_code == 200
    assert "outage_number" in response.context["form"].errors
    assert not ExtraSupportRequest.objects.exists()
    assert "Migratie naar de nieuwe server" in response.content.decode()


def test_another_organisations_outage_answers_as_unknown__R_CARE_2_R_ROLE_14(cast):
    from tests.factories import make_contact

    theirs = _outage(make_contact(cast.other_organisation, Role.SUBMIT_INCIDENTS,
                                  email="melder@other.example",
                                  created_at=timezone.now() - dt.timedelta(days=3 * 365)))
    unknown = client_for(cast.administrator.user).post(URL, _window(
        _next(1), "10:00", "12:00", outage_number="99999999"))
    other = client_for(cast.administrator.user).post(URL, _window(
        _next(1), "10:00", "12:00", outage_number=theirs.number))
    assert (other.context["form"].errors["outage_number"]
            == [message.replace("99999999", theirs.number)
                for message in unknown.context["form"].errors["outage_number"]])


def test_a_broker_that_is_down_still_takes_the_request_and_the_sweep_emails_it__R_CARE_2_R_X_8(
        cast, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group
    from django.core import mail
    from kombu.exceptions import OperationalError

    from core.models import OutboxItem
    from core.outbox import sweep
    from tests.factories import make_user

    make_user("desk@test.example", is_staff=True).groups.add(Group.objects.get(name="Support"))
    with mock.patch("core.tasks.relay_outbox_item.apply_async",
                    side_effect=OperationalError("broker down")):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(cast.administrator.user).post(URL, _data(10))
    assert response.status_code == 302 and response["Location"] == URL
    assert ExtraSupportRequest.objects.exists() and mail.outbox == []
    assert OutboxItem.objects.filter(done_at__isnull=True).count() == 1
    assert sweep(now=timezone.now() + dt.timedelta(minutes=2)) == 1
    assert [message.to for message in mail.outbox] == [["desk@test.example"]]


@pytest.mark.parametrize(("who", "shown"), [("administrator", True), ("employee", False),
                                            ("submitter", False)])
def test_extra_support_is_reachable_from_the_support_menu_and_page__issue_14_R_CARE_2(
        cast, who, shown):
    client = client_for(getattr(cast, who).user)
    page = client.get("/support/").content.decode()
    assert ('data-testid="extra-support-link"' in page) == shown
    header = page.split("<main")[0]
    assert ('href="/feedback/extra-support/"' in header) == shown
