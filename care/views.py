"""Feedback and complaints (R-CARE-1, R-ROLE-11) and extra support outside opening hours
for administrators (R-CARE-2, R-ROLE-12)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.permissions import Capability, requires
from contacts.models import ServiceLevel
from incidents.calendar import weekly_schedule
from contacts.middleware import ContactRequest
from core.drafts import take_draft

from . import actions, queries
from .forms import ExtraSupportForm, FeedbackForm
from .models import FeedbackKind

ROWS_PER_PAGE = 20


def _when(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "l j F Y, H:i")


def _date(day: dt.date) -> str:
    return formats.date_format(day, "l j F Y")


def _time(moment: dt.time) -> str:
    return formats.time_format(moment, "H:i")


def _opening_hours() -> list[tuple[str, dt.time, dt.time]]:
    """(weekday, opens, closes) of the desk's regular week, for the page's explanation."""
    return [(WEEKDAYS[weekday], *hours) for weekday, hours in weekly_schedule() if hours]


def _refuse(form: ExtraSupportForm, refusal: actions.CareError) -> None:
    """Put the rule that refused the request on the form, naming what to change (R-X-2)."""
    if isinstance(refusal, actions.TooEarly):
        form.add_error("starts_at", _(
            "Extra support must be requested at least %(days)s days ahead: the first "
            "date you can choose is %(date)s.") % {
                "days": actions.EXTRA_SUPPORT_DAYS_AHEAD, "date": _date(refusal.first_allowed)})
    elif isinstance(refusal, actions.EndsBeforeStart):
        form.add_error("ends_at", _("The end must be after the start."))
    elif isinstance(refusal, actions.WithinOpeningHours):
        overlaps = "; ".join(_(
            "%(day)s %(start)s–%(end)s falls within opening hours (%(opens)s–%(closes)s)") % {
                "day": formats.date_format(overlap.starts_at.date(), "l j F"),
                "start": _time(overlap.starts_at.time()), "end": _time(overlap.ends_at.time()),
                "opens": _time(overlap.opens), "closes": _time(overlap.closes)}
            for overlap in refusal.overlaps)
        form.add_error(None, _(
            "%(overlaps)s. Extra support is for outside our opening hours; within them, "
            "only for an outage (give its incident number).") % {"overlaps": capfirst(overlaps)})
    elif isinstance(refusal, actions.UnknownIncident):
        form.add_error("outage_number", _(
            "Your organisation has no incident with number %(number)s.") % {
                "number": refusal.number})
    elif isinstance(refusal, actions.NotAnOutage):
        form.add_error("outage_number", _(
            "Incident %(number)s is not an outage. Extra support within opening hours is "
            "only for an outage.") % {"number": refusal.incident.number})
    else:
        raise refusal


@requires(Capability.FEEDBACK)
def feedback(request: ContactRequest) -> HttpResponse:
    """Send feedback or a complaint; follow what was sent (an administrator: the
    organisation's)."""
    contact = request.portal.contact
    form = (FeedbackForm(request.POST) if request.method == "POST"
            else FeedbackForm(initial=take_draft(request, FeedbackForm)))
    if request.method == "POST" and form.is_valid():
        item = actions.send_feedback(contact=contact, kind=FeedbackKind(form.cleaned_data["kind"]),
                                     subject=form.cleaned_data["subject"],
                                     message=form.cleaned_data["message"])
        if item.is_complaint and item.response_due_at is not None:  # always set for one
            messages.success(request, _("We received your complaint and respond by %(when)s "
                                        "at the latest.") % {"when": _when(item.response_due_at)})
        else:
            messages.success(request, _("Thank you for your feedback."))
        return redirect("feedback_detail", pk=item.pk)
    rows = queries.feedback_for(contact)
    return render(request, "care/feedback.html", {
        "form": form,
        "page": Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page")),
        "whole_organisation": queries.sees_whole_organisation(contact),
    })


@requires(Capability.FEEDBACK)
def feedback_detail(request: ContactRequest, pk: int) -> HttpResponse:
    """One item with its status, the complaint's response target and our response."""
    item = queries.get_feedback_for(request.portal.contact, pk)
    return render(request, "care/detail.html", {"item": item})


@requires(Capability.EXTRA_SUPPORT)
def extra_support(request: ContactRequest) -> HttpResponse:
    """Request extra support outside opening hours (within them for an outage), at least
    five days ahead; the organisation's requests with their status (R-CARE-2, R-ROLE-12)."""
    contact = request.portal.contact
    form = (ExtraSupportForm(request.POST) if request.method == "POST"
            else ExtraSupportForm(initial=take_draft(request, ExtraSupportForm)))
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_extra_support(contact=contact, **form.cleaned_data)
        except actions.CareError as refusal:
            _refuse(form, refusal)
        else:
            messages.success(request, _("We received your request for extra support. You "
                                        "will get an email when it is confirmed."))
            return redirect("extra_support")
    return render(request, "care/extra_support.html", {
        "form": form,
        "first_allowed": actions.first_allowed_start(),
        "first_class": request.portal.organisation.service_level == ServiceLevel.FIRST_CLASS,
        "opening_hours": _opening_hours(),
        "page": Paginator(queries.extra_support_for(contact), ROWS_PER_PAGE).get_page(
            request.GET.get("page")),
    })
