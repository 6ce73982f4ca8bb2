"""The API's one permission class (R-API-2): every API view names the web page whose door it
shares (``web_views``, per HTTP method), and the check is that page's own: the capabilities
its ``@requires`` recorded (``accounts.permissions``), or the page's own gate when it has one
(the incident pages' ``may_open_incidents``). No second matrix: a change of the role matrix
changes the page and the API alike."""
# DRF and drf-spectacular ship no type information (no stubs among the dependencies):

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts.permissions import Capability, CapabilityDenied, can_any, capabilities_of_view

# Where a web view with a gate of its own (not just ``@requires``) keeps it: a function of
# the active contact (``None`` for none), e.g. ``incidents.views._requires_incident_access``.
VIEW_ACCESS_CHECK = "access_check"


def web_view_for(view: Any, method: str) -> Callable | Capability | None:
    """The web page whose door this API view and method share; ``None``: any login."""
    web_views: dict[str, Callable | Capability] = getattr(view, "web_views", {})
    return web_views.get("GET" if method in ("HEAD", "OPTIONS") else method)


class CapabilityPermission(BasePermission):
    """Logged in (token or session) first (401), then the web page's capability (403 with
    the roles that grant it, R-ROLE-14); objects of another organisation are 404 in the
    scoped queries the views call."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        method = request.method or "GET"
        if not hasattr(view, method.lower()):
            return True  # the view answers 405 (problem details), not a 403
        web = web_view_for(view, method)
        if web is None:
            return bool(getattr(view, "any_login", False))
        contact = request.portal.contact
        # A change a page makes inside its view (the organisation page's POST asks for
        # EDIT_ORGANISATION itself) is named by that capability.
        capabilities = (web,) if isinstance(web, Capability) else capabilities_of_view(web)
        check = getattr(web, VIEW_ACCESS_CHECK, None)
        allowed = check(contact) if check is not None else can_any(contact, *capabilities)
        if not allowed:
            raise CapabilityDenied(*capabilities)
        return True
