"""The 403 page (R-ROLE-14): which role is needed, and who can give it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from tests.conftest import client_for
from tests.factories import make_contact

pytestmark = pytest.mark.django_db


def test_it_names_the_roles_needed_and_the_administrators__R_ROLE_14(cast):
    response = client_for(cast.no_role.user).get("/organisation/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Medewerker" in page and "Beheerder" in page
    assert cast.administrator.user.email in page
    assert cast.other_administrator.user.email not in page


def test_it_is_in_english_for_an_english_contact__R_X_1(cast):
    cast.no_role.language = "en"
    cast.no_role.save()
    page = client_for(cast.no_role.user).get("/organisation/").content.decode()
    assert "you need one of these roles" in page
    assert "Employee" in page and "Administrator" in page


def test_inactive_administrators_are_not_named(cast):
    cast.administrator.is_active = False
    cast.administrator.save()
    page = client_for(cast.no_role.user).get("/organisation/").content.decode()
    assert cast.administrator.user.email not in page
    assert "geen actieve beheerder" in page


def test_query_count_is_the_same_for_1_and_50_administrators__R_X_3(cast):
    client = client_for(cast.no_role.user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/organisation/").status_code == 403
        return len(queries)

    one = count()
    for number in range(49):
        make_contact(cast.organisation, Role.ADMINISTRATOR, email=f"admin{number}@test.example")
    assert count() == one


def test_unknown_pages_answer_404_in_the_layout(cast):
    response = client_for(cast.employee.user).get("/does-not-exist/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_a_page_that_several_capabilities_open_names_all_their_roles__R_ROLE_14(cast):
    """The incident list opens with SUBMIT_INCIDENTS (own) or ADMINISTRATOR/VIEW_INCIDENTS
    (all, R-ROLE-6/7): the 403 names every role that would help, not just the first."""
    cast.employee.language = "en"
    cast.employee.save()
    response = client_for(cast.employee.user).get("/incidents/")
    assert response.status_code == 403
    needed = response.content.decode().split('data-testid="needed"', 1)[1].split("</p>", 1)[0]
    assert "submit incidents" in needed and "see all incidents of the organisation" in needed
    for role in ("Administrator", "Submit incidents", "View incidents"):
        assert role in needed
    assert "Employee" not in needed
