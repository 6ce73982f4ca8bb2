from __future__ import annotations

import pytest

from accounts.roles import Role
from tests.conftest import client_for
from tests.factories import make_contact, make_organisation
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def test_it_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_a_tile_per_capability__R_ROLE_1_R_ROLE_5(cast):
    employee = client_for(cast.employee.user).get("/").content.decode()
    assert 'href="/organisation/"' in employee and 'href="/profile/"' in employee
    no_role = client_for(cast.no_role.user).get("/").content.decode()
    assert 'href="/profile/"' in no_role
    assert 'href="/organisation/"' not in no_role


def test_it_names_the_active_organisation_and_roles(cast):
    page = client_for(cast.administrator.user).get("/").content.decode()
    assert "Demo BV" in page
    assert "Beheerder" in page  # Dutch is the default language


def test_staff_without_contact_are_sent_to_the_admin(cast):
    page = client_for(cast.staff).get("/").content.decode()
    assert 'href="/admin/"' in page


def test_a_user_without_active_contact_is_told_so(cast):
    cast.no_role.is_active = False
    cast.no_role.save()
    response = client_for(cast.no_role.user).get("/")
    assert response.status_code == 200
    assert "geen actief contactpersoon" in response.content.decode()


def test_role_changes_take_effect_on_the_next_request__R_ROLE_16(cast):
    client = client_for(cast.no_role.user)
    assert client.get("/organisation/").status_code == 403
    cast.no_role.is_employee = True
    cast.no_role.save()
    assert client.get("/organisation/").status_code == 200
    cast.no_role.is_employee = False
    cast.no_role.save()
    assert client.get("/organisation/").status_code == 403


def _queries(client, url: str) -> int:
    return queries_of(client, url)


@pytest.mark.parametrize("url", ["/", "/profile/", "/organisation/"])
def test_query_count_is_the_same_for_1_and_50_organisations__R_X_3(cast, url):
    """The header's organisation switcher must not query per organisation."""
    user = cast.employee.user
    client = client_for(user)
    make_contact(make_organisation("Tweede BV"), Role.EMPLOYEE, user=user)
    client.post("/organisation/choose/", {"organisation": cast.organisation.pk})  # R-X-6
    one = _queries(client, url)
    for number in range(48):
        make_contact(make_organisation(f"Extra {number:02d} BV"), Role.EMPLOYEE, user=user)
    assert _queries(client, url) == one
