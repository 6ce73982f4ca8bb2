"""/updates/: published releases newest first, filtered by kind and version, searched in the
notes, "what changed since version X", paginated (R-ROLE-4, R-UPD-2, R-X-2, R-X-3)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import client_for
from tests.updates.factories import make_release, make_release_file
from tests.queries import queries_of
from updates.models import Kind
from updates.views import RELEASES_PER_PAGE

pytestmark = pytest.mark.django_db

URL = "/updates/"


def _versions(response) -> list[str]:
    return [release.version for release in response.context["page"].object_list]


def _releases() -> None:
    make_release("6.3", kind=Kind.BUILD, released_on=dt.date(2025, 12, 1),
                 notes="# Profit 6.3\n\nNieuwe build")
    make_release("6.3.1", kind=Kind.UPDATE, released_on=dt.date(2026, 1, 5),
                 notes="- De **btw-aangifte** toont het juiste tijdvak")
    make_release("6.3.1.1", kind=Kind.PATCH, released_on=dt.date(2026, 1, 12),
                 notes="- Loonjournaalpost sneller")
    make_release("6.3.10", kind=Kind.UPDATE, released_on=dt.date(2026, 3, 2),
                 notes="- Zoeken op postcode")
    make_release("6.4", kind=Kind.BUILD, released_on=dt.date(2026, 6, 1),
                 notes="# Profit 6.4\n\nBtw per kostenplaats")
    make_release("6.4.0.1", kind=Kind.PATCH, released_on=dt.date(2026, 6, 8), notes="Patch")
    make_release("6.5", kind=Kind.BUILD, released_on=dt.date(2026, 12, 7), published=False,
                 notes="Concept: btw")


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["employee", "administrator", "other_administrator"])
def test_employees_and_administrators_see_the_update_center__R_ROLE_4(cast, who):
    _releases()
    response = client_for(getattr(cast, who).user).get(URL)
    assert response.status_code == 200
    assert "6.4.0.1" in response.content.decode()


@pytest.mark.parametrize("who", ["no_role", "submitter", "viewer", "expert"])
def test_other_roles_are_refused_with_the_role_needed__R_ROLE_4(cast, who):
    response = client_for(getattr(cast, who).user).get(URL)
    assert response.status_code == 403
    assert "Medewerker" in response.content.decode()


def test_newest_first_with_version_kind_and_date_and_no_drafts__R_UPD_2(cast):
    _releases()
    response = client_for(cast.employee.user).get(URL)
    assert _versions(response) == ["6.4.0.1", "6.4", "6.3.10", "6.3.1.1", "6.3.1", "6.3"]
    page = response.content.decode()
    assert 'datetime="2026-06-08"' in page and "8 juni 2026" in page
    assert 'data-kind="patch"' in page and ">Patch<" in page
    assert "6.5" not in _versions(response)


def test_filter_by_kind__R_UPD_2(cast):
    _releases()
    response = client_for(cast.employee.user).get(URL, {"kind": "patch"})
    assert _versions(response) == ["6.4.0.1", "6.3.1.1"]


def test_filter_by_version_takes_the_version_and_everything_within_it__R_UPD_2(cast):
    _releases()
    client = client_for(cast.employee.user)
    assert _versions(client.get(URL, {"version": "6.3.1"})) == ["6.3.1.1", "6.3.1"]
    assert _versions(client.get(URL, {"version": "6.4"})) == ["6.4.0.1", "6.4"]
    assert _versions(client.get(URL, {"version": "6.3", "kind": "update"})) == [
        "6.3.10", "6.3.1"]


def test_search_in_the_release_notes_ignores_case__R_UPD_2(cast):
    _releases()
    response = client_for(cast.employee.user).get(URL, {"q": "  BTW  "})
    assert _versions(response) == ["6.4", "6.3.1"]  # not the draft that mentions it


def test_what_changed_since_a_version_lists_every_later_release_in_order__R_UPD_2(cast):
    _releases()
    response = client_for(cast.employee.user).get(URL, {"since": "6.3.1"})
    # Versions compare as numbers: 6.3.10 comes after 6.3.1.1, not before it.
    assert _versions(response) == ["6.3.1.1", "6.3.10", "6.4", "6.4.0.1"]
    assert 'data-testid="since"' in response.content.decode()
    assert _versions(client_for(cast.employee.user).get(URL, {"since": "6.4.0.1"})) == []


def test_since_combines_with_the_kind__R_UPD_2(cast):
    _releases()
    response = client_for(cast.employee.user).get(URL, {"since": "6.3", "kind": "build"})
    assert _versions(response) == ["6.4"]


@pytest.mark.parametrize("query", [
    {"kind": "hotfix"}, {"version": "6.x"}, {"since": "'; DROP TABLE"}, {"page": "abc"},
    {"page": "999"}, {"q": "x" * 500}, {"version": "1.2.3.4.5"},
])
def test_bad_filter_values_give_200_and_keep_the_input__R_X_2(cast, query):
    _releases()
    response = client_for(cast.employee.user).get(URL, query)
    assert response.status_code == 200
    assert _versions(response)  # the bad filter is left out; releases are still shown


def test_a_bad_version_is_explained_next_to_the_field__R_X_2(cast):
    page = client_for(cast.employee.user).get(URL, {"version": "6.x"}).content.decode()
    assert 'aria-invalid="true"' in page and 'value="6.x"' in page
    assert "Geef een versie" in page


def test_it_is_paginated_and_keeps_the_filters__R_X_3(cast):
    for number in range(RELEASES_PER_PAGE + 3):
        make_release(f"7.{number}", kind=Kind.PATCH)
    client = client_for(cast.employee.user)
    first = client.get(URL, {"kind": "patch"})
    assert len(_versions(first)) == RELEASES_PER_PAGE
    assert "kind=patch&amp;page=2" in first.content.decode()
    assert len(_versions(client.get(URL, {"kind": "patch", "page": 2}))) == 3


def test_the_notes_summary_is_plain_text(cast):
    make_release("6.1", notes="# Kop\n\n<script>alert(1)</script>**Vet** & "
                              "[link](https://x.example)")
    page = client_for(cast.employee.user).get(URL).content.decode()
    assert "<script>alert" not in page
    assert "Vet &amp; link" in page and "Kop" not in page


def _count_queries(client, query: dict) -> int:
    return queries_of(client, URL, query)


@pytest.mark.parametrize("query", [{}, {"kind": "patch", "q": "fix"}, {"since": "1.0"}])
def test_query_count_is_the_same_for_1_and_50_releases__R_X_3(cast, query):
    client = client_for(cast.employee.user)
    release = make_release("1.1", kind=Kind.PATCH, notes="fix")
    make_release_file(release)
    one = _count_queries(client, query)
    for number in range(2, 51):
        release = make_release(f"1.{number}", kind=Kind.PATCH, notes="fix")
        make_release_file(release)
        make_release_file(release, name="second.bin")
    assert _count_queries(client, query) == one
