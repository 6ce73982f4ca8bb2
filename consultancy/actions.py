"""Every change in consultancy (R-CONS-1 … 3), used by the portal's views, the admin and the
demo alike. Staff actions check the staff member's Django permission themselves, so the admin
and any later caller pass through the same gate; the administrator's request checks the role
matrix. Emails are written to the outbox in the change's transaction (R-X-8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can, require_staff
from contacts.models import Contact

from . import emails
from .models import (
    Appointment, HoursBooking, Project, VisitKind, VisitRequest, VisitRequestState,
)

# A visit can be asked for in the weeks after this one, this many weeks ahead (R-CONS-3):
# this week is too short notice for a consultant's agenda.
VISIT_WEEKS_AHEAD = 12


class ConsultancyError(Exception):
    """A change the rules refuse; the view or the admin turns it into a message."""


class NoWeekChosen(ConsultancyError):
    """A visit request names no preferred week."""


class WeekNotOffered(ConsultancyError):
    """A preferred week outside the weeks that can be chosen now."""

    def __init__(self, week: dt.date) -> None:
        super().__init__(f"the week of {week} cannot be chosen")
        self.week = week


class ProjectOfAnotherOrganisation(ConsultancyError):
    """A project (or appointment) that is not the organisation's; never revealed as such."""


class NotAnAnswer(ConsultancyError):
    """Staff answer by planning or declining, with a text for the customer."""


def selectable_weeks(today: dt.date | None = None) -> list[dt.date]:
    """The Mondays of the weeks a visit can be asked for now: next week and the
    ``VISIT_WEEKS_AHEAD`` - 1 after it (R-CONS-3)."""
    today = today or timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    return [monday + dt.timedelta(weeks=ahead) for ahead in range(1, VISIT_WEEKS_AHEAD + 1)]


def request_visit(*, contact: Contact, kind: VisitKind, subject: str, weeks: Sequence[dt.date],
                  details: str = "", project: Project | None = None,
                  now: dt.datetime | None = None) -> VisitRequest:
    """An administrator asks for a consultant's or an adviser's visit in one of the weeks
    they prefer; the Consultancy staff are emailed (R-CONS-3)."""
    if not can(contact, Capability.CONSULTANCY):
        raise CapabilityDenied(Capability.CONSULTANCY)
    now = now or timezone.now()
    offered = set(selectable_weeks(timezone.localdate(now)))
    if not weeks:
        raise NoWeekChosen("no preferred week")
    for week in weeks:
        if week not in offered:
            raise WeekNotOffered(week)
    if project is not None and project.organisation_id != contact.organisation_id:
        raise ProjectOfAnotherOrganisation("not the organisation's project")
    with transaction.atomic():
        visit = VisitRequest(
            organisation_id=contact.organisation_id, requested_by=contact, kind=kind,
            project=project, subject=subject.strip(), details=details.strip(),
            preferred_weeks=[week.isoformat() for week in sorted(set(weeks))],
            requested_at=now)
        visit.full_clean()
        visit.save()
        emails.queue_visit_request_notice(visit)
    return visit


def answer_visit_request(*, visit_request: VisitRequest, actor: User, state: VisitRequestState,
                         answer: str, appointment: Appointment | None = None,
                         now: dt.datetime | None = None) -> VisitRequest:
    """Staff plan or decline a visit with an answer for the customer; the administrator who
    asked is emailed the answer given then, in their language (R-CONS-3). Saving the same
    answer again emails nothing."""
    require_staff(actor, "consultancy.change_visitrequest")
    if state not in (VisitRequestState.PLANNED, VisitRequestState.DECLINED):
        raise NotAnAnswer("an answer plans or declines")
    answer = answer.strip()
    if not answer:
        raise NotAnAnswer("an answer needs a text")
    with transaction.atomic(), set_actor(actor):
        visit = VisitRequest.objects.select_for_update().get(pk=visit_request.pk)
        if appointment is not None and appointment.organisation_id != visit.organisation_id:
            raise ProjectOfAnotherOrganisation("the appointment is of another organisation")
        changed = (visit.state, visit.answer, visit.appointment_id) != (
            state, answer, appointment.pk if appointment else None)
        if not changed:
            return visit
        visit.state, visit.answer, visit.appointment = state, answer, appointment
        visit.answered_by, visit.answered_at = actor, now or timezone.now()
        visit.save(update_fields=["state", "answer", "appointment", "answered_by",
                                  "answered_at"])
        emails.queue_visit_request_answer(visit)
    return visit


def _save(instance: Project | Appointment | HoursBooking, actor: User) -> None:
    label, model = instance._meta.app_label, instance._meta.model_name
    require_staff(actor, f"{label}.{'change' if instance.pk else 'add'}_{model}")
    instance.full_clean()
    with transaction.atomic(), set_actor(actor):
        instance.save()


def _delete(instance: Appointment | HoursBooking, actor: User) -> None:
    require_staff(actor, f"{instance._meta.app_label}.delete_{instance._meta.model_name}")
    with transaction.atomic(), set_actor(actor):
        instance.delete()


def save_project(*, project: Project, actor: User) -> Project:
    """Staff add or change a project; its consultant must be staff (R-CONS-1)."""
    _save(project, actor)
    return project


def save_appointment(*, appointment: Appointment, actor: User) -> Appointment:
    """Staff plan or change an appointment; its project must be the organisation's
    (R-CONS-2)."""
    _save(appointment, actor)
    return appointment


def delete_appointment(*, appointment: Appointment, actor: User) -> None:
    """Staff remove an appointment that will not take place (R-CONS-2)."""
    _delete(appointment, actor)


def book_hours(*, booking: HoursBooking, actor: User) -> HoursBooking:
    """Staff book (or correct) hours worked on a project on one day (R-CONS-1/2)."""
    _save(booking, actor)
    return booking


def delete_booking(*, booking: HoursBooking, actor: User) -> None:
    """Staff remove hours booked by mistake (R-CONS-2)."""
    _delete(booking, actor)
