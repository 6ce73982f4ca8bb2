"""/partners/: the public list of certified integrations (R-PART-3, R-X-2, R-X-3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from partners import actions
from partners.models import EndReason, ScanColour
from tests.conftest import client_for
from tests.partners.factories import make_integration, make_partner, partner_manager
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

URL = "/partners/"


def _names(response) -> list[str]:
    return [integration.name for integration in response.context["page"].object_list]


def test_it_needs_no_login_and_shows_partner_description_and_next_due_date__R_PART_3(cast):
    integration = make_integration(cast.partner_organisation, "Salarisexport",
                                   description="Loonstroken",
                                   scanned_on=timezone.localdate() - dt.timedelta(days=3))
    response = Client().get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Salarisexport" in page and "Koppeling BV" in page and "Loonstroken" in page
    assert f'datetime="{integration.next_scan_due:%Y-%m-%d}"' in page


def test_only_current_certifications_are_listed__R_PART_3(cast):
    today = timezone.localdate()
    make_integration(cast.partner_organisation, "Gecertificeerd", scanned_on=today)
    make_integration(cast.partner_organisation, "Nog nooit gescand")
    ended = make_integration(cast.partner_organisation, "Beëindigd", scanned_on=today)
    actions.terminate_integration(integration=ended, reason=EndReason.CODE_OF_CONDUCT,
                                  actor=partner_manager())
    stale = make_integration(cast.partner_organisation, "Te laat",
                             scanned_on=today - dt.timedelta(days=400), colour=ScanColour.RED)
    assert stale.is_listed  # until the nightly check runs
    actions.check_partner_certifications()
    assert _names(Client().get(URL)) == ["Gecertificeerd"]


def test_it_searches_name_description_and_partner(cast):
    today = timezone.localdate()
    make_integration(cast.partner_organisation, "Salarisexport", scanned_on=today)
    make_integration(make_partner("Webbouwers BV"), "Winkelkoppeling", scanned_on=today,
                     description="Bestellingen uit de webshop")
    client = Client()
    assert _names(client.get(URL, {"q": "salaris"})) == ["Salarisexport"]
    assert _names(client.get(URL, {"q": "webbouwers"})) == ["Winkelkoppeling"]
    assert _names(client.get(URL, {"q": "webshop"})) == ["Winkelkoppeling"]
    response = client.get(URL, {"q": "bestaat niet"})
    assert _names(response) == []
    assert "Geen gecertificeerde koppeling past bij je zoekopdracht" in response.content.decode()


def test_bad_input_gives_a_message_not_an_error__R_X_2(cast):
    make_integration(cast.partner_organisation, "Salarisexport", scanned_on=timezone.localdate())
    client = Client()
    response = client.get(URL, {"q": "x" * 500})
    assert response.status_code == 200
    page = response.content.decode()
    assert "niet meer dan 100 tekens" in page and "Alle gecertificeerde koppelingen" in page
    assert _names(response) == ["Salarisexport"]
    for page in ("abc", "-1", "999999", "1e9"):
        assert client.get(URL, {"page": page}).status_code == 200
    response = client.get(URL, {"q": "\x00"})
    assert response.status_code == 200 and "Null-tekens zijn niet toegestaan" in (
        response.content.decode())


def test_it_is_paginated_and_keeps_the_search(cast):
    today = timezone.localdate()
    for number in range(25):
        make_integration(cast.partner_organisation, f"Koppeling {number:02d}", scanned_on=today)
    response = Client().get(URL, {"q": "Koppeling"})
    assert len(_names(response)) == 20
    assert "?q=Koppeling&amp;page=2" in response.content.decode()
    assert len(_names(Client().get(URL, {"q": "Koppeling", "page": 2}))) == 5


@pytest.mark.parametrize("who", ["anonymous", "administrator", "partner"])
def test_query_count_is_the_same_for_1_and_50_integrations__R_X_3(cast, who):
    client = Client() if who == "anonymous" else client_for(getattr(cast, who).user)
    today = timezone.localdate()

    def count() -> int:
        return queries_of(client, URL)

    make_integration(cast.partner_organisation, scanned_on=today)
    one = count()
    for _number in range(49):
        make_integration(make_partner(), scanned_on=today)
    assert count() == one


def test_the_footer_links_the_list_for_everyone(cast):
    assert 'href="/partners/"' in Client().get("/accounts/login/").content.decode()


def test_an_overdue_integration_is_not_shown_before_the_nightly_check_ran__R_PART_3(cast):
    # Between midnight and the nightly check (or when a night's check failed) an integration
    # whose due date has passed is still flagged as listed: its certification is not current.
    today = timezone.localdate()
    make_integration(cast.partner_organisation, "Gecertificeerd", scanned_on=today)
    stale = make_integration(cast.partner_organisation, "Te laat",
                             scanned_on=today - dt.timedelta(days=200), colour=ScanColour.RED)
    assert stale.is_listed and stale.next_scan_due < today
    assert _names(Client().get(URL)) == ["Gecertificeerd"]
