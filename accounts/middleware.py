"""R-X-7: nobody who needs a second factor sees a page before they have passed it.

Staff (the admin and every other page) and contacts whose active organisation requires it are
sent to set up an authenticator app, or to enter a code when the session has not passed the
one they have (``accounts.mfa.second_factor_step``). Open on the way: logging out, allauth's
two-factor and reauthentication pages (enrolment asks for the password first), email
verification (allauth refuses an app while an address is unverified), the language and
organisation switchers, static files and ``/healthz``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts import mfa
from contacts.middleware import PortalRequest

OPEN_URL_NAMES = frozenset({
    "account_logout", "account_reauthenticate", "account_email", "account_confirm_email",
    "account_email_verification_sent", "healthz", "change_language", "switch_organisation",
    "choose_organisation", "second_factor_continue",
})


def is_open(request: HttpRequest) -> bool:
    """May this request go on without a second factor?"""
    if request.path_info.startswith(settings.STATIC_URL):
        return True
    match = request.resolver_match
    name = match.url_name if match is not None and not match.namespaces else None
    return name is not None and (name in OPEN_URL_NAMES or name.startswith("mfa_"))


class SecondFactorMiddleware:
    """Place after the middleware that sets ``request.portal`` (the active contact)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: PortalRequest, view_func: Callable, view_args: list,
                     view_kwargs: dict) -> HttpResponse | None:
        if is_open(request):
            return None
        step = mfa.second_factor_step(request)
        if step is None:
            return None
        if request.headers.get("HX-Request") == "true":
            # A partial would swap the step's page into its block: reload the whole page,
            # which then comes here as a plain GET.
            return HttpResponse(status=204, headers={"HX-Refresh": "true"})
        url = reverse(step)
        if request.method == "GET":
            # Back here afterwards: after the code at once, after enrolment from the
            # recovery codes' "Continue" (a POST is not repeated: it asked too early).
            wanted = request.get_full_path()
            request.session[mfa.NEXT_SESSION_KEY] = wanted
            if step == mfa.VERIFY:
                url = f"{url}?{urlencode({'next': wanted})}"
            messages.warning(request, _reason(request, step))
        return HttpResponseRedirect(url)


def _reason(request: PortalRequest, step: str) -> str:
    if step == mfa.VERIFY:
        return _("Enter a code from your authenticator app to continue.")
    if request.user.is_staff:
        return _("Staff members need two-factor authentication. Set up an authenticator app "
                 "to continue.")
    return _("%(organisation)s requires two-factor authentication. Set up an authenticator "
             "app to continue.") % {"organisation": request.portal.organisation}
