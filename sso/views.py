"""The way in to an organisation's identity provider (R-SSO-1): the person types their work
address, and the portal sends them to the provider of the organisation that claims its
domain. No list of organisations is ever shown."""

from __future__ import annotations

import logging

import requests
from allauth.socialaccount.providers.base import AuthProcess
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import FindProviderForm

logger = logging.getLogger(__name__)


def _next(request: HttpRequest) -> str | None:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()},
                                                  request.is_secure()):
        return wanted
    return None


@require_http_methods(["GET", "POST"])
def sso_login(request: HttpRequest) -> HttpResponse:
    """GET: the form; POST: off to the organisation's provider (or the form with why not)."""
    form = FindProviderForm(request.POST if request.method == "POST" else None)
    status = 400 if form.is_bound else 200
    if form.is_valid():
        if form.single_sign_on is None:  # a valid form found it
            raise Http404
        provider = form.single_sign_on.app.get_provider(request)
        try:
            return provider.redirect(request, AuthProcess.LOGIN, next_url=_next(request),
                                     auth_params={"login_hint": form.cleaned_data["email"]})
        except (requests.RequestException, OAuth2Error, KeyError, ValueError):
            logger.warning("The identity provider of %s did not answer its discovery",
                           form.single_sign_on.organisation, exc_info=True)
            messages.error(request, _("Your organisation's identity provider cannot be reached "
                                      "right now. Try again later."))
            status = 503
    return render(request, "sso/login.html", {"form": form, "next": _next(request) or ""},
                  status=status)
