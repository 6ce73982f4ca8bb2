"""Hostile query strings, request headers and URL parameters on every URL of the role
matrix, for every logged-in member of the cast: a clear page or 4xx, never a 5xx (R-X-2,
STYLE: bad input is never a 500). CI runs it on PostgreSQL too, which refuses NUL."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests.portal.test_role_matrix import CAST, EXAMPLES, MATRIX, _client

pytestmark = pytest.mark.fuzz

ROLES = [who for who in CAST if who != "anonymous"]

# Every filter and page parameter used by a list page, with values no form offers.
UNKNOWN_FILTERS = "&".join(f"{name}=bogus" for name in (
    "status", "role", "level", "kind", "incident_type", "priority", "category", "version",
    "since", "questions", "page", "subject"))

HOSTILE = [
    "page=abc",
    "page=99999999",
    "page=-1",
    "page=1e9999",
    "questions=abc&enrolments=abc&results=-1",
    "questions=-1&enrolments=99999999&results=1e9999",
    "q=%00&subject=%00&category=%00&version=%00&since=%00",
    "q=" + "x" * 5000 + "&subject=" + "y" * 5000 + "&category=" + "z" * 5000,
    "q=" + quote("' OR 1=1 --<script>") + "&status=%27",
    UNKNOWN_FILTERS,
    "status=" + "9" * 30 + "&level=-1&kind=" + "k" * 300 + "&version=99999999999999999999999",
    "since=..%2F..",
    "since=..%2F..%2Fetc%2Fpasswd&version=..%2F..",
    "since=6.3.2&version=6.4&q=%E2%80%AE",
]

# A route that answers GET for at least one member (POST-only routes answer 405 to all).
GET_URLS = [url for url, statuses in MATRIX.items() if set(statuses) != {405}]


@pytest.mark.django_db
@pytest.mark.parametrize("url", GET_URLS)
def test_hostile_query_strings_never_give_a_5xx__R_X_2(cast, url):
    concrete = EXAMPLES[url](cast) if url in EXAMPLES else url
    failures = []
    for who in ROLES:
        client = _client(cast, who)
        for query in HOSTILE:
            status = client.get(f"{concrete}?{query}").status_code
            if status >= 500:
                failures.append((who, query[:80], status))
    assert failures == []


# Hostile request headers on the same URLs: the file downloads read Range and If-Range.
HOSTILE_HEADERS = [
    {"HTTP_RANGE": "bytes=" + "9" * 5000 + "-"},
    {"HTTP_RANGE": "bytes=0-" + "9" * 5000},
    {"HTTP_RANGE": "bytes=-" + "9" * 5000},
    {"HTTP_RANGE": "bytes=abc-def"},
    {"HTTP_RANGE": "bytes=5-1"},
    {"HTTP_RANGE": "bytes=0-1,3-4"},
    {"HTTP_RANGE": "bytes=0-", "HTTP_IF_RANGE": '"' + "x" * 5000},
    {"HTTP_RANGE": "bytes=0-", "HTTP_IF_RANGE": "Wed, 99 Foo 2026 99:99:99 GMT"},
    {"HTTP_IF_MODIFIED_SINCE": "not a date", "HTTP_IF_NONE_MATCH": "*, \"x"},
    {"HTTP_ACCEPT_LANGUAGE": "x" * 5000, "HTTP_COOKIE": "portal_language=" + "x" * 500},
    {"HTTP_HX_REQUEST": "true", "HTTP_X_FORWARDED_PROTO": "https, http"},
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", GET_URLS)
def test_hostile_headers_never_give_a_5xx__R_X_2(cast, url):
    concrete = EXAMPLES[url](cast) if url in EXAMPLES else url
    failures = []
    for who in ROLES:
        client = _client(cast, who)
        for headers in HOSTILE_HEADERS:
            status = client.get(concrete, **headers).status_code
            if status >= 500:
                failures.append((who, str(headers)[:80], status))
    assert failures == []


# Hostile values in place of each URL parameter (a pk, an invoice or incident number, a
# slug, a token): a 404 or 400, never a 5xx. NUL is refused by PostgreSQL (run with
# DATABASE_URL pointing to it, as CI does).
HOSTILE_PARAMETERS = ["9" * 5000, "99999999999999999999", "-1", "%00", "F2026%00", "x" * 3000,
                      "..%2F..", "%C0%AE", "a%0Ab"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", [url for url in MATRIX if "<" in url])
def test_hostile_url_parameters_never_give_a_5xx__R_X_2(cast, url):
    failures = []
    for value in HOSTILE_PARAMETERS:
        concrete = re.sub(r"<[^>]+>", value, url)
        for who in ROLES:
            client = _client(cast, who)
            for method in (client.get, client.post):
                status = method(concrete).status_code
                if status >= 500:
                    failures.append((who, method.__name__, value[:20], status))
    assert failures == []
