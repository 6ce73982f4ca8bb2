"""The admin opens only after the second factor (R-X-7), also without the middleware.

``accounts.middleware`` already sends staff without a passed second factor to enrolment or to
the code. Two hooks make the admin safe on its own: ``has_permission`` asks the same rule
(``accounts.mfa.second_factor_step``), and the admin's own login form, which would log a
user in with a password alone (outside allauth's TOTP step and rate limits), never renders:
anonymous visitors go to allauth's login, staff on to the admin or their step.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.mfa import second_factor_step


def _next(request: HttpRequest) -> str:
    wanted = request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return reverse("admin:index")


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponseRedirect:
    """Replaces ``AdminSite.login`` (GET and POST alike)."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(_next(request), settings.LOGIN_URL)
    if not (user.is_active and user.is_staff):
        raise PermissionDenied
    step = second_factor_step(request)
    return HttpResponseRedirect(reverse(step) if step else _next(request))


def require_second_factor(site: AdminSite) -> None:
    """Call before ``site.urls`` is built (``portal.urls``)."""
    plain_has_permission = site.has_permission

    def has_permission(request: HttpRequest) -> bool:
        return plain_has_permission(request) and second_factor_step(request) is None

    site.has_permission = has_permission  # type: ignore[method-assign]
    site.login = admin_login  # type: ignore[method-assign]
