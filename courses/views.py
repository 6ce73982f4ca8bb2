"""The course catalogue, enrolling and cancelling, one's own courses and results, and the
course material (R-ROLE-2, R-ROLE-3, R-COURSE-1/2/3, R-GATE-2)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import Capability, can, requires
from contacts.middleware import ContactRequest
from core.private_files import private_file_response
from core.redirects import redirect_back, redirect_back_target

from . import actions, queries
from .forms import CatalogueFilterForm
from .gate import submission_gate
from .models import EnrolmentStatus, Event

COURSES_PER_PAGE = 10
ORGANISATION_ROWS_PER_PAGE = 25


def _event_names(event: Event) -> dict[str, str]:
    """The course and start of an event, for messages in the active language."""
    return {"course": event.course.title,
            "date": formats.date_format(timezone.localtime(event.starts_at), "j F Y, H:i")}


def _page(request: HttpRequest, rows: QuerySet, parameter: str, per_page: int) -> Page:
    return Paginator(rows, per_page).get_page(request.GET.get(parameter))


@requires(Capability.COURSES)
def catalogue(request: ContactRequest) -> HttpResponse:
    """Active courses with their upcoming events, filtered by level (R-ROLE-2, R-COURSE-1)."""
    contact = request.portal.contact
    form = CatalogueFilterForm(request.GET or None)
    courses = queries.catalogue_for(contact, now=timezone.now(), level=form.chosen_level())
    return render(request, "courses/catalogue.html", {
        "form": form,
        "page": _page(request, courses, "page", COURSES_PER_PAGE),
        "gate": submission_gate(contact),
    })


@requires(Capability.COURSES)
def my_courses(request: ContactRequest) -> HttpResponse:
    """Own enrolments, results and material; for administrators also the organisation's
    enrolments and results (R-ROLE-2, R-ROLE-3, R-COURSE-2, R-COURSE-3)."""
    contact, now = request.portal.contact, timezone.now()
    context = {
        "enrolments": list(queries.enrolments_of(contact, now=now)),
        "results": list(queries.results_of(contact)),
        "material": list(queries.material_for(contact)),
        "gate": submission_gate(contact),
    }
    if can(contact, Capability.ORGANISATION_COURSES):
        context["organisation_enrolments"] = _page(
            request, queries.organisation_enrolments(contact, now=now), "enrolments",
            ORGANISATION_ROWS_PER_PAGE)
        context["organisation_results"] = _page(
            request, queries.organisation_results(contact), "results",
            ORGANISATION_ROWS_PER_PAGE)
    return render(request, "courses/mine.html", context)


@require_POST
@requires(Capability.COURSES)
def enrol(request: ContactRequest, pk: int) -> HttpResponse:
    """Enrol for an event, or join its waiting list when it is full (R-COURSE-1)."""
    contact = request.portal.contact
    event = queries.get_event_for(contact, pk)
    names = _event_names(event)
    try:
        enrolment = actions.enrol(contact=contact, event=event)
    except actions.EventClosed:
        messages.error(request, _("You cannot enrol for %(course)s on %(date)s: the event has "
                                  "started or was cancelled.") % names)
    except actions.AlreadyEnrolled as already:
        position = queries.waiting_position(already.enrolment)
        if position is None:
            messages.info(request, _("You are already enrolled for %(course)s on %(date)s.")
                          % names)
        else:
            messages.info(request, _("You are already on the waiting list for %(course)s on "
                                     "%(date)s: you are number %(position)s.")
                          % {**names, "position": position})
    else:
        if enrolment.status == EnrolmentStatus.ENROLLED:
            messages.success(request, _("You are enrolled for %(course)s on %(date)s.") % names)
        else:
            messages.warning(request, _(
                "The event is full: you are number %(position)s on the waiting list for "
                "%(course)s on %(date)s. When a seat becomes free, it is yours and we email "
                "you.") % {**names, "position": queries.waiting_position(enrolment)})
    return redirect_back(request, fallback="courses")


@requires(Capability.COURSES)
def cancel(request: ContactRequest, pk: int) -> HttpResponse:
    """Cancel one's own enrolment or leave the waiting list; a freed seat goes to the first
    in line (R-COURSE-1). GET asks to confirm (a seat given up may go to someone else for
    good), POST cancels; both work without JavaScript."""
    contact = request.portal.contact
    enrolment = queries.get_enrolment_for(contact, pk)
    names = _event_names(enrolment.event)
    was_waiting = enrolment.status == EnrolmentStatus.WAITING
    if request.method != "POST":
        return render(request, "courses/cancel.html", {
            "enrolment": enrolment, "event": enrolment.event, "was_waiting": was_waiting,
            "has_started": not enrolment.event.is_upcoming,
            "others_waiting": queries.others_waiting(enrolment),
            "next": redirect_back_target(request, fallback="my_courses"),
        })
    try:
        actions.cancel_enrolment(contact=contact, enrolment=enrolment)
    except actions.EventClosed:
        messages.error(request, _("You can no longer cancel your enrolment for %(course)s on "
                                  "%(date)s: the event has started.") % names)
    else:
        messages.success(request, (_("You left the waiting list for %(course)s on %(date)s.")
                                   if was_waiting else
                                   _("Your enrolment for %(course)s on %(date)s is cancelled."))
                         % names)
    return redirect_back(request, fallback="my_courses")


@never_cache
@requires(Capability.COURSE_MATERIAL, refuse_with_404=True)
def material(request: ContactRequest, pk: int) -> FileResponse:
    """A course-material file, only for contacts with EMPLOYEE or ADMINISTRATOR who have a
    seat in the course; anything else is 404 (R-COURSE-3, R-ROLE-3, R-ROLE-14)."""
    item = queries.get_material_for(request.portal.contact, pk)
    return private_file_response(item.file)
