"""A number in a URL (an id, an incident number) is matched by its path converter: a value
of another form matches no URL, so it is a 404 before a view or the database sees it, for
GET and POST alike, and views parse nothing by hand (R-X-2, R-INC-10)."""

from __future__ import annotations

import re

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from tests.conftest import client_for
from tests.portal.test_role_matrix import MATRIX

# A well-formed value of each converter, and values of another form.
WELL_FORMED = {"int": "1", "incident_number": "12345678", "str": "x", "slug": "x"}
MALFORMED = {
    "int": ["abc", "1%20OR%201=1", "1.5", "-1", "%00", "%EF%BC%91"],  # the last: a full-width 1
    "incident_number": ["1234567", "123456789", "abcdefgh", "1234567a", "-1234567",
                        "1234%00567", "%EF%BC%91234567%20"],
}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
NUMBERED = [route for route in MATRIX
            if any(converter in MALFORMED for converter, _name in PARAMETER.findall(route))]


def _urls_with_one_malformed_number(route: str) -> list[str]:
    parameters = list(PARAMETER.finditer(route))
    urls = []
    for index, parameter in enumerate(parameters):
        for value in MALFORMED.get(parameter.group(1), []):
            url, end = "", 0
            for other_index, other in enumerate(parameters):
                url += route[end:other.start()]
                url += value if other_index == index else WELL_FORMED[other.group(1) or "str"]
                end = other.end()
            urls.append(url + route[end:])
    return urls


def test_ids_and_incident_numbers_are_matched_by_their_converter():
    """Every id is an ``int`` and every incident route takes the number through its
    converter: the test below then covers them all."""
    assert all("<int:pk>" in route for route in MATRIX if ":pk>" in route)
    assert all(route in NUMBERED for route in MATRIX if route.startswith("/incidents/<"))
    assert all(_urls_with_one_malformed_number(route) for route in NUMBERED)


@pytest.mark.django_db
@pytest.mark.parametrize("route", NUMBERED)
def test_a_malformed_number_in_the_url_is_404__R_X_2(cast, route):
    client = client_for(cast.administrator.user)
    failures = []
    for url in _urls_with_one_malformed_number(route):
        for method in (client.get, client.post):
            status = method(url).status_code
            if status != 404:
                failures.append((method.__name__, url, status))
    assert failures == []


def test_the_incident_number_reaches_the_view_as_stored__R_INC_10():
    assert resolve("/incidents/12345678/").kwargs == {"number": "12345678"}
    assert reverse("incident_detail", args=["12345678"]) == "/incidents/12345678/"
    for number in ("1234567", "123456789", "abcdefgh", "１２３４５６７８"):
        with pytest.raises(Resolver404):
            resolve(f"/incidents/{number}/")
        with pytest.raises(NoReverseMatch):
            reverse("incident_detail", args=[number])
