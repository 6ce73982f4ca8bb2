"""The one-click "still correct" link of the organisation-details check (R-CARE-3)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache

from contacts import checks


@never_cache
def confirm_organisation_check(request: HttpRequest, token: str) -> HttpResponse:
    """Record that the organisation's details are still correct; no login needed.

    A GET changes state here on purpose: the email promises one click. That is acceptable
    because the signed link is bound to one check and one administrator, the change only
    records "still correct" (no data is altered), and it is idempotent: a second click, or a
    mail scanner fetching the link first, records nothing new.
    """
    try:
        confirmation = checks.confirm_organisation_check(token=token)
    except checks.InvalidConfirmationLink as invalid:
        return render(request, "contacts/check_link_invalid.html",
                      {"expired": invalid.expired, "valid_days": checks.CONFIRMATION_LINK_DAYS},
                      status=400)
    allowed = confirmation.outcome is not checks.Outcome.NOT_ALLOWED
    language = confirmation.contact.language
    with translation.override(language):  # the language of the email that held the link
        response = render(request, "contacts/check_confirm.html", {
            "confirmation": confirmation, "check": confirmation.check,
            "organisation": confirmation.check.organisation,
            "outcome": confirmation.outcome.value,
        }, status=200 if allowed else 403)
    response["Content-Language"] = language
    response["X-Robots-Tag"] = "noindex"
    return response
