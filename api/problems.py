"""Every API error as RFC 9457 problem details (R-API-2): ``application/problem+json`` with
``type``, ``title``, ``status``, ``detail`` (and ``errors`` per field for a 400). DRF's
exception handler is the one door: validation, 401, 403 (naming the roles needed, R-ROLE-14),
404, 405, 415, 429 (with ``Retry-After``) and, for anything unexpected, a logged 500. URLs
under /api/ that no view answers get the same shape from the portal's 404 and 500 handlers
(``problem_response``)."""
# DRF and drf-spectacular ship no type information (no stubs among the dependencies):

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from accounts.permissions import CapabilityDenied, roles_needed
from accounts.roles import Role

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://portal.example/api/problems/"

# Problem types (``type`` URIs) by status; a few errors have a more precise one.
_TYPES = {
    400: "validation-error", 401: "not-authenticated", 403: "permission-denied",
    404: "not-found", 405: "method-not-allowed", 406: "not-acceptable",
    413: "payload-too-large", 415: "unsupported-media-type", 429: "throttled",
    500: "server-error",
}


def _titles() -> dict[int, str]:
    return {
        400: _("Your request has errors."), 401: _("Authentication is needed."),
        403: _("You may not do this."), 404: _("Not found."),
        405: _("This method is not allowed here."), 406: _("Not acceptable."),
        409: _("This conflicts with the current state."),
        413: _("The request is too large."), 415: _("Unsupported media type."),
        429: _("Too many requests."), 500: _("Something went wrong on our side."),
    }


def problem(status_code: int, *, detail: str = "", kind: str | None = None,
            **extra: Any) -> dict[str, Any]:
    """The body of a problem: the fields of RFC 9457 and any extension members."""
    body: dict[str, Any] = {
        "type": TYPE_BASE + (kind or _TYPES.get(status_code, "error")),
        "title": _titles().get(status_code, _("Error.")),
        "status": status_code,
        "detail": detail or _titles().get(status_code, ""),
    }
    body.update(extra)
    return body


class ProblemError(exceptions.APIException):
    """An action's refusal as a problem with its own type (e.g. the starter-course gate)."""

    def __init__(self, status_code: int, kind: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status_code, self.kind, self.extra = status_code, kind, extra


def problem_response(request: HttpRequest, status_code: int, detail: str = "") -> JsonResponse:
    """A problem for a URL under /api/ that no API view answered (portal 404 and 500)."""
    return JsonResponse(problem(status_code, detail=detail), status=status_code,
                        content_type=PROBLEM_JSON)


def _field_errors(detail: Any) -> dict[str, list[str]] | list[str]:
    if isinstance(detail, dict):
        return {field: [str(message) for message in
                        (messages if isinstance(messages, list) else [messages])]
                for field, messages in detail.items()}
    if isinstance(detail, list):
        return [str(message) for message in detail]
    return [str(detail)]


def _denied_detail(exc: CapabilityDenied) -> tuple[str, list[str]]:
    """What the 403 page says (R-ROLE-14): the roles that would have opened it."""
    wanted = {role for capability in exc.capabilities for role in roles_needed(capability)}
    roles = [str(role.label) for role in Role if role in wanted]
    if roles:
        return _("This needs one of these roles: %(roles)s.") % {"roles": ", ".join(roles)}, roles
    return _("Your organisation does not allow this."), []


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, answering every error as problem details."""
    extra: dict[str, Any] = {}
    kind = None
    if isinstance(exc, CapabilityDenied):
        detail, roles = _denied_detail(exc)
        exc, extra = exceptions.PermissionDenied(detail), {"roles_needed": roles}
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.messages)
    elif isinstance(exc, ProblemError):
        kind, extra = exc.kind, exc.extra
    response = drf_exception_handler(exc, context)
    if response is None:  # not an API exception: log it, answer a 500 problem
        logger.exception("API request failed", exc_info=exc)
        return Response(problem(500), status=500, content_type=PROBLEM_JSON)
    data = response.data
    code = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        body = problem(code, detail=_("Check the fields named in errors."),
                       errors=_field_errors(data))
    else:
        detail = data.get("detail", "") if isinstance(data, dict) else ""
        body = problem(code, detail=str(detail), kind=kind, **extra)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        body["retry_after"] = int(exc.wait) + (0 if exc.wait == int(exc.wait) else 1)
        response.headers["Retry-After"] = str(body["retry_after"])
    response.data = body
    response.content_type = PROBLEM_JSON
    if code == status.HTTP_401_UNAUTHORIZED:
        response.headers.setdefault("WWW-Authenticate", 'Bearer realm="api"')
    return response
