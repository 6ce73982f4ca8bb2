from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.permissions import Capability, requires
from contacts.middleware import ContactRequest
from core.private_files import private_file_response

from .forms import InvoiceFilterForm
from .models import Invoice
from .queries import get_invoice_for, invoices_for, subscriptions_for

INVOICES_PER_PAGE = 25


@requires(Capability.INVOICES)
def invoices(request: ContactRequest) -> HttpResponse:
    """The organisation's invoices, filtered by status and paginated, and its
    subscriptions (R-ROLE-10)."""
    organisation = request.portal.organisation
    form = InvoiceFilterForm(request.GET or None)
    page = Paginator(invoices_for(organisation, status=form.chosen_status()),
                     INVOICES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "invoices/invoices.html", {
        "form": form,
        "page": page,
        "subscriptions": list(subscriptions_for(organisation)),
    })


@never_cache
@requires(Capability.INVOICES)
def invoice_pdf(request: ContactRequest, number: str) -> FileResponse:
    """The invoice's PDF, only for its own organisation's administrators (R-ROLE-10/14)."""
    return pdf_response(get_invoice_for(request.portal.organisation, number))


def pdf_response(invoice: Invoice) -> FileResponse:
    """The stored PDF as a download named after the invoice; 404 when there is none."""
    return private_file_response(invoice.pdf, filename=f"{invoice.number}.pdf",
                                 content_type="application/pdf")
