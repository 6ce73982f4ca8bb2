"""The pages for personal access tokens (R-API-1): the tokens section of /profile/ for
contacts, and a page of their own for staff (who have no /profile/). A new token is shown
once: the create view keeps it in the session until the next page shows (and forgets) it;
only its hash is stored."""

from __future__ import annotations

from typing import Any

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import Capability, requires, staff_may
from contacts.middleware import AuthenticatedRequest, ContactRequest

from . import actions, queries
from .forms import TokenForm

# Not a password (bandit B105): a session key name.
NEW_TOKEN_SESSION_KEY = "api_new_token"  # nosec B105


def _show_once(request: HttpRequest) -> dict[str, str] | None:
    """The token made just before, taken out of the session: it is never shown again."""
    return request.session.pop(NEW_TOKEN_SESSION_KEY, None)


def _remember_once(request: HttpRequest, new: actions.NewToken) -> None:
    request.session[NEW_TOKEN_SESSION_KEY] = {"name": new.token.name, "value": new.plaintext}


def token_section(request: ContactRequest) -> dict[str, Any]:
    """The /profile/ page's tokens section: the contact's tokens, the form, a new token."""
    return {"tokens": list(queries.tokens_of_contact(request.portal.contact)),
            "token_form": TokenForm(), "new_token": _show_once(request), "now": timezone.now()}


@never_cache
@requires(Capability.OWN_DETAILS)
@reauthentication_required(allow_get=True)  # R-X-7: a token is a new way in
def token_new(request: ContactRequest) -> HttpResponse:
    """Make a token acting as the active contact in the active organisation; GET (and a
    refused POST, keeping what was typed) shows the form on a page of its own."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = actions.create_token(contact=request.portal.contact, **form.cleaned_data)
        _remember_once(request, new)
        messages.success(request, _("Your API token has been created."))
        return redirect("/profile/#api-tokens")
    return render(request, "api/token_new.html", {"token_form": form},
                  status=400 if request.method == "POST" else 200)


@require_POST
@requires(Capability.OWN_DETAILS)
def token_revoke(request: ContactRequest, pk: int) -> HttpResponse:
    """Revoke one of the contact's own tokens (another person's: 404)."""
    token = queries.get_own_token(request.user, pk)
    if actions.revoke_token(user=request.user, token=token):
        messages.success(request, _("The token %(name)s has been revoked.") % {"name": token.name})
    return redirect("/profile/#api-tokens")


def _require_staff_token_permission(request: AuthenticatedRequest) -> None:
    if not staff_may(request.user, actions.STAFF_TOKEN_PERMISSION):
        raise PermissionDenied


@never_cache
@login_required
@reauthentication_required(allow_get=True)  # R-X-7
def staff_tokens(request: AuthenticatedRequest) -> HttpResponse:
    """Staff's own tokens: they reach no customer's records, only what staff may (R-API-1)."""
    _require_staff_token_permission(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = actions.create_staff_token(actor=request.user, **form.cleaned_data)
        _remember_once(request, new)
        messages.success(request, _("Your API token has been created."))
        return redirect("staff_tokens")
    return render(request, "api/staff_tokens.html", {
        "tokens": list(queries.tokens_of_staff(request.user)), "token_form": form,
        "new_token": _show_once(request), "now": timezone.now(),
    }, status=400 if request.method == "POST" else 200)


@require_POST
@login_required
def staff_token_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _require_staff_token_permission(request)
    token = queries.get_own_token(request.user, pk)
    if actions.revoke_token(user=request.user, token=token):
        messages.success(request, _("The token %(name)s has been revoked.") % {"name": token.name})
    return redirect("staff_tokens")
