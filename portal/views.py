from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from kombu import Connection

from accounts.permissions import CapabilityDenied, roles_needed, ROLE_MATRIX
from accounts.roles import Role
from api.problems import problem_response
from contacts.middleware import PortalRequest
from contacts.queries import administrators_of
from core import heartbeat, outbox
from portal.attention import attention_for
from portal.celery import app as celery_app

logger = logging.getLogger(__name__)


@login_required
def dashboard(request: PortalRequest) -> HttpResponse:
    """What needs the active contact (issue 14), then a tile for every page they may use."""
    contact = request.portal.contact
    return render(request, "portal/dashboard.html", {
        "attention": attention_for(contact) if contact is not None else None,
    })


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


class BrokerProbe:
    """One broker connection per process for /healthz, reused from call to call (issue 15):
    a load balancer probes every few seconds, and a new connection per probe cost a TCP (and
    on Redis a client) set-up each time. Each call still makes a round trip, so a broker that
    went away is seen at once; after a failure the connection is dropped and the next call
    opens a new one. A changed broker URL (tests) also gets a new connection."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: Connection | None = None

    def check(self) -> None:
        with self._lock:
            url = celery_app.conf.broker_url
            if self._connection is not None and self._connection.as_uri(
                    include_password=True) != Connection(url).as_uri(include_password=True):
                self.close()
            if self._connection is None:
                self._connection = celery_app.connection_for_write()
            try:
                self._connection.ensure_connection(max_retries=1, timeout=2)
                client = getattr(self._connection.default_channel, "client", None)
                if client is not None:  # Redis: the round trip that proves it still answers
                    client.ping()
            except Exception:
                self.close()
                raise

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.release()
            except Exception:  # closing a connection that already broke is not news
                logger.debug("Closing the health check's broker connection failed",
                             exc_info=True)
            self._connection = None


broker_probe = BrokerProbe()


def _broker() -> None:
    if celery_app.conf.task_always_eager:
        return  # tasks run in-process: there is no broker to reach
    broker_probe.check()


def _age(moment) -> int | None:
    return None if moment is None else int((timezone.now() - moment).total_seconds())


def _liveness() -> dict[str, object]:
    """Workers and beat seen lately, and the outbox backlog (R-X-8); with tasks run
    in-process (development) there are no workers to see."""
    if celery_app.conf.task_always_eager:
        return {"workers": "in-process", "beat": "in-process"}
    workers = heartbeat.alive(heartbeat.WORKER)
    beat_age = _age(heartbeat.last_seen(heartbeat.BEAT))
    stale = settings.HEARTBEAT_STALE_AFTER
    return {
        "workers": "ok" if workers else "error",
        "workers_alive": len(workers),
        "beat": "ok" if beat_age is not None and beat_age <= 2 * stale else "error",
        "beat_seen_seconds_ago": beat_age,
    }


def _outbox() -> dict[str, object]:
    waiting = outbox.pending()
    oldest = _age(waiting.order_by("created_at").values_list("created_at", flat=True).first())
    return {"outbox": "ok" if oldest is None or oldest <= settings.OUTBOX_STALE_AFTER
            else "error",
            "outbox_waiting": waiting.count(), "outbox_oldest_seconds": oldest}


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, cache and broker reachability (R-X-5), and whether the work gets done:
    workers and beat alive, the outbox not backed up (R-X-8). 200 when all are ok, else 503.
    ``?scope=web`` checks only what the web process itself needs (a load balancer's probe
    should not take the site out of rotation because a worker died)."""
    checks: dict[str, object] = {"database": _check("database", _database),
                                 "cache": _check("cache", _cache),
                                 "broker": _check("broker", _broker)}
    if request.GET.get("scope") != "web" and checks["database"] == "ok":
        checks.update(_liveness())
        checks.update(_outbox())
    healthy = all(value in ("ok", "in-process") for key, value in checks.items()
                  if key in ("database", "cache", "broker", "workers", "beat", "outbox"))
    return JsonResponse({"status": "ok" if healthy else "error", **checks},
                        status=200 if healthy else 503)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403 that names the role needed and the organisation's administrators (R-ROLE-14)."""
    portal = getattr(request, "portal", None)
    organisation = portal.organisation if portal else None
    context: dict[str, object] = {"organisation": organisation, "rule": None,
                                  "other_rules": [], "roles": [], "administrators": []}
    if isinstance(exception, CapabilityDenied):
        context["rule"] = ROLE_MATRIX[exception.capability]
        context["other_rules"] = [ROLE_MATRIX[c] for c in exception.capabilities[1:]]
        wanted = {role for c in exception.capabilities for role in roles_needed(c)}
        context["roles"] = [role for role in Role if role in wanted]
    if organisation is not None:
        context["administrators"] = list(administrators_of(organisation))
    return render(request, "403.html", context, status=403)


def _is_api(request: HttpRequest) -> bool:
    """A request to the REST API, which answers problem details, never a page (R-API-2)."""
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return problem_response(request, 404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return problem_response(request, 500)
    return render(request, "500.html", status=500)
