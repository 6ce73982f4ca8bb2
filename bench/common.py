"""What every benchmark script shares: the project on the import path, the database set-up
(a PostgreSQL database of the benchmark's own, dropped and re-created or reused), and small
measuring helpers. Imported as ``bench.common`` (run.py and its parts) or ``common`` (the
older single-purpose scripts, run as files)."""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_BENCH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/kp_bench"


def server_url(url: str) -> str:
    """The maintenance database of the server ``url`` points at."""
    return url.rsplit("/", 1)[0] + "/postgres"


def database_name(url: str) -> str:
    return url.rsplit("/", 1)[1].split("?", 1)[0]


def recreate_database(url: str | None = None) -> None:
    """Drop (closing its connections) and create the database named in ``url``
    (default DATABASE_URL)."""
    import psycopg

    url = url or os.environ["DATABASE_URL"]
    name = database_name(url)
    with psycopg.connect(server_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_exists(url: str) -> bool:
    import psycopg

    with psycopg.connect(server_url(url), autocommit=True) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                           [database_name(url)]).fetchone()
    return row is not None


def percentile(values: list[float], share: float) -> float:
    """The ``share`` (0..1) percentile, nearest rank (p95 of 20 values is the 19th)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.4999)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return statistics.median(values)


def rss_mib(pid: int) -> float:
    """Resident memory of one process (VmRSS of /proc), MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid``."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(part) for part in path.read_text().split()] if path.exists() else []


def bench_environment(*, database_url: str, redis_url: str, secret_key: str) -> dict[str, str]:
    """The environment of the production settings (through bench.settings) on loopback:
    the values production requires, plain HTTP (no redirect to HTTPS; the secure-cookie flags
    stay on, the clients send the cookie anyway) and no DEBUG."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url,
        "CACHE_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "SECURE_SSL_REDIRECT": "False",
        "DEBUG": "False",
        "LOG_LEVEL": "WARNING",
    }
