"""/courses/mine/: own enrolments, waiting-list places, results and material; the
organisation's enrolments and results for administrators (R-ROLE-2/3, R-COURSE-1/2/3,
R-GATE-2, R-X-1/2/3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone

from accounts.roles import Role
from courses.actions import enrol
from courses.models import Event
from tests.conftest import client_for
from tests.courses.factories import (
    make_blocked_submitter, make_course, make_event, make_material_file, make_material_link,
    make_result,
)
from tests.factories import make_contact
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

URL = "/courses/mine/"


def _get(contact, query=None):
    response = client_for(contact.user).get(URL, query or {})
    assert response.status_code == 200
    return response


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["no_role", "employee", "administrator", "submitter",
                                 "viewer", "expert", "other_administrator", "partner"])
def test_every_contact_sees_their_own_enrolments_and_results__R_ROLE_2(cast, who):
    contact = getattr(cast, who)
    course = make_course("Basis")
    enrol(contact=contact, event=make_event(course))
    make_result(contact, course, "8.0")
    page = _get(contact).content.decode()
    assert 'data-testid="my-enrolments"' in page and 'data-testid="my-results"' in page
    assert "Basis" in page and "8,0" in page


def test_it_shows_status_waiting_position_and_cancel_buttons__R_COURSE_1(cast):
    event = make_event(make_course("Vol"), capacity=1)
    enrol(contact=cast.employee, event=event)
    enrol(contact=cast.viewer, event=event)
    waiting = enrol(contact=cast.no_role, event=event)
    response = _get(cast.no_role)
    page = response.content.decode()
    assert [e.pk for e in response.context["enrolments"]] == [waiting.pk]
    assert 'data-status="waiting"' in page and "Op de wachtlijst: nummer 2" in page
    assert f'href="/courses/enrolments/{waiting.pk}/cancel/?next=' in page  # confirms first
    assert "Van de wachtlijst af" in page
    seated = _get(cast.employee).content.decode()
    assert 'data-status="enrolled"' in seated and "Inschrijving annuleren" in seated


def test_it_shows_only_your_own_enrolments(cast):
    event = make_event(make_course("Basis"))
    enrol(contact=cast.viewer, event=event)
    other = enrol(contact=cast.other_administrator, event=event)
    response = _get(cast.employee)
    assert response.context["enrolments"] == []
    assert 'data-testid="no-enrolments"' in response.content.decode()
    assert f"/courses/enrolments/{other.pk}/cancel/" not in _get(cast.viewer).content.decode()


def test_a_started_or_cancelled_event_has_no_cancel_button(cast):
    running = make_event(make_course("Loopt"))
    enrolment = enrol(contact=cast.employee, event=running)
    now = timezone.now()
    Event.objects.filter(pk=running.pk).update(starts_at=now - dt.timedelta(hours=1),
                                               ends_at=now + dt.timedelta(hours=6))
    called_off = make_event(make_course("Gaat niet door"))
    other = enrol(contact=cast.employee, event=called_off)
    Event.objects.filter(pk=called_off.pk).update(is_cancelled=True)
    page = _get(cast.employee).content.decode()
    assert "Is begonnen" in page and "Gaat niet door" in page
    assert f"/courses/enrolments/{enrolment.pk}/cancel/" not in page
    assert f"/courses/enrolments/{other.pk}/cancel/" not in page


@override_settings(COURSE_PASSING_GRADE=Decimal("5.5"))
def test_results_show_grade_and_passed_or_not__R_COURSE_2(cast):
    make_result(cast.employee, make_course("Gehaald"), "5.5")
    make_result(cast.employee, make_course("Niet gehaald"), "5.4")
    make_result(cast.viewer, make_course("Van een collega"), "9.0")
    page = _get(cast.employee).content.decode()
    assert "5,5" in page and "5,4" in page and "9,0" not in page
    assert page.count('data-passed="yes"') == 1 and page.count('data-passed="no"') == 1


def test_material_of_your_courses_for_an_employee__R_COURSE_3(cast):
    course = make_course("Met materiaal")
    enrol(contact=cast.employee, event=make_event(course))
    file = make_material_file(course, "Werkboek")
    make_material_link(course, "Video", url="https://video.example/les-1")
    make_material_file(make_course("Anders"), "Niet voor jou")
    page = _get(cast.employee).content.decode()
    assert f'href="/courses/material/{file.pk}/"' in page
    assert ('<a href="https://video.example/les-1" target="_blank" rel="noopener noreferrer">'
            'Video<span class="visually-hidden"> (opent in een nieuw tabblad)</span></a>') in page
    assert "Niet voor jou" not in page


def test_no_material_without_employee_or_without_a_seat__R_ROLE_3_R_COURSE_3(cast):
    course = make_course("Met materiaal")
    event = make_event(course, capacity=1)
    make_material_file(course, "Werkboek")
    enrol(contact=cast.no_role, event=event)  # a seat, but no EMPLOYEE
    enrol(contact=cast.employee, event=event)  # EMPLOYEE, but waiting
    no_role = _get(cast.no_role).content.decode()
    assert "Werkboek" not in no_role and "de rol Medewerker of Beheerder" in no_role
    waiting = _get(cast.employee).content.decode()
    assert "Werkboek" not in waiting and 'data-testid="no-material"' in waiting


def test_administrators_see_their_organisations_enrolments_and_results__R_COURSE_2(cast):
    course = make_course("Basis")
    event = make_event(course, capacity=1)
    enrol(contact=cast.employee, event=event)
    enrol(contact=cast.viewer, event=event)
    enrol(contact=cast.other_administrator, event=event)
    make_result(cast.no_role, course, "6.0")
    make_result(cast.other_administrator, course, "4.0")
    response = _get(cast.administrator)
    page = response.content.decode()
    assert [e.contact for e in response.context["organisation_enrolments"]] == [
        cast.employee, cast.viewer]
    assert [r.contact for r in response.context["organisation_results"]] == [cast.no_role]
    assert "employee@test.example" in page and "viewer@test.example" in page
    assert "admin@other.example" not in page and "4,0" not in page
    assert "Inschrijvingen bij Demo BV" in page and "Resultaten bij Demo BV" in page


@pytest.mark.parametrize("who", ["employee", "submitter", "viewer", "no_role", "expert"])
def test_others_do_not_see_the_organisations_lists(cast, who):
    make_result(cast.administrator, make_course("Basis"), "6.0")
    response = _get(getattr(cast, who))
    assert "organisation_results" not in response.context
    assert 'data-testid="organisation-results"' not in response.content.decode()


def test_the_organisations_lists_are_paginated_separately(cast):
    course = make_course("Basis")
    for number in range(30):
        contact = make_contact(cast.organisation, email=f"c{number:02d}@test.example")
        make_result(contact, course, "7.0")
    first = _get(cast.administrator)
    assert len(first.context["organisation_results"].object_list) == 25
    assert "?results=2#organisation-results" in first.content.decode()
    second = _get(cast.administrator, {"results": "2", "enrolments": "3"})
    assert len(second.context["organisation_results"].object_list) == 5


@pytest.mark.parametrize("query", [{"results": "abc"}, {"enrolments": "-5"},
                                   {"results": "99999", "enrolments": "<script>"}])
def test_bad_page_numbers_give_200_not_500__R_X_2(cast, query):
    make_result(cast.employee, make_course("Basis"), "7.0")
    response = _get(cast.administrator, query)
    assert len(response.context["organisation_results"].object_list) == 1


def test_a_blocked_submitter_is_told_which_starter_course_to_pass__R_GATE_2(cast):
    contact, starter = make_blocked_submitter(cast.organisation)
    make_result(contact, starter, "6.5")
    page = _get(contact).content.decode()
    assert 'data-testid="gate"' in page and "Startcursus Financieel" in page
    assert "Je hoogste cijfer tot nu toe: 6,5." in page
    assert f'href="/courses/?level=starter#course-{starter.pk}"' in page
    make_result(contact, starter, "7.0", taken_on=dt.date(2026, 4, 1))
    assert 'data-testid="gate"' not in _get(contact).content.decode()


def test_it_is_in_english_for_an_english_contact__R_X_1(cast):
    cast.administrator.language = "en"
    cast.administrator.save()
    course = make_course("Basics")
    event = make_event(course, capacity=1)
    enrol(contact=cast.employee, event=event)
    enrol(contact=cast.administrator, event=event)
    make_result(cast.administrator, course, "4.5", taken_on=dt.date(2026, 3, 2))
    page = _get(cast.administrator).content.decode()
    assert "My courses" in page and "Your enrolments" in page
    assert "On the waiting list: number 1" in page and "Leave the waiting list" in page
    assert "2 March 2026" in page and "4.5" in page and "Not passed" in page
    assert "Enrolments at Demo BV" in page


def _queries(contact) -> int:
    client = client_for(contact.user)
    return queries_of(client, URL)


def test_query_count_is_the_same_for_1_and_50_rows__R_X_3(cast):
    """Own enrolments, results and material, and the organisation's lists."""
    admin = make_contact(cast.organisation, Role.ADMINISTRATOR, email="beheer2@test.example")

    def add(number: int) -> None:
        course = make_course(f"Cursus {number:02d}")
        event = make_event(course, capacity=1)
        enrol(contact=admin, event=event)
        enrol(contact=cast.employee, event=event)  # waiting, with a position
        make_material_file(course, f"Werkboek {number}")
        make_material_link(course, f"Video {number}")
        make_result(admin, course, "7.0")
        make_result(cast.employee, course, "5.0")

    add(0)
    one = (_queries(admin), _queries(cast.employee))
    for number in range(1, 50):
        add(number)
    assert (_queries(admin), _queries(cast.employee)) == one
