"""POST /courses/events/<pk>/enrol/: enrol, or join the waiting list of a full event
(R-ROLE-2, R-COURSE-1, R-X-2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from courses.actions import enrol
from courses.models import Enrolment
from tests.conftest import client_for
from tests.courses.factories import make_course, make_event

pytestmark = pytest.mark.django_db


def url(event) -> str:
    return f"/courses/events/{event.pk}/enrol/"


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_it_requires_login(client):
    event = make_event()
    response = client.post(url(event))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Enrolment.objects.exists()


def test_get_is_not_allowed(cast):
    assert client_for(cast.employee.user).get(url(make_event())).status_code == 405


@pytest.mark.parametrize("who", ["no_role", "employee", "administrator", "submitter",
                                 "viewer", "expert", "other_administrator", "partner"])
def test_every_contact_may_enrol__R_ROLE_2(cast, who):
    event = make_event(make_course("Basis"))
    contact = getattr(cast, who)
    response = client_for(contact.user).post(url(event), {"next": "/courses/?level=basic"})
    assert response.status_code == 302
    assert response["Location"] == "/courses/?level=basic"
    assert Enrolment.objects.get(event=event).contact == contact
    assert Enrolment.objects.get(event=event).status == "enrolled"
    [message] = _messages(response)
    assert message.startswith("Je bent ingeschreven voor Basis op ")


def test_staff_without_contact_may_not(cast):
    assert client_for(cast.staff).post(url(make_event())).status_code == 403
    assert not Enrolment.objects.exists()


def test_a_full_event_puts_you_on_the_waiting_list_with_your_number__R_COURSE_1(cast):
    event = make_event(make_course("Vol"), capacity=1)
    enrol(contact=cast.employee, event=event)
    enrol(contact=cast.viewer, event=event)
    response = client_for(cast.no_role.user).post(url(event))
    assert Enrolment.objects.get(contact=cast.no_role).status == "waiting"
    [message] = _messages(response)
    assert message.startswith("De cursus is vol: je bent nummer 2 op de wachtlijst voor Vol op ")
    assert response["Location"] == "/courses/"  # no next: back to the catalogue


def test_enrolling_twice_says_so_and_changes_nothing(cast):
    event = make_event(make_course("Basis"), capacity=1)
    client = client_for(cast.employee.user)
    client.post(url(event))
    response = client.post(url(event))
    assert _messages(response)[-1].startswith("Je bent al ingeschreven voor Basis op ")
    waiting = client_for(cast.viewer.user)
    waiting.post(url(event))
    response = waiting.post(url(event))
    assert _messages(response)[-1].endswith(": je bent nummer 1.")
    assert Enrolment.objects.filter(event=event).count() == 2


@pytest.mark.parametrize("closed", ["started", "cancelled"])
def test_a_started_or_cancelled_event_is_refused__R_COURSE_1(cast, closed):
    if closed == "started":
        event = make_event(make_course("Basis"), days=-0.01)
    else:
        event = make_event(make_course("Basis"), is_cancelled=True)
    response = client_for(cast.employee.user).post(url(event))
    assert response.status_code == 302
    [message] = _messages(response)
    assert "de cursus is al begonnen of gaat niet door" in message
    assert not Enrolment.objects.exists()


def test_unknown_or_withdrawn_events_are_404__R_X_2(cast):
    client = client_for(cast.employee.user)
    assert client.post("/courses/events/999999/enrol/").status_code == 404
    assert client.post("/courses/events/abc/enrol/").status_code == 404
    withdrawn = make_event(make_course(is_active=False))
    assert client.post(url(withdrawn)).status_code == 404
    assert not Enrolment.objects.exists()


def test_a_foreign_next_is_ignored(cast):
    response = client_for(cast.employee.user).post(url(make_event()),
                                                   {"next": "https://evil.example/"})
    assert response["Location"] == "/courses/"


def test_the_message_is_in_english_for_an_english_contact__R_X_1(cast):
    cast.employee.language = "en"
    cast.employee.save()
    event = make_event(make_course("Basics"), capacity=1)
    start = timezone.make_aware(dt.datetime(2027, 3, 2, 9, 0))
    event.starts_at, event.ends_at = start, start + dt.timedelta(hours=7)
    event.save()
    enrol(contact=cast.viewer, event=event)
    response = client_for(cast.employee.user).post(url(event))
    assert _messages(response) == [
        "The event is full: you are number 1 on the waiting list for Basics on 2 March 2027, "
        "09:00. When a seat becomes free, it is yours and we email you."]
