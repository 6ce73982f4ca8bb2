"""Demo consultancy (seed_demo): a running project of Demo BV with appointments and hours,
an appointment with the organisation, visit requests in every state, a completed project of
Andere BV, and the consultant@ account of SPEC §11; idempotent (R-CONS-1 … 3)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.models import User
from consultancy import demo, queries
from consultancy.models import (
    Appointment, HoursBooking, Phase, Project, VisitRequest, VisitRequestState,
)
from contacts import demo as contacts_demo
from contacts.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    contacts_demo.seed()
    demo.seed()


def test_the_consultant_account_of_the_spec_is_in_the_consultancy_group(seeded):
    consultant = User.objects.get(email="consultant@portal.example")
    assert consultant.is_staff and not consultant.contacts.exists()
    assert list(consultant.groups.values_list("name", flat=True)) == ["Consultancy"]
    assert consultant.has_perm("consultancy.change_visitrequest")


def test_demo_bv_has_a_running_project_with_appointments_and_hours__R_CONS_1_R_CONS_2(seeded):
    demo_bv = Organisation.objects.get(name="Demo BV")
    [project] = queries.projects_for(demo_bv)
    assert project.phase == Phase.IMPLEMENTATION
    assert 0 < project.hours_spent < project.budget_hours
    assert project.next_appointment_at > timezone.now()
    assert queries.upcoming_appointments(demo_bv, project=project).count() == 2
    assert queries.past_appointments(demo_bv, project=project).count() == 3
    assert Appointment.objects.filter(organisation=demo_bv, project=None).count() == 1
    months = queries.hours_per_month(project)
    assert len(months) == 5 and all(month.hours > 0 for month in months)
    assert all(booking.worked_on <= timezone.localdate() for booking in HoursBooking.objects.all())


def test_visit_requests_in_every_state__R_CONS_3(seeded):
    states = {visit.state: visit for visit in VisitRequest.objects.all()}
    assert set(states) == set(VisitRequestState)
    assert states[VisitRequestState.PLANNED].appointment.project is None
    assert states[VisitRequestState.DECLINED].answer
    assert states[VisitRequestState.REQUESTED].answered_at is None
    assert all(visit.requested_by.user.email == "beheerder@demo.example"
               for visit in states.values())


def test_andere_bv_has_a_completed_project(seeded):
    project = Project.objects.get(organisation__name="Andere BV")
    assert project.phase == Phase.COMPLETED and project.planned_end_on < timezone.localdate()


def test_it_is_idempotent(seeded):
    counts = (Project.objects.count(), Appointment.objects.count(),
              HoursBooking.objects.count(), VisitRequest.objects.count())
    demo.seed()
    assert (Project.objects.count(), Appointment.objects.count(),
            HoursBooking.objects.count(), VisitRequest.objects.count()) == counts
