"""R-SSO-1: the way in: the login page asks for a work address and sends the person to the
provider of the organisation that claims its domain; no list of organisations is shown."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from tests.factories import make_organisation
from tests.queries import queries_of
from tests.sso.conftest import set_up_sso

pytestmark = pytest.mark.django_db


def test_the_login_page_offers_single_sign_on_without_naming_any_organisation__R_SSO_1(cast):
    set_up_sso(cast.organisation, issuer="https://idp.test.example")
    page = Client().get("/accounts/login/").content.decode()
    assert 'action="/sso/login/"' in page and 'id="id_sso_email"' in page
    assert "Demo BV" not in page
    assert "Demo BV" not in Client().get("/sso/login/").content.decode()


def test_an_address_without_single_sign_on_is_told_and_kept__R_SSO_1__R_X_2(cast):
    set_up_sso(cast.organisation, issuer="https://idp.test.example")
    response = Client().post("/sso/login/", {"email": "someone@elsewhere.example"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "single sign-on" in page and 'value="someone@elsewhere.example"' in page


@pytest.mark.parametrize("email", ["", "not an address", "a@" + "b" * 300 + ".example",
                                   "employee@test.example\x00"])
def test_bad_addresses_answer_400__R_X_2(cast, email):
    set_up_sso(cast.organisation, issuer="https://idp.test.example")
    assert Client().post("/sso/login/", {"email": email}).status_code == 400


def test_a_provider_that_cannot_be_reached_gets_a_clear_message__R_SSO_1__R_X_2(cast):
    set_up_sso(cast.organisation, issuer="https://127.0.0.1:9")  # nothing listens there
    response = Client().post("/sso/login/", {"email": "employee@test.example"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "niet bereikbaar" in page or "cannot be reached" in page  # before/after the .po


@override_settings(SSO_ALLOW_HTTP_ISSUERS=False)
def test_an_http_issuer_is_never_used_outside_the_tests__R_SSO_1(cast):
    from allauth.socialaccount.adapter import get_adapter

    sso = set_up_sso(cast.organisation, issuer="https://idp.test.example")
    sso.app.settings["server_url"] = "http://idp.test.example"
    sso.app.save()
    assert get_adapter().list_apps(None, provider=sso.app.provider_id) == []
    assert Client().post("/sso/login/", {"email": "employee@test.example"}).status_code == 400
    assert Client().get(f"/accounts/oidc/{sso.app.provider_id}/login/").status_code == 404


def test_allauths_provider_page_does_not_name_the_organisation__R_SSO_1(cast):
    sso = set_up_sso(cast.organisation, issuer="https://idp.test.example")
    response = Client().get(f"/accounts/oidc/{sso.app.provider_id}/login/")
    assert response.status_code == 200 and "Demo BV" not in response.content.decode()
    assert Client().get("/accounts/oidc/org-999999/login/").status_code == 404
    # Logged in, the connections page lists no provider either.
    from tests.conftest import client_for

    page = client_for(cast.other_administrator.user).get("/accounts/3rdparty/")
    assert page.status_code == 200 and "Demo BV" not in page.content.decode()


def test_finding_the_provider_costs_the_same_at_1_and_50_organisations__R_X_3(cast):
    set_up_sso(cast.organisation, issuer="https://idp.test.example")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def post_cost() -> int:
        with CaptureQueriesContext(connection) as captured:
            Client().post("/sso/login/", {"email": "someone@elsewhere.example"})
        return len(captured)

    one = (post_cost(), queries_of(Client(), "/sso/login/"),
           queries_of(Client(), "/accounts/login/"))
    for number in range(49):
        set_up_sso(make_organisation(f"Klant {number}"), issuer="https://idp.test.example",
                   domains=(f"klant{number}.example",))
    assert (post_cost(), queries_of(Client(), "/sso/login/"),
            queries_of(Client(), "/accounts/login/")) == one


def test_a_next_address_of_another_site_is_dropped__R_SSO_1__R_X_2(cast):
    page = Client().get("/sso/login/", {"next": "https://evil.example/"}).content.decode()
    assert 'name="next" value="https://evil.example/"' not in page
    assert 'action="/sso/login/"' in page
    page = Client().get("/sso/login/", {"next": "/courses/"}).content.decode()
    assert 'name="next" value="/courses/"' in page
