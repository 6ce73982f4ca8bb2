"""Consultancy for the organisation's administrators (R-CONS-1 … 3): the projects with their
appointments, one project's page with its hours per month, and visit requests."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import Capability, requires
from contacts.middleware import ContactRequest

from . import actions, queries
from .chart import hours_chart
from .forms import VisitRequestForm, week_label
from .models import VisitKind

REQUESTS_PER_PAGE = 20


@requires(Capability.CONSULTANCY)
def overview(request: ContactRequest) -> HttpResponse:
    """The organisation's projects, its upcoming appointments and the latest past ones
    (R-CONS-1, R-CONS-2)."""
    organisation = request.portal.organisation
    return render(request, "consultancy/overview.html", {
        "projects": list(queries.projects_for(organisation)),
        "upcoming": list(queries.upcoming_appointments(organisation)),
        "past": list(queries.past_appointments(organisation)[:queries.RECENT_PAST]),
    })


@requires(Capability.CONSULTANCY)
def project(request: ContactRequest, pk: int) -> HttpResponse:
    """One project: its figures, appointments and the hours booked per month (R-CONS-1/2)."""
    organisation = request.portal.organisation
    item = queries.get_project_for(organisation, pk)
    return render(request, "consultancy/project.html", {
        "project": item,
        "upcoming": list(queries.upcoming_appointments(organisation, project=item)),
        "past": list(queries.past_appointments(organisation, project=item)),
        "chart": hours_chart(queries.hours_per_month(item)),
    })


def _refuse(form: VisitRequestForm, refusal: actions.ConsultancyError) -> None:
    """Put the rule that refused the request on the form (R-X-2)."""
    if isinstance(refusal, actions.NoWeekChosen):
        form.add_error("weeks", _("Choose at least one week."))
    elif isinstance(refusal, actions.WeekNotOffered):
        form.add_error("weeks", _("%(week)s can no longer be chosen; choose another week.")
                       % {"week": week_label(refusal.week)})
    elif isinstance(refusal, actions.ProjectOfAnotherOrganisation):
        form.add_error("project", _("Choose one of your organisation's projects."))
    else:
        raise refusal


@requires(Capability.CONSULTANCY)
def visits(request: ContactRequest) -> HttpResponse:
    """Request a consultant's or an adviser's visit; the organisation's requests with their
    state and our answer (R-CONS-3)."""
    contact, organisation = request.portal.contact, request.portal.organisation
    chosen = request.GET.get("project", "")
    form = VisitRequestForm(request.POST if request.method == "POST" else None,
                            projects=queries.projects_to_choose(organisation),
                            initial={"project": chosen if chosen.isdigit() else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.request_visit(contact=contact, kind=VisitKind(data["kind"]),
                                  subject=data["subject"], weeks=data["weeks"],
                                  details=data["details"], project=data["project"])
        except actions.ConsultancyError as refusal:
            _refuse(form, refusal)
        else:
            messages.success(request, _("We received your request for a visit. You will get "
                                        "our answer by email."))
            return redirect("consultancy_visits")
    return render(request, "consultancy/visits.html", {
        "form": form,
        "page": Paginator(queries.visit_requests_for(organisation), REQUESTS_PER_PAGE)
        .get_page(request.GET.get("page")),
    })
