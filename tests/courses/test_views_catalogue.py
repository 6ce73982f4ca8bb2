"""/courses/: the catalogue for every contact (R-ROLE-2, R-COURSE-1, R-GATE-2, R-X-1/2/3)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from courses.actions import enrol
from courses.models import Event, Level
from tests.conftest import client_for
from tests.courses.factories import make_blocked_submitter, make_course, make_event
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

URL = "/courses/"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _courses(response) -> list[str]:
    return [course.title for course in response.context["page"].object_list]


def _dated(event: Event, start: dt.datetime) -> Event:
    event.starts_at, event.ends_at = start, start + dt.timedelta(hours=7)
    event.save()
    return event


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["no_role", "employee", "administrator", "submitter",
                                 "viewer", "expert", "other_administrator", "partner"])
def test_every_contact_sees_the_catalogue_and_may_enrol__R_ROLE_2(cast, who):
    event = make_event(make_course("Profit Financieel: de basis"))
    response = client_for(getattr(cast, who).user).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Profit Financieel: de basis" in page
    assert f'action="/courses/events/{event.pk}/enrol/"' in page


def test_it_lists_active_courses_with_upcoming_open_events__R_COURSE_1(cast):
    course = make_course("Basis")
    upcoming = make_event(course, days=3)
    past = make_event(course, days=-3)
    cancelled = make_event(course, days=4, is_cancelled=True)
    make_course("Uit het aanbod", is_active=False)
    make_course("Nog niet gepland")
    response = client_for(cast.employee.user).get(URL)
    page = response.content.decode()
    assert _courses(response) == ["Basis", "Nog niet gepland"]
    assert f'data-event="{upcoming.pk}"' in page
    assert f'data-event="{past.pk}"' not in page and f'data-event="{cancelled.pk}"' not in page
    assert 'data-testid="no-events"' in page  # the course without events says so


def test_it_marks_starter_courses_and_shows_the_level(cast):
    make_course("Startcursus CRM", level=Level.STARTER, is_starter=True)
    make_course("Koppelingen", level=Level.EXPERT)
    page = client_for(cast.employee.user).get(URL).content.decode()
    assert page.count('data-testid="starter"') == 1
    assert "Startcursus" in page  # the badge, in Dutch
    assert 'data-level="expert"' in page


def test_it_shows_date_place_or_online_and_seats_left__R_COURSE_1(cast):
    course = make_course("Basis")
    _dated(make_event(course, capacity=12, location="Leusden"),
           dt.datetime(2027, 3, 2, 9, 0, tzinfo=AMSTERDAM))
    _dated(make_event(course, online=True, location=""),
           dt.datetime(2027, 3, 9, 13, 30, tzinfo=AMSTERDAM))
    page = client_for(cast.employee.user).get(URL).content.decode()
    assert "dinsdag 2 maart 2027, 09:00–16:00" in page  # Amsterdam time, in Dutch
    assert "Leusden" in page and "Online" in page
    assert "12 van 12 plaatsen vrij" in page


def test_a_full_event_offers_the_waiting_list__R_COURSE_1(cast):
    event = make_event(make_course("Vol"), capacity=1)
    enrol(contact=cast.employee, event=event)
    page = client_for(cast.viewer.user).get(URL).content.decode()
    assert "Vol — wachtlijst" in page
    assert "Zet me op de wachtlijst" in page  # the button
    assert f'action="/courses/events/{event.pk}/enrol/"' in page


def test_it_shows_your_own_status_instead_of_the_button__R_COURSE_1(cast):
    event = make_event(capacity=1)
    enrol(contact=cast.employee, event=event)
    enrol(contact=cast.viewer, event=event)
    enrol(contact=cast.no_role, event=event)
    enrolled = client_for(cast.employee.user).get(URL).content.decode()
    assert "Je bent ingeschreven" in enrolled
    assert f'action="/courses/events/{event.pk}/enrol/"' not in enrolled
    waiting = client_for(cast.no_role.user).get(URL).content.decode()
    assert "Op de wachtlijst: nummer 2" in waiting


def test_buttons_name_the_course_and_date_for_screen_readers__R_X_4(cast):
    course = make_course("Basis")
    _dated(make_event(course), dt.datetime(2027, 3, 2, 9, 0, tzinfo=AMSTERDAM))
    _dated(make_event(course), dt.datetime(2027, 3, 9, 9, 0, tzinfo=AMSTERDAM))
    page = client_for(cast.employee.user).get(URL).content.decode()
    assert '<span class="visually-hidden">: Basis, dinsdag 2 maart 2027, 09:00–16:00</span>' in page
    assert '<span class="visually-hidden">: Basis, dinsdag 9 maart 2027, 09:00–16:00</span>' in page
    assert "<caption" in page and 'scope="col"' in page and 'scope="row"' in page


@pytest.mark.parametrize(("level", "expected"), [
    ("starter", ["Start"]),
    ("expert", ["Expert"]),
    ("", ["Start", "Basis", "Expert"]),
])
def test_it_filters_by_level(cast, level, expected):
    make_course("Start", level=Level.STARTER, is_starter=True)
    make_course("Basis", level=Level.BASIC)
    make_course("Expert", level=Level.EXPERT)
    response = client_for(cast.employee.user).get(URL, {"level": level})
    assert response.status_code == 200
    assert _courses(response) == expected


@pytest.mark.parametrize("query", [
    {"level": "bogus"}, {"level": "<script>"}, {"level": "STARTER"}, {"page": "abc"},
    {"page": "-1"}, {"page": "999999"}, {"level": "x" * 5000}, {"level": "basic\x00"},
])
def test_bad_filter_values_give_200_not_500__R_X_2(cast, query):
    make_course("Basis", level=Level.BASIC)
    response = client_for(cast.employee.user).get(URL, query)
    assert response.status_code == 200
    assert _courses(response) == ["Basis"]


def test_a_bad_level_is_explained(cast):
    page = client_for(cast.employee.user).get(URL, {"level": "bogus"}).content.decode()
    assert 'id="level-error"' in page and "alle cursussen" in page


def test_it_paginates_and_keeps_the_filter(cast):
    for number in range(12):
        make_course(f"Cursus {number:02d}", level=Level.ADVANCED)
    client = client_for(cast.employee.user)
    first = client.get(URL, {"level": "advanced"})
    assert len(first.context["page"].object_list) == 10
    assert "?level=advanced&amp;page=2" in first.content.decode()
    second = client.get(URL, {"level": "advanced", "page": 2})
    assert _courses(second) == ["Cursus 10", "Cursus 11"]


def test_a_blocked_submitter_is_told_which_starter_course_to_pass__R_GATE_2(cast):
    contact, starter = make_blocked_submitter(cast.organisation, email="nieuw@test.example")
    make_event(starter)
    page = client_for(contact.user).get(URL).content.decode()
    assert 'data-testid="gate"' in page
    assert "startcursus ‘Startcursus Financieel’ hebt gehaald met minimaal een 7,0" in page
    assert f'href="/courses/?level=starter#course-{starter.pk}"' in page
    assert f'id="course-{starter.pk}"' in page  # the link's target is on the page


def test_others_see_no_gate_notice(cast):
    make_blocked_submitter(cast.organisation)
    for contact in (cast.employee, cast.submitter, cast.no_role):
        assert 'data-testid="gate"' not in client_for(contact.user).get(URL).content.decode()


def test_it_is_in_english_for_an_english_contact__R_X_1(cast):
    cast.employee.language = "en"
    cast.employee.save()
    course = make_course("Basis")
    full = _dated(make_event(course, capacity=1), dt.datetime(2027, 3, 2, 9, tzinfo=AMSTERDAM))
    enrol(contact=cast.viewer, event=full)
    make_event(course, online=True, capacity=3)
    page = client_for(cast.employee.user).get(URL).content.decode()
    assert "<h1 class=\"h2 mb-0\">Courses</h1>" in page
    assert "Tuesday 2 March 2027, 09:00–16:00" in page
    assert "Full — waiting list" in page and "Join the waiting list" in page
    assert "3 of 3 seats free" in page and " Enrol<span" in page


def _queries(client) -> int:
    return queries_of(client, URL)


def test_query_count_is_the_same_for_1_and_50_courses_events_and_enrolments__R_X_3(cast):
    client = client_for(cast.employee.user)

    def add_course(number: int) -> None:
        course = make_course(f"Cursus {number:02d}")
        event = make_event(course, capacity=1)
        enrol(contact=cast.employee, event=event)
        enrol(contact=cast.viewer, event=event)

    add_course(0)
    one = _queries(client)
    for number in range(1, 50):
        add_course(number)
    crowded = make_course("Aaa veel data")  # first on the page
    for _ in range(50):
        enrol(contact=cast.employee, event=make_event(crowded))
    assert _queries(client) == one
