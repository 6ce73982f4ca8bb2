"""Real `celery worker` processes for the tests that send tasks through Redis (the production
set-up of docker-compose): each on a queue of its own, so parallel runs do not steal each
other's tasks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


def worker_database_url() -> str:
    """DATABASE_URL of the test database this process uses, for a worker that must read the
    rows the test writes (the outbox)."""
    from django.db import connection

    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return (f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}")


def new_queue(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@contextmanager
def celery_workers(*, queue: str, env: dict[str, str],
                   loglevel: str = "INFO") -> Iterator[Callable[[], subprocess.Popen]]:
    """Send this process's tasks to ``queue`` (not eagerly) and give a function that starts
    a worker on it with ``env`` added to the environment, waiting until it answers a ping;
    on leaving, the Celery settings come back and every worker still running is stopped."""
    processes: list[subprocess.Popen] = []
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "task_default_queue")}
    celery_app.conf.update(task_always_eager=False, task_default_queue=queue)

    def start() -> subprocess.Popen:
        name = f"{queue}-{len(processes)}"
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo",
             "--concurrency=1", "-Q", queue, "--without-gossip", "--without-mingle",
             f"--loglevel={loglevel}", "--hostname", f"{name}@%h"],
            cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        processes.append(process)
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(destination=[f"{name}@{os.uname().nodename}"],
                                          timeout=1):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("The Celery worker did not start:\n" + process.stdout.read())
        return process

    try:
        yield start
    finally:
        celery_app.conf.update(saved)
        for process in processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
