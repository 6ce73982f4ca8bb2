"""R-X-2: a NUL character in the address answers 400 before any view or library reads it
(PostgreSQL refuses NUL in text; allauth's provider pages take the id from the path)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/accounts/oidc/%00/login/",
    "/accounts/oidc/%00/login/callback/",
    "/incidents/?q=%00",
    "/incidents/?%00=1",
    "/sso/login/?next=/%00",
])
def test_a_nul_in_the_address_is_a_bad_request__R_X_2(cast, url):
    for client in (Client(), client_for(cast.administrator.user)):
        assert client.get(url).status_code == 400
        assert client.post(url).status_code == 400


def test_an_ordinary_address_is_untouched__R_X_2(cast):
    assert client_for(cast.administrator.user).get("/incidents/?q=boeking").status_code == 200
