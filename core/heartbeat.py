"""Worker and beat liveness (R-X-8). A worker that hangs instead of dying (it happened: kombu's
``restore_unacked`` crashed after a broker kill and the worker kept its process but stopped
working) must be visible and restarted, not trusted because its process exists.

- Each worker beats from its own event loop (a Celery bootstep on the worker's timer): a loop
  that hangs stops beating. The beat is a row in ``Heartbeat`` (for /healthz and the admin)
  and the modification time of a file (``WORKER_HEARTBEAT_FILE``, for the container's
  healthcheck, which then kills the hung worker so it is restarted).
- Beat is seen through a task it schedules every 30 seconds; the worker that runs it records
  "beat", so a stale "beat" row means beat, the broker or every worker stopped.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from celery import bootsteps
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from .models import Heartbeat

logger = logging.getLogger(__name__)

WORKER, BEAT = "worker", "beat"


def record(*, name: str, kind: str, now: dt.datetime | None = None) -> None:
    Heartbeat.objects.update_or_create(
        name=name, defaults={"kind": kind, "pid": os.getpid(), "seen_at": now or timezone.now()})


def alive(kind: str, *, now: dt.datetime | None = None) -> list[Heartbeat]:
    """The workers (or beat) seen within ``HEARTBEAT_STALE_AFTER`` seconds."""
    cutoff = (now or timezone.now()) - dt.timedelta(seconds=settings.HEARTBEAT_STALE_AFTER)
    return list(Heartbeat.objects.filter(kind=kind, seen_at__gte=cutoff))


def last_seen(kind: str) -> dt.datetime | None:
    return (Heartbeat.objects.filter(kind=kind).order_by("-seen_at")
            .values_list("seen_at", flat=True).first())


class WorkerHeartbeat(bootsteps.StartStopStep):
    """Beat every ``HEARTBEAT_INTERVAL`` seconds from the worker's timer (its event loop)."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs) -> None:
        super().__init__(worker, **kwargs)
        self.tref = None

    def start(self, worker) -> None:
        self.name = worker.hostname
        self.beat()
        self.tref = worker.timer.call_repeatedly(settings.HEARTBEAT_INTERVAL, self.beat)

    def stop(self, worker) -> None:
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None

    def beat(self) -> None:
        path = settings.WORKER_HEARTBEAT_FILE
        if path:
            Path(path).touch()
        try:
            close_old_connections()
            record(name=self.name, kind=WORKER)
        except Exception:  # the database may be down; the file still says the loop runs
            logger.warning("The worker could not record its heartbeat.", exc_info=True)
