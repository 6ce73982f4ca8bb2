"""Staff maintain courses, events, material, results and the starter course per submission
profile in the admin (R-COURSE-1, R-COURSE-2, R-GATE-3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from contacts.models import SubmissionProfile
from courses import actions
from courses.models import (
    CancelledBy, CourseMaterial, Enrolment, EnrolmentStatus, Event, Result,
    StarterCourseRequirement,
)
from tests.courses import factories_admin as make
from tests.factories import make_contact, make_organisation, make_user
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def care(cast):
    return make.staff_client(cast.staff, "Customer Care")


def _local(value: dt.datetime) -> tuple[str, str]:
    local = timezone.localtime(value)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def _event_form(event: Event, **changes) -> dict:
    starts, ends = _local(event.starts_at), _local(event.ends_at)
    data = {"course": event.course.pk, "starts_at_0": starts[0], "starts_at_1": starts[1],
            "ends_at_0": ends[0], "ends_at_1": ends[1], "location": event.location,
            "capacity": event.capacity,
            "enrolments-TOTAL_FORMS": "0", "enrolments-INITIAL_FORMS": "0",
            "enrolments-MIN_NUM_FORMS": "0", "enrolments-MAX_NUM_FORMS": "1000"}
    if event.online:
        data["online"] = "on"
    data.update(changes)
    return data


def _full_event(cast, capacity: int = 1):
    event = make.event(capacity=capacity)
    actions.enrol(contact=cast.employee, event=event)
    first = actions.enrol(contact=cast.viewer, event=event)
    second = actions.enrol(contact=cast.no_role, event=event)
    return event, first, second


def _status(enrolment: Enrolment) -> str:
    enrolment.refresh_from_db()
    return enrolment.status


# Events and the waiting list -----------------------------------------------------------


def test_raising_the_capacity_in_the_admin_promotes_the_waiting_list__R_COURSE_1(
    cast, care, django_capture_on_commit_callbacks
):
    event, first, second = _full_event(cast)
    with django_capture_on_commit_callbacks() as emails:
        response = care.post(f"/admin/courses/event/{event.pk}/change/",
                             _event_form(event, capacity="2"), follow=True)
    assert response.redirect_chain, response.content.decode()
    assert _status(first) == EnrolmentStatus.ENROLLED
    assert _status(second) == EnrolmentStatus.WAITING
    assert Event.objects.get(pk=event.pk).capacity == 2
    assert len(emails) == 1  # the promoted contact is emailed after the commit
    assert "Van de wachtlijst van" in response.content.decode()


def test_raising_the_capacity_on_the_course_page_promotes_too__R_COURSE_1(cast, care):
    event, first, second = _full_event(cast)
    starts, ends = _local(event.starts_at), _local(event.ends_at)
    course = event.course
    data = {"code": course.code, "title": course.title, "level": course.level,
            "description": "", "is_active": "on",
            "events-TOTAL_FORMS": "1", "events-INITIAL_FORMS": "1",
            "events-MIN_NUM_FORMS": "0", "events-MAX_NUM_FORMS": "1000",
            "events-0-id": event.pk, "events-0-course": course.pk,
            "events-0-starts_at_0": starts[0], "events-0-starts_at_1": starts[1],
            "events-0-ends_at_0": ends[0], "events-0-ends_at_1": ends[1],
            "events-0-location": "Leusden", "events-0-capacity": "3",
            "materials-TOTAL_FORMS": "0", "materials-INITIAL_FORMS": "0",
            "materials-MIN_NUM_FORMS": "0", "materials-MAX_NUM_FORMS": "1000"}
    response = care.post(f"/admin/courses/course/{course.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()
    assert _status(first) == _status(second) == EnrolmentStatus.ENROLLED
    assert Event.objects.get(pk=event.pk).capacity == 3


def test_the_capacity_cannot_drop_below_the_enrolled_contacts__R_COURSE_1(cast, care):
    event, _first, _second = _full_event(cast, capacity=2)
    response = care.post(f"/admin/courses/event/{event.pk}/change/",
                         _event_form(event, capacity="1"))
    assert response.status_code == 200
    assert "Nu ingeschreven: 2." in response.content.decode()
    assert Event.objects.get(pk=event.pk).capacity == 2


def test_an_event_needs_a_place_or_online_and_an_end_after_its_start(cast, care):
    event = make.event()
    response = care.post(f"/admin/courses/event/{event.pk}/change/", _event_form(
        event, location="", ends_at_0=(event.starts_at - dt.timedelta(days=1)).strftime(
            "%Y-%m-%d")))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vul de plaats in, of vink online aan." in page
    assert "De cursusdatum kan niet eindigen voordat hij begint." in page


def test_the_event_page_lists_enrolments_read_only(cast, care):
    event, _first, _second = _full_event(cast)
    page = care.get(f"/admin/courses/event/{event.pk}/change/").content.decode()
    assert "employee@test.example" in page and "viewer@test.example" in page
    assert 'name="enrolments-0-status"' not in page


def test_the_event_list_counts_enrolled_and_waiting(cast, care):
    event, _first, _second = _full_event(cast)
    make.event(event.course, online=True, location="")
    page = care.get("/admin/courses/event/").content.decode()
    assert '<td class="field-enrolled_count">1</td>' in page
    assert '<td class="field-waiting_count">2</td>' in page
    assert '<td class="field-place">Online</td>' in page
    for query in ("when=upcoming", "when=past", "online__exact=1", "q=Leusden"):
        assert care.get(f"/admin/courses/event/?{query}").status_code == 200


# Enrolments -----------------------------------------------------------------------------


def test_staff_cancel_an_enrolment_and_the_first_in_line_moves_up__R_COURSE_1(cast, care):
    event, first, second = _full_event(cast)
    seat = Enrolment.objects.get(event=event, contact=cast.employee)
    response = care.post("/admin/courses/enrolment/", {
        "action": "cancel_enrolments", "_selected_action": [seat.pk]}, follow=True)
    assert "Inschrijvingen geannuleerd: 1." in response.content.decode()
    assert _status(seat) == EnrolmentStatus.CANCELLED
    assert _status(first) == EnrolmentStatus.ENROLLED
    assert _status(second) == EnrolmentStatus.WAITING
    # Recorded as the staff member's cancellation, not as if the contact cancelled.
    assert (seat.cancelled_by, seat.cancelled_by_staff) == (CancelledBy.STAFF, cast.staff)
    page = care.get(f"/admin/courses/enrolment/{seat.pk}/change/").content.decode()
    assert f"/admin/accounts/user/{cast.staff.pk}/change/" in page


def test_an_enrolment_is_read_only_and_not_added_or_deleted_in_the_admin(cast, care):
    event, first, _second = _full_event(cast)
    page = care.get(f"/admin/courses/enrolment/{first.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert care.get("/admin/courses/enrolment/add/").status_code == 403
    assert care.get(f"/admin/courses/enrolment/{first.pk}/delete/").status_code == 403
    for query in ("status__exact=waiting", f"event={event.pk}", "event=x", "q=viewer"):
        response = care.get(f"/admin/courses/enrolment/?{query}")
        assert response.status_code == 200
    assert "no_role" not in care.get("/admin/courses/enrolment/?q=viewer").content.decode()


# Results ---------------------------------------------------------------------------------


def _result_form(cast, course, **changes) -> dict:
    data = {"contact": cast.viewer.pk, "course": course.pk, "grade": "7.5",
            "taken_on": "2026-03-02"}
    data.update(changes)
    return data


@pytest.mark.parametrize("grade", ["0.5", "10.5", "0.9", "11"])
def test_the_result_form_refuses_grades_outside_1_to_10__R_COURSE_2(cast, care, grade):
    course = make.course()
    response = care.post("/admin/courses/result/add/", _result_form(cast, course, grade=grade))
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not Result.objects.exists()


@pytest.mark.parametrize("grade", ["1.0", "5.5", "10.0"])
def test_the_result_form_records_grades_from_1_to_10__R_COURSE_2(cast, care, grade):
    course = make.course()
    response = care.post("/admin/courses/result/add/", _result_form(cast, course, grade=grade))
    assert response.status_code == 302, response.content.decode()
    result = Result.objects.get()
    assert (result.contact, result.course, result.grade) == (cast.viewer, course, Decimal(grade))


def test_the_result_form_refuses_a_future_date_and_a_second_result_on_the_same_day(cast, care):
    course = make.course()
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = care.post("/admin/courses/result/add/",
                         _result_form(cast, course, taken_on=tomorrow))
    assert "ligt in de toekomst" in response.content.decode()
    make.result(cast.viewer, course, taken_on=dt.date(2026, 3, 2))
    response = care.post("/admin/courses/result/add/", _result_form(cast, course))
    assert response.status_code == 200
    assert Result.objects.count() == 1


def test_staff_find_results_by_email_and_course_code_and_filter_them__R_COURSE_2(cast, care):
    basis, starter = make.course("FIN-BAS"), make.course("STA-FIN", is_starter=True)
    make.result(cast.viewer, basis, "8.0")
    make.result(cast.employee, starter, "4.0")
    by_email = care.get("/admin/courses/result/?q=viewer@").content.decode()
    assert "viewer@test.example" in by_email and "employee@test.example" not in by_email
    by_code = care.get("/admin/courses/result/?q=STA-FIN").content.decode()
    assert "employee@test.example" in by_code and "viewer@test.example" not in by_code
    passed = care.get("/admin/courses/result/?passed=yes").content.decode()
    assert "viewer@test.example" in passed and "employee@test.example" not in passed
    failed = care.get("/admin/courses/result/?passed=no").content.decode()
    assert "employee@test.example" in failed and "viewer@test.example" not in failed
    assert care.get("/admin/courses/result/?course__is_starter__exact=1").status_code == 200


# Material ------------------------------------------------------------------------------


def _course_form(course, **materials) -> dict:
    data = {"code": course.code, "title": course.title, "level": course.level,
            "description": "", "is_active": "on",
            "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0",
            "events-MIN_NUM_FORMS": "0", "events-MAX_NUM_FORMS": "1000",
            "materials-TOTAL_FORMS": "1", "materials-INITIAL_FORMS": "0",
            "materials-MIN_NUM_FORMS": "0", "materials-MAX_NUM_FORMS": "1000",
            "materials-0-title": "Werkboek", "materials-0-course": course.pk}
    data.update({f"materials-0-{key}": value for key, value in materials.items()})
    return data


def test_material_is_a_file_or_a_link_not_both__R_COURSE_3(cast, care):
    course = make.course()
    url = f"/admin/courses/course/{course.pk}/change/"
    for materials in ({}, {"url": "https://help.afas.nl/",
                           "file": SimpleUploadedFile("werkboek.pdf", b"%PDF-1.4")}):
        response = care.post(url, _course_form(course, **materials))
        assert response.status_code == 200
        assert "Geef een bestand of een link, niet allebei." in response.content.decode()
    assert not CourseMaterial.objects.exists()


def test_staff_upload_material_and_download_it_through_the_admin__R_COURSE_3(cast, care):
    course = make.course()
    response = care.post(f"/admin/courses/course/{course.pk}/change/", _course_form(
        course, file=SimpleUploadedFile("werkboek.pdf", b"%PDF-1.4 werkboek")))
    assert response.status_code == 302, response.content.decode()
    material = CourseMaterial.objects.get()
    assert material.file.name.startswith(f"private/courses/{course.pk}/")
    page = care.get(f"/admin/courses/course/{course.pk}/change/").content.decode()
    link = f"/admin/courses/course/material/{material.pk}/"
    assert f'href="{link}"' in page
    download = care.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 werkboek"
    support = make.staff_client(make_user("support2@test.example", is_staff=True), "Support")
    assert support.get(link).status_code == 403
    assert care.get("/admin/courses/course/material/999999/").status_code == 404


# Starter courses (R-GATE-3) ------------------------------------------------------------


def test_staff_choose_the_starter_course_of_each_submission_profile__R_GATE_3(cast, care):
    starter = make.course("STA-CRM", is_starter=True)
    other = make.course("CRM-BAS")
    url = "/admin/courses/startercourserequirement/add/"
    refused = care.post(url, {"submission_profile": SubmissionProfile.CRM, "course": other.pk})
    assert refused.status_code == 200  # only starter courses can be chosen
    response = care.post(url, {"submission_profile": SubmissionProfile.CRM, "course": starter.pk})
    assert response.status_code == 302, response.content.decode()
    assert StarterCourseRequirement.objects.get().course == starter
    twice = care.post(url, {"submission_profile": SubmissionProfile.CRM, "course": starter.pk})
    assert twice.status_code == 200  # one row per submission profile
    assert StarterCourseRequirement.objects.count() == 1
    assert "STA-CRM" in care.get("/admin/courses/startercourserequirement/").content.decode()


# Permissions ---------------------------------------------------------------------------


COURSE_PAGES = ["course", "event", "enrolment", "result", "startercourserequirement"]


@pytest.mark.parametrize("page", COURSE_PAGES)
def test_customer_care_works_on_courses_and_others_do_not(cast, page):
    care = make.staff_client(cast.staff, "Customer Care")
    assert care.get(f"/admin/courses/{page}/").status_code == 200
    for group in ("Support", "Partner management"):
        user = make_user(f"{group.split()[0].lower()}-{page}@test.example", is_staff=True)
        assert make.staff_client(user, group).get(f"/admin/courses/{page}/").status_code == 403


def test_customer_care_may_add_what_staff_maintain_but_not_enrolments(cast, care):
    for page in ("course", "event", "result", "startercourserequirement"):
        assert care.get(f"/admin/courses/{page}/add/").status_code == 200
    assert care.get("/admin/courses/enrolment/add/").status_code == 403


# Query counts ----------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    return queries_of(client, url)


def _many_contacts(count: int):
    organisation = make_organisation()
    return [make_contact(organisation, Role.EMPLOYEE) for _ in range(count)]


def test_the_changelists_keep_their_query_count_at_1_and_50_rows(cast, care):
    contacts = _many_contacts(50)
    course = make.course()
    event = make.event(course, capacity=25)
    make.result(contacts[0], course)
    actions.enrol(contact=contacts[0], event=event)
    urls = ["/admin/courses/event/", "/admin/courses/enrolment/", "/admin/courses/result/",
            "/admin/courses/course/", "/admin/courses/startercourserequirement/",
            f"/admin/courses/event/{event.pk}/change/"]
    one = {url: _queries(care, url) for url in urls}
    for index, contact in enumerate(contacts[1:], start=1):
        make.result(contact, make.course() if index < 5 else course)
        actions.enrol(contact=contact, event=event)
    for _ in range(49):
        make.event(course)
    fifty = {url: _queries(care, url) for url in urls}
    assert Result.objects.count() == 50 and Event.objects.count() == 50
    assert Enrolment.objects.count() == 50
    assert fifty == one
