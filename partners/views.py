"""The public partner page (the register), the partner portal and an administrator's notice
on an integration (R-PART-3, R-PART-5 … R-PART-8)."""

from __future__ import annotations

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
from .forms import PartnerDetailsForm, PartnerSearchForm, QuestionForm
from .rules import NOTICE_MONTHS, notice_ends_on

INTEGRATIONS_PER_PAGE = 20
QUESTIONS_PER_PAGE = 10


def public_list(request: HttpRequest) -> HttpResponse:
    """The register: integrations whose quickscan is current, with their partner and when
    the next one is due, for everyone (R-PART-3, R-PART-6)."""
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
        "notice_months": NOTICE_MONTHS,
        "integrations": queries.integrations_of(contact, today=today),
        "documents": list(queries.documents_of(contact)),
        "questions": Paginator(queries.questions_of(contact), QUESTIONS_PER_PAGE).get_page(
            request.GET.get("questions")),
    })


@requires(Capability.PARTNER_DETAILS)
def details(request: ContactRequest) -> HttpResponse:
    """The partner's administrator changes the website and contact email of the public
    register (issue 14); always their own organisation's, so there is no other to reach."""
    contact = request.portal.contact
    form = PartnerDetailsForm(request.POST if request.method == "POST" else None,
                              instance=contact.organisation)
    if request.method == "POST" and form.is_valid():
        actions.update_partner_details(actor=contact, organisation=contact.organisation,
                                       **form.cleaned_data)
        messages.success(request, _("The partner page now shows your new details."))
        return redirect("partner")
    return render(request, "partners/details.html", {"form": form})


@never_cache
@requires(Capability.PARTNER_PORTAL)
def document(request: ContactRequest, pk: int) -> FileResponse:
    """An agreement document of the contact's own partner organisation; 404 for another's."""
    item = queries.get_document_for(request.portal.contact, pk)
    return private_file_response(item.file, content_type="application/pdf")


@requires(Capability.PARTNER_NOTICE)
def give_notice(request: ContactRequest, pk: int) -> HttpResponse:
    """R-PART-8: GET asks the partner's administrator to confirm (no JavaScript needed), POST
    gives notice on the integration; another partner's integration is 404."""
    contact, today = request.portal.contact, timezone.localdate()
    integration = queries.get_integration_for(contact, pk, today=today)
    if request.method == "POST":
        try:
            actions.give_notice_as_partner(contact=contact, integration=integration, today=today)
        except actions.PartnerError:
            messages.error(request, _("Notice was already given on this integration, or its "
                                      "agreement has ended."))
        else:
            messages.success(request, _("You gave notice on %(name)s. The partner managers "
                                        "have been told.") % {"name": integration.name})
        return redirect("partner")
    return render(request, "partners/give_notice.html", {
        "integration": integration,
        "ends_on": notice_ends_on(today, integration.notice_months),
    })
