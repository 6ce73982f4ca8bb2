"""Every redirect built from user input stays on this site: login, language and organisation
switches, enrolling and cancelling (``next``)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import client_for
from tests.courses.factories import make_event
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

HOSTILE_NEXT = ["https://evil.example/", "//evil.example/", "/\\evil.example/",
                "\\\\evil.example", "http:evil.example", " //evil.example", "javascript:alert(1)",
                "https://testserver@evil.example/"]


def _stays_here(response) -> bool:
    location = response["Location"]
    return location.startswith("/") and not location.startswith(("//", "/\\"))


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_next_stays_on_the_site(cast, target):
    response = Client().post(f"/accounts/login/?next={target}",
                             {"login": cast.employee.user.email, "password": PASSWORD,
                              "next": target})
    assert response.status_code == 302
    assert _stays_here(response)


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_form_next_stays_on_the_site(cast, target):
    client = client_for(cast.employee.user)
    for url, data in [("/language/", {"language": "en"}),
                      ("/organisation/switch/", {"organisation": cast.organisation.pk}),
                      (f"/courses/events/{make_event().pk}/enrol/", {})]:
        response = client.post(url, {**data, "next": target})
        assert response.status_code == 302, url
        assert _stays_here(response), (url, response["Location"])
