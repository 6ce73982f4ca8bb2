"""R-X-2: a NUL character in the path answers 404 before any view or library reads it
(PostgreSQL refuses NUL in text; allauth's provider pages take the id from the path). A NUL
in the query string stays the views' business: a search answers with its usual page."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/accounts/oidc/%00/login/",
    "/accounts/oidc/%00/login/callback/",
    "/incidents/%00/",
])
def test_a_nul_in_the_path_names_nothing__R_X_2(cast, url):
    for client in (Client(), client_for(cast.administrator.user)):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404


def test_a_nul_in_a_search_is_left_to_the_page__R_X_2(cast):
    client = client_for(cast.administrator.user)
    assert client.get("/incidents/?q=%00").status_code == 200
    assert client.get("/incidents/?q=boeking").status_code == 200
