"""Demo consultancy (part of ``seed_demo``, after the contacts; R-CONS-1 … 3).

Demo BV has a running implementation project of consultant@ with past and upcoming
appointments and hours booked in each month so far, an appointment with the organisation
itself, and three visit requests of beheerder@: one waiting, one planned (for that
appointment) and one declined. Andere BV has a completed project, which Demo BV never sees.
Dates follow today. Safe to run again: projects, appointments and requests are keyed by
name, agenda and subject; the demo projects' hours are booked afresh."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from contacts.models import Contact, Organisation

from .actions import selectable_weeks
from .models import (
    Appointment, AppointmentKind, HoursBooking, Phase, Project, VisitKind, VisitRequest,
    VisitRequestState,
)

CONSULTANT = "consultant@portal.example"
ADMINISTRATOR = "beheerder@demo.example"

# (organisation, name, phase, start months ago, planned end months ahead, budget hours,
#  hours booked per month from the start month on)
PROJECTS = [
    ("Demo BV", "Implementatie Profit HRM en Salaris", Phase.IMPLEMENTATION, 4, 3, "160",
     ["12", "24.5", "31", "18", "6"]),
    ("Andere BV", "Overstap naar Profit Financieel", Phase.COMPLETED, 14, -8, "80",
     ["20", "28", "16", "9.5", "4"]),
]

# (project name or None for the organisation, days from today, start, hours, kind, agenda)
APPOINTMENTS = [
    ("Implementatie Profit HRM en Salaris", -110, dt.time(9, 30), 3, AppointmentKind.VISIT,
     "Kick-off: doelen, planning en het projectteam"),
    ("Implementatie Profit HRM en Salaris", -62, dt.time(10, 0), 2, AppointmentKind.ONLINE,
     "Inrichting van de salarisverwerking doornemen"),
    ("Implementatie Profit HRM en Salaris", -20, dt.time(13, 0), 4, AppointmentKind.VISIT,
     "Workshop werkstromen voor verlof en declaraties"),
    ("Implementatie Profit HRM en Salaris", 9, dt.time(10, 0), 2, AppointmentKind.ONLINE,
     "Uitkomsten van de eerste proefverloning"),
    ("Implementatie Profit HRM en Salaris", 33, dt.time(9, 0), 6, AppointmentKind.VISIT,
     "Livegang: begeleiding bij de eerste echte verloning"),
    (None, 45, dt.time(14, 0), 2, AppointmentKind.VISIT,
     "Adviesgesprek: hoe komen er minder vragen bij Support terecht?"),
]
ADVICE = APPOINTMENTS[-1][-1]

# (kind, project name or None, subject, details, state, answer, appointment agenda or None)
REQUESTS = [
    (VisitKind.CONSULTANT, "Implementatie Profit HRM en Salaris",
     "Extra uitleg voor de salarisadministratie",
     "Twee nieuwe collega's op de salarisadministratie willen de inrichting graag samen met "
     "de consultant doorlopen.", VisitRequestState.REQUESTED, "", None),
    (VisitKind.ADVISER, None, "Veel vragen over verlofregistratie",
     "Onze medewerkers stellen Support veel vragen over het registreren van verlof.",
     VisitRequestState.PLANNED,
     "Onze adviseur komt langs om met jullie te kijken hoe verlof het beste geregeld kan "
     "worden.", ADVICE),
    (VisitKind.CONSULTANT, None, "Koppeling met ons roosterprogramma",
     "Kan een consultant de koppeling met ons roosterprogramma inrichten?",
     VisitRequestState.DECLINED,
     "Deze koppeling richt de partner van het roosterprogramma in; zij staan op de "
     "partnerpagina. Voor de inrichting van Profit zelf komen we graag.", None),
]


def _months_ago(today: dt.date, months: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _project(organisation: Organisation, consultant: User, name: str, phase: Phase,
             started: int, ends: int, budget: str, hours: list[str], today: dt.date) -> Project:
    start = _months_ago(today, started)
    project = (Project.objects.filter(organisation=organisation, name=name).first()
               or Project(organisation=organisation, name=name))
    project.consultant, project.phase, project.starts_on = consultant, phase, start
    project.planned_end_on = _months_ago(today, -ends - 1) - dt.timedelta(days=1)
    project.budget_hours = Decimal(budget)
    project.full_clean()
    project.save()
    project.bookings.all().delete()
    bookings = []
    for offset, total in enumerate(hours):
        month = _months_ago(today, started - offset)
        if month > today:
            break
        # Two days a month, on or before today; the first day keeps the odd quarter-hours.
        first, second = month, min(month + dt.timedelta(days=14), today)
        half = (Decimal(total) / 2).quantize(Decimal("1"))
        days = [(first, Decimal(total) - half), (second, half)] if half else [(first, total)]
        bookings += [HoursBooking(project=project, worked_on=day, hours=Decimal(value),
                                  consultant=consultant, description="Advies en inrichting")
                     for day, value in days]
    for booking in bookings:
        booking.full_clean()
    HoursBooking.objects.bulk_create(bookings)
    return project


def _working_day(day: dt.date) -> dt.date:
    """Consultants come on weekdays: a Saturday or Sunday moves to the Monday."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def seed(now: dt.datetime | None = None) -> list[Project]:
    """Create or reset the demo projects, appointments, hours and visit requests."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    consultant = User.objects.get(email=CONSULTANT)
    organisations = {organisation.name: organisation for organisation in
                     Organisation.objects.filter(name__in={row[0] for row in PROJECTS})}
    projects = {name: _project(organisations[organisation], consultant, name, phase,
                               started, ends, budget, hours, today)
                for organisation, name, phase, started, ends, budget, hours in PROJECTS}
    demo = organisations["Demo BV"]
    appointments = {}
    for project, days, start, hours, kind, agenda in APPOINTMENTS:
        day = _working_day(today + dt.timedelta(days=days))
        starts = timezone.make_aware(dt.datetime.combine(day, start))
        appointment = (Appointment.objects.filter(organisation=demo, agenda=agenda).first()
                       or Appointment(organisation=demo, agenda=agenda))
        appointment.project = projects[project] if project else None
        appointment.kind, appointment.consultant = kind, consultant
        appointment.starts_at, appointment.ends_at = starts, starts + dt.timedelta(hours=hours)
        appointment.full_clean()
        appointment.save()
        appointments[agenda] = appointment
    administrator = Contact.objects.get(user__email=ADMINISTRATOR, organisation=demo)
    weeks = selectable_weeks(today)
    for number, (visit_kind, project, subject, details, state, answer, planned) in enumerate(
            REQUESTS):
        answered = state != VisitRequestState.REQUESTED
        preferred = weeks[1 + number:3 + number]
        VisitRequest.objects.update_or_create(
            organisation=demo, subject=subject,
            defaults={"requested_by": administrator, "kind": visit_kind,
                      "project": projects[project] if project else None, "details": details,
                      "preferred_weeks": [week.isoformat() for week in preferred],
                      "requested_at": now - dt.timedelta(days=3 * number),
                      "state": state, "answer": answer,
                      "appointment": appointments[planned] if planned else None,
                      "answered_by": consultant if answered else None,
                      "answered_at": now - dt.timedelta(days=number) if answered else None})
    return list(projects.values())
