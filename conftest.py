"""Test-suite plumbing shared by every test.

Tests that need a real service carry a marker (postgres, redis, browser, gettext, npm, imap).
On a developer's machine without that service they are skipped with the reason; in CI (``CI``
set) a missing service fails the test instead, so CI can never go green by skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
DOVECOT = "/usr/sbin/dovecot"


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1",
                                       parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def _missing(marker: str) -> str | None:
    """Why the service a marker needs is not available, or None when it is."""
    if marker == "postgres":
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres", "pgsql")):
            return "DATABASE_URL does not point to PostgreSQL"
        return None if _reachable(url, 5432) else f"PostgreSQL at {url} is not reachable"
    if marker == "redis":
        url = os.environ.get("CELERY_BROKER_URL", "")
        if not url.startswith("redis"):
            return "CELERY_BROKER_URL does not point to Redis"
        return None if _reachable(url, 6379) else f"Redis at {url} is not reachable"
    if marker == "browser":
        return None if os.path.exists(CHROMIUM) else f"Chromium is not installed at {CHROMIUM}"
    if marker == "npm":
        htmx = Path(__file__).resolve().parent / "node_modules" / "htmx.org" / "dist"
        return None if htmx.is_dir() else "the npm packages (htmx) are not installed"
    if marker == "imap":
        return None if os.path.exists(DOVECOT) else f"Dovecot is not installed at {DOVECOT}"
    if marker == "gettext":
        return None if shutil.which("xgettext") else "GNU gettext (xgettext) is not installed"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in ("postgres", "redis", "browser", "gettext", "npm", "imap"):
        if item.get_closest_marker(marker) is None:
            continue
        reason = _missing(marker)
        if reason is None:
            continue
        if os.environ.get("CI"):
            pytest.fail(f"CI must run this test, but {reason}.", pytrace=False)
        pytest.skip(reason)
