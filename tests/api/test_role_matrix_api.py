"""Every API route × every member of the cast → status (R-API-2, R-ROLE-14): the same doors
as the pages (``api.permissions``), each member with a token of their own."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.factories import api_client, make_token
from tests.api.matrix import (
    API_EXAMPLES, API_MATRIX, API_PATCH_MATRIX, API_POST_DATA, API_POST_MATRIX,
)
from tests.conftest import Cast
from tests.portal.test_role_matrix import CAST


def _clients(cast: Cast) -> dict[str, Client]:
    clients = {"anonymous": api_client()}
    for who in CAST[1:]:
        owner = cast.staff if who == "staff" else getattr(cast, who)
        clients[who] = api_client(make_token(owner).plaintext)
    return clients


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(API_MATRIX))
def test_api_role_matrix__R_API_2_R_ROLE_14(cast, url):
    clients = _clients(cast)
    concrete = API_EXAMPLES[url](cast) if url in API_EXAMPLES else url
    got = {who: clients[who].get(concrete).status_code for who in CAST}
    assert got == dict(zip(CAST, API_MATRIX[url], strict=True))


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(API_POST_MATRIX))
def test_api_who_may_post__R_API_2_R_ROLE_14(cast, url):
    clients = _clients(cast)
    data = API_POST_DATA.get(url, lambda cast: {})(cast)
    got = {}
    for who in CAST:
        target = API_EXAMPLES[url](cast) if url in API_EXAMPLES else url
        got[who] = clients[who].post(target, data, content_type="application/json").status_code
    assert got == dict(zip(CAST, API_POST_MATRIX[url], strict=True))


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(API_PATCH_MATRIX))
def test_api_who_may_patch__R_API_2_R_ROLE_14(cast, url):
    clients = _clients(cast)
    data = API_POST_DATA.get(url, lambda cast: {})(cast)
    got = {}
    for who in CAST:
        target = API_EXAMPLES[url](cast) if url in API_EXAMPLES else url
        got[who] = clients[who].patch(target, data, content_type="application/json").status_code
    assert got == dict(zip(CAST, API_PATCH_MATRIX[url], strict=True))


def test_every_post_only_api_route_says_who_may_post():
    post_only = {url for url, statuses in API_MATRIX.items() if set(statuses[1:]) == {405}}
    assert post_only <= set(API_POST_MATRIX) <= set(API_MATRIX) | {"/api/v1/incidents/"}
