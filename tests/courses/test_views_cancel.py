"""/courses/enrolments/<pk>/cancel/ (GET confirms, POST cancels): cancel one's own
enrolment or leave the waiting list; a freed seat goes to the first in line, who is
emailed (R-COURSE-1, R-ROLE-14)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import timezone

from courses.actions import enrol
from courses.models import Enrolment, Event
from tests.conftest import client_for
from tests.courses.factories import make_course, make_event

pytestmark = pytest.mark.django_db


def url(enrolment) -> str:
    return f"/courses/enrolments/{enrolment.pk}/cancel/"


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _status(enrolment) -> str:
    return Enrolment.objects.get(pk=enrolment.pk).status


def test_it_requires_login(client, cast):
    enrolment = enrol(contact=cast.employee, event=make_event())
    response = client.post(url(enrolment))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert _status(enrolment) == "enrolled"


def test_get_asks_to_confirm_and_changes_nothing(cast):
    """Confirm before an irreversible click (issue 14): the link opens a page with a form
    that cancels, without JavaScript."""
    enrolment = enrol(contact=cast.employee, event=make_event(make_course("Basis")))
    response = client_for(cast.employee.user).get(url(enrolment), {"next": "/courses/mine/"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="confirm-cancel"' in page and "Basis" in page
    assert '<form method="post"' in page and 'name="next" value="/courses/mine/"' in page
    assert _status(enrolment) == "enrolled"


def test_the_confirmation_says_the_seat_goes_to_the_first_in_line__R_COURSE_1(cast):
    event = make_event(make_course("Basis"), capacity=1)
    seat = enrol(contact=cast.employee, event=event)
    enrol(contact=cast.administrator, event=event)
    enrol(contact=cast.submitter, event=event)
    page = client_for(cast.employee.user).get(url(seat)).content.decode()
    assert 'data-testid="seat-goes"' in page and "2 " in page
    waiting = Enrolment.objects.get(event=event, contact=cast.submitter)
    page = client_for(cast.submitter.user).get(url(waiting)).content.decode()
    assert 'data-testid="seat-goes"' not in page


def test_the_confirmation_of_a_started_event_offers_no_button(cast):
    enrolment = enrol(contact=cast.employee, event=make_event())
    Event.objects.filter(pk=enrolment.event_id).update(
        starts_at=timezone.now() - dt.timedelta(hours=1))
    page = client_for(cast.employee.user).get(url(enrolment)).content.decode()
    assert '<form method="post" class' not in page


def test_a_foreign_next_on_the_confirmation_goes_nowhere_else(cast):
    enrolment = enrol(contact=cast.employee, event=make_event())
    page = client_for(cast.employee.user).get(
        url(enrolment), {"next": "https://evil.example/"}).content.decode()
    assert 'value="https://evil.example/"' not in page and 'href="https://evil' not in page
    assert 'name="next" value="/courses/mine/"' in page


def test_the_confirmation_of_a_colleagues_enrolment_is_404__R_ROLE_14(cast):
    enrolment = enrol(contact=cast.employee, event=make_event())
    assert client_for(cast.administrator.user).get(url(enrolment)).status_code == 404


def test_cancelling_your_enrolment(cast):
    enrolment = enrol(contact=cast.employee, event=make_event(make_course("Basis")))
    response = client_for(cast.employee.user).post(url(enrolment), {"next": "/courses/mine/"})
    assert response.status_code == 302 and response["Location"] == "/courses/mine/"
    assert _status(enrolment) == "cancelled"
    [message] = _messages(response)
    assert message.startswith("Je inschrijving voor Basis op ") and "geannuleerd" in message


def test_a_freed_seat_goes_to_the_first_in_line_who_is_emailed__R_COURSE_1(
    cast, django_capture_on_commit_callbacks
):
    event = make_event(make_course("Basis"), capacity=1)
    seat = enrol(contact=cast.employee, event=event)
    first = enrol(contact=cast.viewer, event=event)
    second = enrol(contact=cast.no_role, event=event)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.employee.user).post(url(seat))
    assert (_status(seat), _status(first), _status(second)) == ("cancelled", "enrolled",
                                                                "waiting")
    assert [message.to for message in mail.outbox] == [[cast.viewer.user.email]]
    page = client_for(cast.no_role.user).get("/courses/mine/").content.decode()
    assert "Op de wachtlijst: nummer 1" in page  # moved up


def test_leaving_the_waiting_list(cast):
    event = make_event(make_course("Basis"), capacity=1)
    enrol(contact=cast.employee, event=event)
    waiting = enrol(contact=cast.viewer, event=event)
    response = client_for(cast.viewer.user).post(url(waiting))
    assert _status(waiting) == "cancelled"
    assert _messages(response)[0].startswith("Je staat niet meer op de wachtlijst voor Basis")
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["administrator", "viewer", "other_administrator"])
def test_anyone_elses_enrolment_is_404__R_ROLE_14(cast, who):
    """Also the organisation's administrator: cancelling is the contact's own business."""
    enrolment = enrol(contact=cast.employee, event=make_event())
    response = client_for(getattr(cast, who).user).post(url(enrolment))
    assert response.status_code == 404
    assert _status(enrolment) == "enrolled"


def test_bad_ids_are_404__R_X_2(cast):
    client = client_for(cast.employee.user)
    assert client.post("/courses/enrolments/999999/cancel/").status_code == 404
    assert client.post("/courses/enrolments/-1/cancel/").status_code == 404
    assert client.post("/courses/enrolments/x/cancel/").status_code == 404


def test_a_started_event_can_no_longer_be_cancelled(cast):
    event = make_event(make_course("Basis"))
    enrolment = enrol(contact=cast.employee, event=event)
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(starts_at=now - dt.timedelta(hours=1),
                                             ends_at=now + dt.timedelta(hours=6))
    response = client_for(cast.employee.user).post(url(enrolment))
    assert _status(enrolment) == "enrolled"
    assert "niet meer annuleren: de cursus is al begonnen" in _messages(response)[0]


def test_cancelling_twice_is_harmless(cast):
    enrolment = enrol(contact=cast.employee, event=make_event())
    client = client_for(cast.employee.user)
    client.post(url(enrolment))
    assert client.post(url(enrolment)).status_code == 302
    assert _status(enrolment) == "cancelled"
