"""One query-count helper for the query-budget tests (R-X-3: a page costs the same number of
queries at 1 and at 50 rows)."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def queries_of(client: Client, url: str, data: dict | None = None, *, status: int = 200) -> int:
    """How many queries one GET of ``url`` costs; the page must answer ``status``."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data or {})
    assert response.status_code == status, (url, response.status_code)
    return len(captured)
