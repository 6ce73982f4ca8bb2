"""Webhooks for the organisation's administrators (R-HOOK-1): the endpoints, one endpoint
with its delivery log, adding and changing one, rotating its secret (shown once), enabling
and disabling it, and sending a delivery again."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import Capability, requires
from contacts.middleware import ContactRequest

from . import actions, queries
from .forms import EndpointForm

DELIVERIES_PER_PAGE = 25
# The secret waits in the session between the POST that made it and the one page that
# shows it; reading it removes it.
# Not a password (bandit B105): a session key name.
SECRET_SESSION_KEY = "webhook_secret"  # nosec B105


def _keep_secret(request: ContactRequest, endpoint_pk: int, secret: str) -> None:
    request.session[SECRET_SESSION_KEY] = {"endpoint": endpoint_pk, "secret": secret}


def _take_secret(request: ContactRequest, endpoint_pk: int) -> str | None:
    kept = request.session.get(SECRET_SESSION_KEY)
    if not kept or kept.get("endpoint") != endpoint_pk:
        return None
    del request.session[SECRET_SESSION_KEY]
    return kept.get("secret")


@requires(Capability.WEBHOOKS)
def endpoint_list(request: ContactRequest) -> HttpResponse:
    """The organisation's endpoints."""
    return render(request, "webhooks/list.html", {
        "endpoints": list(queries.endpoints_of(request.portal.organisation))})


@requires(Capability.WEBHOOKS)
@reauthentication_required  # R-X-7: the page hands out a secret (asked before the form)
def endpoint_new(request: ContactRequest) -> HttpResponse:
    """Register an endpoint; its secret is shown once, on the next page."""
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        endpoint = actions.register_endpoint(actor=request.portal.contact, **form.cleaned_data)
        _keep_secret(request, endpoint.pk, endpoint.secret)
        messages.success(request, _("The endpoint has been registered. Copy its secret now: "
                                    "it is shown only once."))
        return redirect("webhook_detail", pk=endpoint.pk)
    return render(request, "webhooks/form.html", {"form": form, "endpoint": None})


@never_cache
@requires(Capability.WEBHOOKS)
def endpoint_detail(request: ContactRequest, pk: int) -> HttpResponse:
    """One endpoint with its delivery log (status, response code, attempts, next attempt)."""
    endpoint = queries.get_endpoint_for(request.portal.organisation, pk)
    return render(request, "webhooks/detail.html", {
        "endpoint": endpoint,
        "secret": _take_secret(request, endpoint.pk),
        "now": timezone.now(),
        "page": Paginator(queries.deliveries_of(endpoint), DELIVERIES_PER_PAGE).get_page(
            request.GET.get("page")),
    })


@requires(Capability.WEBHOOKS)
def endpoint_edit(request: ContactRequest, pk: int) -> HttpResponse:
    """Change the address, description and events of an endpoint."""
    endpoint = queries.get_endpoint_for(request.portal.organisation, pk)
    form = EndpointForm(request.POST or None, initial={
        "url": endpoint.url, "description": endpoint.description, "events": endpoint.events})
    if request.method == "POST" and form.is_valid():
        actions.update_endpoint(actor=request.portal.contact, endpoint=endpoint,
                                **form.cleaned_data)
        messages.success(request, _("The endpoint has been changed."))
        return redirect("webhook_detail", pk=endpoint.pk)
    return render(request, "webhooks/form.html", {"form": form, "endpoint": endpoint})


@requires(Capability.WEBHOOKS)
@reauthentication_required  # R-X-7: the page hands out a secret (asked before the form)
def endpoint_rotate(request: ContactRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST makes a new secret (shown once), the old one keeps signing
    beside it for a day."""
    endpoint = queries.get_endpoint_for(request.portal.organisation, pk)
    if request.method != "POST":
        return render(request, "webhooks/rotate.html", {"endpoint": endpoint})
    endpoint = actions.rotate_secret(actor=request.portal.contact, endpoint=endpoint)
    _keep_secret(request, endpoint.pk, endpoint.secret)
    messages.success(request, _("The endpoint has a new secret. Copy it now: it is shown only "
                                "once. The old secret keeps working until %(until)s.")
                     % {"until": date_format(timezone.localtime(endpoint.previous_secret_until),
                                             "DATETIME_FORMAT")})
    return redirect("webhook_detail", pk=endpoint.pk)


@require_POST
@requires(Capability.WEBHOOKS)
def endpoint_set_enabled(request: ContactRequest, pk: int) -> HttpResponse:
    """Disable an endpoint (what waits for it is not sent) or enable it again."""
    endpoint = queries.get_endpoint_for(request.portal.organisation, pk)
    enabled = request.POST.get("enabled") == "1"
    actions.set_endpoint_enabled(actor=request.portal.contact, endpoint=endpoint,
                                 enabled=enabled)
    messages.success(request, _("The endpoint is enabled.") if enabled
                     else _("The endpoint is disabled: nothing is sent to it."))
    return redirect("webhook_detail", pk=endpoint.pk)


@require_POST
@requires(Capability.WEBHOOKS)
def delivery_resend(request: ContactRequest, pk: int, delivery: int) -> HttpResponse:
    """Send a delivery's event again (with the same webhook-id)."""
    endpoint = queries.get_endpoint_for(request.portal.organisation, pk)
    item = queries.get_delivery_for(endpoint, delivery)
    try:
        actions.resend_delivery(actor=request.portal.contact, delivery=item)
    except actions.EndpointDisabled:
        messages.error(request, _("Enable the endpoint first: nothing is sent to a disabled "
                                  "endpoint."))
    except actions.AlreadyPending:
        messages.error(request, _("This event is already on its way to the endpoint."))
    else:
        messages.success(request, _("The event will be sent again."))
    return redirect("webhook_detail", pk=endpoint.pk)
