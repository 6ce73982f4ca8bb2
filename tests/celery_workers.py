"""Real `celery worker` processes for the tests that send tasks through Redis (the production
set-up of docker-compose): each on a queue of its own, so parallel runs do not steal each
other's tasks."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kombu import pools as kombu_pools

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


@dataclass
class RedisServer:
    """A redis-server of the test's own: it can be paused (a broker that hangs) and killed."""

    url: str
    process: subprocess.Popen

    def pause(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)


@contextmanager
def own_redis() -> Iterator[RedisServer]:
    """Start ``redis-server`` on a free loopback port, without persistence."""
    from tests.mail_sink import free_port

    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    server = RedisServer(url=f"redis://127.0.0.1:{port}/0", process=process)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield server
    finally:
        server.resume()
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def broker(url: str) -> Iterator[None]:
    """Make this process's Celery publish to ``url`` (Celery reads CELERY_BROKER_URL from the
    environment first), and put everything back afterwards."""
    saved_env, saved_url = os.environ.get("CELERY_BROKER_URL"), celery_app.conf.broker_url

    def reset_connections() -> None:
        # kombu keeps one pool per broker URL in a process-wide registry: closing only the
        # app's pool would leave a closed pool there for the next test with the same URL.
        kombu_pools.reset()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    os.environ["CELERY_BROKER_URL"] = url
    celery_app.conf.broker_url = url
    reset_connections()
    try:
        yield
    finally:
        if saved_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_env
        celery_app.conf.broker_url = saved_url
        reset_connections()
