"""/courses/material/<pk>/: a course-material file through an access-checked view, for
contacts with EMPLOYEE or ADMINISTRATOR who have a seat in the course (R-COURSE-3, R-ROLE-3,
R-ROLE-14, R-X-2)."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from courses.actions import cancel_enrolment, enrol
from tests.conftest import client_for
from tests.courses.factories import (
    make_course, make_event, make_material_file, make_material_link,
)

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4 werkboek van de cursus"


@pytest.fixture
def course():
    return make_course("Met materiaal")


@pytest.fixture
def event(course):
    return make_event(course, capacity=2)


@pytest.fixture
def material(course):
    return make_material_file(course, name="werkboek.pdf", content=CONTENT)


def url(material) -> str:
    return f"/courses/material/{material.pk}/"


def test_it_requires_login(client, material):
    response = client.get(url(material))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["employee", "administrator"])
def test_it_returns_the_file_to_a_contact_with_a_seat__R_COURSE_3(cast, event, material, who):
    enrol(contact=getattr(cast, who), event=event)
    response = client_for(getattr(cast, who).user).get(url(material))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "werkboek" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["no_role", "submitter", "viewer", "expert"])
def test_a_seat_without_employee_is_404__R_ROLE_3(cast, event, material, who):
    contact = getattr(cast, who)
    enrol(contact=contact, event=event)
    assert client_for(contact.user).get(url(material)).status_code == 404


def test_an_employee_without_a_seat_is_404__R_COURSE_3(cast, event, material):
    client = client_for(cast.employee.user)
    assert client.get(url(material)).status_code == 404  # not enrolled
    enrol(contact=cast.viewer, event=event)
    enrol(contact=cast.no_role, event=event)
    waiting = enrol(contact=cast.employee, event=event)
    assert waiting.status == "waiting"
    assert client.get(url(material)).status_code == 404  # on the waiting list


def test_a_cancelled_enrolment_no_longer_opens_the_material(cast, event, material):
    enrolment = enrol(contact=cast.employee, event=event)
    client = client_for(cast.employee.user)
    assert client.get(url(material)).status_code == 200
    cancel_enrolment(contact=cast.employee, enrolment=enrolment)
    assert client.get(url(material)).status_code == 404


def test_material_of_another_course_is_404(cast, event):
    enrol(contact=cast.employee, event=event)
    other = make_material_file(make_course("Anders"))
    assert client_for(cast.employee.user).get(url(other)).status_code == 404


def test_another_organisations_contact_is_404__R_ROLE_14(cast, event, material):
    enrol(contact=cast.employee, event=event)
    assert client_for(cast.other_administrator.user).get(url(material)).status_code == 404


def test_a_link_has_no_file_and_is_404(cast, course, event):
    link = make_material_link(course)
    enrol(contact=cast.employee, event=event)
    assert client_for(cast.employee.user).get(url(link)).status_code == 404


def test_bad_ids_are_404__R_X_2(cast, event, material):
    enrol(contact=cast.employee, event=event)
    client = client_for(cast.employee.user)
    assert client.get("/courses/material/999999/").status_code == 404
    assert client.get("/courses/material/abc/").status_code == 404
    assert client.get("/courses/material/-1/").status_code == 404


def test_a_file_missing_from_storage_is_404_not_500__R_X_2(cast, event, material):
    enrol(contact=cast.employee, event=event)
    default_storage.delete(material.file.name)
    assert client_for(cast.employee.user).get(url(material)).status_code == 404


def test_staff_without_contact_get_403(cast, material):
    assert client_for(cast.staff).get(url(material)).status_code == 403
