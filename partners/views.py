"""The public partner page and the partner portal (R-PART-3, R-PART-5)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.permissions import Capability, requires
from contacts.middleware import ContactRequest
from core.private_files import private_file_response

from . import actions, queries
from .forms import PartnerSearchForm, QuestionForm
from .rules import DUE_SOON_DAYS, NOTICE_MONTHS

INTEGRATIONS_PER_PAGE = 20
QUESTIONS_PER_PAGE = 10


def public_list(request: HttpRequest) -> HttpResponse:
    """Certified integrations with their partner and last scan, for everyone (R-PART-3)."""
    form = PartnerSearchForm(request.GET or None)
    integrations = queries.listed_integrations(search=form.search())
    page = Paginator(integrations, INTEGRATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "partners/list.html", {"form": form, "page": page})


@requires(Capability.PARTNER_PORTAL)
def portal(request: ContactRequest) -> HttpResponse:
    """The partner's integrations, scans, documents, benefits and questions; a POST asks the
    partner managers a question (R-PART-5)."""
    contact = request.portal.contact
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.ask_question(contact=contact, **form.cleaned_data)
        messages.success(request, _("Your question has been sent to the partner managers. "
                                    "Their answer appears on this page."))
        return redirect("partner")
    today = timezone.localdate()
    return render(request, "partners/portal.html", {
        "form": form,
        "due_soon": today + dt.timedelta(days=DUE_SOON_DAYS),
        "notice_months": NOTICE_MONTHS,
        "integrations": list(queries.integrations_of(contact, today=today)),
        "documents": list(queries.documents_of(contact)),
        "questions": Paginator(queries.questions_of(contact), QUESTIONS_PER_PAGE).get_page(
            request.GET.get("questions")),
    })


@never_cache
@requires(Capability.PARTNER_PORTAL)
def document(request: ContactRequest, pk: int) -> FileResponse:
    """An agreement document of the contact's own partner organisation; 404 for another's."""
    item = queries.get_document_for(request.portal.contact, pk)
    return private_file_response(item.file, content_type="application/pdf")


@never_cache
@requires(Capability.PARTNER_PORTAL)
def scan_report(request: ContactRequest, pk: int) -> FileResponse:
    """The full report of one of the partner's quickscans; 404 for another partner's."""
    scan = queries.get_scan_report_for(request.portal.contact, pk)
    return private_file_response(scan.report, filename=f"quickscan-{scan.scanned_on}.pdf",
                                 content_type="application/pdf")
