"""Consultancy data for tests, made through the real actions by a member of the Consultancy
group (R-CONS-1 … 3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.staff import ensure_staff_groups
from consultancy import actions
from consultancy.models import (
    Appointment, AppointmentKind, HoursBooking, Phase, Project, VisitKind, VisitRequest,
)
from contacts.models import Contact, Organisation
from tests.factories import make_user

CONSULTANT = "consultant@test.example"


def consultant(email: str = CONSULTANT, *, first_name: str = "Koen",
               last_name: str = "Consultant") -> User:
    """A staff member of the Consultancy group (the same one when asked again)."""
    user = User.objects.filter(email=email).first()
    if user is None:
        ensure_staff_groups()
        user = make_user(email, is_staff=True, first_name=first_name, last_name=last_name)
        user.groups.add(Group.objects.get(name="Consultancy"))
    return user


def make_project(organisation: Organisation, *, name: str = "Implementatie Profit",
                 phase: Phase = Phase.IMPLEMENTATION, starts_on: dt.date | None = None,
                 planned_end_on: dt.date | None = None, budget: str = "100",
                 by: User | None = None) -> Project:
    today = timezone.localdate()
    return actions.save_project(project=Project(
        organisation=organisation, name=name, consultant=by or consultant(), phase=phase,
        starts_on=starts_on or today - dt.timedelta(days=90),
        planned_end_on=planned_end_on or today + dt.timedelta(days=90),
        budget_hours=Decimal(budget)), actor=by or consultant())


def make_appointment(organisation: Organisation, *, project: Project | None = None,
                     starts_at: dt.datetime | None = None, days: int = 7, hours: int = 2,
                     kind: AppointmentKind = AppointmentKind.VISIT,
                     agenda: str = "Inrichting doornemen", by: User | None = None
                     ) -> Appointment:
    """An appointment ``days`` from now (negative: in the past) at 10:00 UTC."""
    starts = starts_at or (timezone.now() + dt.timedelta(days=days)).replace(
        hour=10, minute=0, second=0, microsecond=0)
    return actions.save_appointment(appointment=Appointment(
        organisation=organisation, project=project, kind=kind, starts_at=starts,
        ends_at=starts + dt.timedelta(hours=hours), consultant=by or consultant(),
        agenda=agenda), actor=by or consultant())


def book(project: Project, worked_on: dt.date, hours: str, *, by: User | None = None
         ) -> HoursBooking:
    return actions.book_hours(booking=HoursBooking(
        project=project, worked_on=worked_on, hours=Decimal(hours),
        consultant=by or consultant(), description="Inrichting"), actor=by or consultant())


def make_visit_request(contact: Contact, *, subject: str = "Extra uitleg salarisverwerking",
                       kind: VisitKind = VisitKind.CONSULTANT, project: Project | None = None,
                       weeks: list[dt.date] | None = None, details: str = "",
                       now: dt.datetime | None = None) -> VisitRequest:
    today = timezone.localdate(now) if now else None
    return actions.request_visit(
        contact=contact, kind=kind, subject=subject, details=details, project=project,
        weeks=weeks or actions.selectable_weeks(today)[1:3], now=now)
