"""Hostile query strings, headers, URL parameters and bodies on every API route, for every
member of the cast with a token: a problem with a 4xx, never a 5xx (R-X-2, R-API-2)."""

from __future__ import annotations

import re

import pytest

from tests.api.factories import api_client, make_token
from tests.api.matrix import API_EXAMPLES, API_MATRIX
from tests.portal.test_bad_input import HOSTILE, HOSTILE_HEADERS, HOSTILE_PARAMETERS
from tests.portal.test_role_matrix import CAST

pytestmark = pytest.mark.fuzz

GET_URLS = [url for url, statuses in API_MATRIX.items() if set(statuses[1:]) != {405}]
HOSTILE_BODIES = [
    ("application/json", "{"),
    ("application/json", '{"subject": null, "body": [], "roles": "admin", "event": "x"}'),
    ("application/json", '{"files": ["not a file"], "active": "maybe", "expires_on": 5}'),
    ("application/json", '"just a string"'),
    ("application/json", "[1, 2, 3]"),
    ("multipart/form-data; boundary=x", "--x\r\nbroken"),
    ("text/plain", "\x00\x01"),
]


def _clients(cast, *who: str) -> list:
    """Clients with tokens of these members of the cast (all of them when none is named)."""
    return [api_client(make_token(cast.staff if name == "staff" else getattr(cast, name))
                       .plaintext) for name in (who or CAST[1:])]


@pytest.mark.django_db
@pytest.mark.parametrize("url", GET_URLS)
def test_hostile_query_strings_and_headers_never_give_a_5xx__R_X_2_R_API_2(cast, url):
    concrete = API_EXAMPLES[url](cast) if url in API_EXAMPLES else url
    failures = []
    for client in _clients(cast, "administrator", "employee", "submitter"):
        for query in HOSTILE:
            response = client.get(f"{concrete}?{query}")
            if response.status_code >= 500:
                failures.append((query[:60], response.status_code))
        for headers in HOSTILE_HEADERS:
            response = client.get(concrete, **headers)
            if response.status_code >= 500:
                failures.append((str(headers)[:60], response.status_code))
    assert failures == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", [url for url in API_MATRIX if "<" in url])
def test_hostile_url_parameters_never_give_a_5xx__R_X_2_R_API_2(cast, url):
    failures = []
    for value in HOSTILE_PARAMETERS:
        concrete = re.sub(r"<[^>]+>", value, url)
        for client in _clients(cast, "administrator", "submitter"):
            for method in (client.get, client.post, client.patch):
                status = method(concrete).status_code
                if status >= 500:
                    failures.append((method.__name__, value[:20], status))
    assert failures == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(API_MATRIX))
def test_hostile_bodies_are_4xx_problems__R_X_2_R_API_2(cast, url):
    concrete = API_EXAMPLES[url](cast) if url in API_EXAMPLES else url
    failures = []
    for client in _clients(cast, "administrator", "submitter"):
        for content_type, body in HOSTILE_BODIES:
            for method in (client.post, client.patch):
                response = method(concrete, body, content_type=content_type)
                if response.status_code >= 500 or (
                        response.status_code >= 400
                        and response["Content-Type"] != "application/problem+json"
                        and not concrete.startswith(("/api/schema", "/api/docs", "/api/redoc"))):
                    failures.append((method.__name__, body[:20], response.status_code))
    assert failures == []
