from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.permissions import Capability, requires
from incidents.queries import support_overview

# The clock, replaceable in tests.
now = timezone.now


@requires(Capability.OWN_DETAILS)
def support(request: HttpRequest) -> HttpResponse:
    """Seats, whether the contact may submit, phone number and opening hours (R-QUOTA-4,
    R-ROLE-6, R-INC-5, R-INC-10)."""
    return render(request, "incidents/support.html", {
        "overview": support_overview(request.portal.contact, now()),
    })
