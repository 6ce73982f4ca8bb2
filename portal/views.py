from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.permissions import CapabilityDenied, roles_needed, ROLE_MATRIX
from contacts.models import Role
from contacts.queries import administrators_of
from portal.celery import app as celery_app

logger = logging.getLogger(__name__)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """A tile for every page the active contact may use."""
    return render(request, "portal/dashboard.html")


def _check(name: str, probe) -> str:
    try:
        probe()
    except Exception:  # a health check reports any failure instead of raising it
        logger.exception("Health check %s failed", name)
        return "error"
    return "ok"


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


def _broker() -> None:
    if celery_app.conf.task_always_eager:
        return  # tasks run in-process: there is no broker to reach
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, cache and broker reachability (R-X-5): 200 when all are ok, else 503."""
    checks = {"database": _check("database", _database), "cache": _check("cache", _cache),
              "broker": _check("broker", _broker)}
    healthy = all(status == "ok" for status in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks},
                        status=200 if healthy else 503)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403 that names the role needed and the organisation's administrators (R-ROLE-14)."""
    portal = getattr(request, "portal", None)
    organisation = portal.organisation if portal else None
    context = {"organisation": organisation, "rule": None, "other_rules": [], "roles": [],
               "administrators": []}
    if isinstance(exception, CapabilityDenied):
        context["rule"] = ROLE_MATRIX[exception.capability]
        context["other_rules"] = [ROLE_MATRIX[c] for c in exception.capabilities[1:]]
        wanted = {role for c in exception.capabilities for role in roles_needed(c)}
        context["roles"] = [role for role in Role if role in wanted]
    if organisation is not None:
        context["administrators"] = list(administrators_of(organisation))
    return render(request, "403.html", context, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
