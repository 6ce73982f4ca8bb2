"""The header and the dashboard tiles link a page exactly when its view lets the contact in:
the navigation reads the capabilities from the view's ``@requires`` (R-ROLE-1 … R-ROLE-12,
R-ROLE-14, R-PART-5)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from accounts.permissions import Capability
from portal.navigation import PAGES, capabilities_of_page
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

CAST = ["no_role", "employee", "administrator", "submitter", "viewer", "expert",
        "other_administrator", "partner", "staff"]


def _between(html: str, start: str, end: str) -> str:
    assert start in html, f"{start!r} is not on the page"
    return html.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("who", CAST)
def test_every_link_is_shown_exactly_when_its_view_opens__R_ROLE_14(cast, who):
    user = cast.staff if who == "staff" else getattr(cast, who).user
    client = client_for(user)
    dashboard = client.get("/").content.decode()
    menu = _between(dashboard, 'data-testid="main-nav"', 'class="navbar-nav align-items')
    user_menu = dashboard.split('class="navbar-nav align-items', 1)[1]
    tiles = dashboard.split('data-testid="tiles"', 1)[1] if 'data-testid="tiles"' in dashboard \
        else ""
    for page in PAGES:
        url = reverse(page.url_name)
        status = client.get(url).status_code
        assert status in (200, 403), (page.url_name, status)
        opens = status == 200
        link = f'href="{url}"'
        assert (link in tiles) is opens, (page.url_name, "tile", opens)
        where = menu if page.in_menu else user_menu
        assert (link in where) is opens, (page.url_name, "menu", opens)


def test_a_page_is_opened_by_the_capabilities_of_its_view():
    assert capabilities_of_page("incidents") == (Capability.SUBMIT_INCIDENTS,
                                                 Capability.VIEW_ALL_INCIDENTS)
    assert capabilities_of_page("contacts") == (Capability.MANAGE_CONTACTS,)
    assert capabilities_of_page("support") == (Capability.SUPPORT_PAGE,)


def test_a_page_whose_view_asks_no_capability_cannot_be_in_the_navigation():
    """The dashboard is for every logged-in person and has no ``@requires``: as a page of
    the navigation it would have nobody's decision to follow."""
    with pytest.raises(ImproperlyConfigured):
        capabilities_of_page("dashboard")
