"""Consultancy staff keep projects with their appointments and hours, and answer visit
requests, in the admin; everything goes through the actions (R-CONS-1 … 3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from consultancy.models import Appointment, HoursBooking, Project, VisitRequestState
from core.models import OutboxItem
from tests.conftest import client_for
from tests.consultancy.factories import (
    book, consultant, make_appointment, make_project, make_visit_request,
)

pytestmark = pytest.mark.django_db

MANAGEMENT = {"TOTAL_FORMS": "1", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0",
              "MAX_NUM_FORMS": "1000"}


def _formset(prefix: str, **fields) -> dict:
    data = {f"{prefix}-{key}": value for key, value in MANAGEMENT.items()}
    data.update({f"{prefix}-0-{key}": value for key, value in fields.items()})
    return data


def _project_form(cast, **changes) -> dict:
    today = timezone.localdate()
    user = consultant()
    return {
        "organisation": cast.organisation.pk, "name": "Implementatie Salaris",
        "consultant": user.pk, "phase": "intake", "starts_on": today.isoformat(),
        "planned_end_on": (today + dt.timedelta(days=120)).isoformat(),
        "budget_hours": "120",
        **_formset("appointments", kind="visit",
                   starts_at_0=(today + dt.timedelta(days=7)).isoformat(), starts_at_1="10:00",
                   ends_at_0=(today + dt.timedelta(days=7)).isoformat(), ends_at_1="12:00",
                   consultant=user.pk, agenda="Kick-off"),
        **_formset("bookings", worked_on=today.isoformat(), hours="2.5", consultant=user.pk,
                   description="Voorbereiding"),
        **changes,
    }


def test_consultancy_staff_add_a_project_with_an_appointment_and_hours__R_CONS_1_R_CONS_2(
        cast):
    from auditlog.models import LogEntry

    response = client_for(consultant()).post("/admin/consultancy/project/add/",
                                             _project_form(cast))
    assert response.status_code == 302
    project = Project.objects.get()
    appointment = Appointment.objects.get()
    assert (appointment.project, appointment.organisation) == (project, cast.organisation)
    assert HoursBooking.objects.get().hours == Decimal("2.5")
    assert LogEntry.objects.get_for_object(project).get().actor == consultant()
    page = client_for(cast.administrator.user).get(f"/consultancy/projects/{project.pk}/")
    assert page.context["project"].hours_spent == Decimal("2.5")
    assert page.context["upcoming"] == [appointment]


def test_a_project_with_an_end_before_its_start_is_refused(cast):
    today = timezone.localdate()
    response = client_for(consultant()).post("/admin/consultancy/project/add/", _project_form(
        cast, planned_end_on=(today - dt.timedelta(days=1)).isoformat()))
    assert response.status_code == 200
    assert "planned_end_on" in response.context["adminform"].form.errors
    assert not Project.objects.exists()


def test_the_project_list_shows_hours_spent_and_the_next_appointment__R_CONS_1(cast):
    project = make_project(cast.organisation)
    book(project, timezone.localdate(), "3.25")
    make_appointment(cast.organisation, project=project, days=4)
    response = client_for(consultant()).get("/admin/consultancy/project/")
    [shown] = response.context["cl"].result_list
    assert shown.hours_spent == Decimal("3.25") and shown.next_appointment_at is not None


def test_an_appointment_for_another_organisations_project_is_refused__R_CONS_2(cast):
    theirs = make_project(cast.other_organisation)
    start = timezone.localdate() + dt.timedelta(days=3)
    response = client_for(consultant()).post("/admin/consultancy/appointment/add/", {
        "organisation": cast.organisation.pk, "project": theirs.pk, "kind": "online",
        "starts_at_0": start.isoformat(), "starts_at_1": "10:00",
        "ends_at_0": start.isoformat(), "ends_at_1": "11:00",
        "consultant": consultant().pk, "agenda": "Inrichting"})
    assert response.status_code == 200
    assert "project" in response.context["adminform"].form.errors
    assert not Appointment.objects.exists()


def test_deleting_an_appointment_goes_through_the_action__R_CONS_2(cast):
    from auditlog.models import LogEntry

    appointment = make_appointment(cast.organisation)
    response = client_for(consultant()).post(
        f"/admin/consultancy/appointment/{appointment.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Appointment.objects.exists()
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE,
                                   object_pk=str(appointment.pk)).get().actor == consultant()


def test_staff_answer_a_visit_request_and_the_requester_is_emailed__R_CONS_3(
        cast, django_capture_on_commit_callbacks):
    visit = make_visit_request(cast.administrator, subject="Uitleg")
    appointment = make_appointment(cast.organisation, days=20)
    client = client_for(consultant())
    page = client.get(f"/admin/consultancy/visitrequest/{visit.pk}/change/")
    assert page.status_code == 200 and "Uitleg" in page.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/consultancy/visitrequest/{visit.pk}/change/", {
            "state": "planned", "answer": "Koen komt langs.", "appointment": appointment.pk,
            "subject": "Gewijzigd"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.state == VisitRequestState.PLANNED and visit.appointment == appointment
    assert visit.answered_by == consultant() and visit.subject == "Uitleg"  # read only
    assert [message.to for message in mail.outbox] == [[cast.administrator.user.email]]


@pytest.mark.parametrize(("data", "field"), [
    ({"state": "planned", "answer": ""}, "answer"),
    ({"state": "declined", "answer": "   "}, "answer"),
    ({"state": "requested", "answer": "Nog even geduld"}, "state"),
    ({"state": "gepland", "answer": "Ja"}, "state"),
])
def test_an_answer_plans_or_declines_with_a_text__R_CONS_3(cast, data, field):
    visit = make_visit_request(cast.administrator)
    response = client_for(consultant()).post(
        f"/admin/consultancy/visitrequest/{visit.pk}/change/", data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    visit.refresh_from_db()
    assert visit.state == VisitRequestState.REQUESTED
    assert not OutboxItem.objects.filter(kind__endswith="visit_request_answer").exists()


def test_only_the_organisations_appointments_can_be_linked__R_CONS_3(cast):
    visit = make_visit_request(cast.administrator)
    ours = make_appointment(cast.organisation, agenda="Ons bezoek")
    theirs = make_appointment(cast.other_organisation, agenda="Hun bezoek")
    client = client_for(consultant())
    choices = client.get(f"/admin/consultancy/visitrequest/{visit.pk}/change/").context[
        "adminform"].form.fields["appointment"].queryset
    assert list(choices) == [ours]
    response = client.post(f"/admin/consultancy/visitrequest/{visit.pk}/change/", {
        "state": "planned", "answer": "Gepland", "appointment": theirs.pk})
    assert response.status_code == 200
    assert "appointment" in response.context["adminform"].form.errors


def test_requests_are_asked_in_the_portal_and_kept__R_CONS_3(cast):
    visit = make_visit_request(cast.administrator)
    project = make_project(cast.organisation)
    client = client_for(consultant())
    assert client.get("/admin/consultancy/visitrequest/add/").status_code == 403
    assert client.get(f"/admin/consultancy/visitrequest/{visit.pk}/delete/").status_code == 403
    assert client.get(f"/admin/consultancy/project/{project.pk}/delete/").status_code == 403


@pytest.mark.parametrize("group", ["Support", "Customer Care", "Partner management"])
def test_other_staff_groups_do_not_keep_consultancy(cast, group):
    cast.staff.groups.add(Group.objects.get(name=group))
    client = client_for(cast.staff)
    for model in ("project", "appointment", "hoursbooking", "visitrequest"):
        assert client.get(f"/admin/consultancy/{model}/").status_code == 403


def test_the_consultancy_group_reaches_its_pages(cast):
    client = client_for(consultant())
    for model in ("project", "appointment", "hoursbooking", "visitrequest"):
        assert client.get(f"/admin/consultancy/{model}/").status_code == 200
    for model in ("project", "appointment", "hoursbooking"):
        assert client.get(f"/admin/consultancy/{model}/add/").status_code == 200
    # The organisation is chosen by typing its name (autocomplete).
    found = client.get("/admin/autocomplete/", {
        "app_label": "consultancy", "model_name": "project", "field_name": "organisation",
        "term": "Demo"})
    assert found.status_code == 200 and "Demo BV" in found.content.decode()
