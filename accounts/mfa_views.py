"""The way back after enrolling a second factor (R-X-7)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts import mfa


@login_required
def continue_after_enrolment(request: HttpRequest) -> HttpResponseRedirect:
    """From the recovery codes to the page that asked for the second factor; without one,
    the admin for staff and the dashboard for contacts."""
    wanted = request.session.pop(mfa.NEXT_SESSION_KEY, "")
    if not url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        wanted = reverse("admin:index" if request.user.is_staff else "dashboard")
    return HttpResponseRedirect(wanted)
