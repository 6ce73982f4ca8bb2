"""R-SSO-1: staff keep each organisation's identity provider in the admin, through
``sso.actions.configure_single_sign_on``; strict where the spec is silent: a domain belongs
to one organisation only, issuers are https://."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialApp
from django.test import override_settings

from sso.actions import DomainClaimed, ProviderSettings, configure_single_sign_on
from sso.models import SingleSignOn
from tests.conftest import client_for
from tests.factories import staff_member
from tests.sso.conftest import set_up_sso

pytestmark = pytest.mark.django_db

ADD = "/admin/sso/singlesignon/add/"


def form(cast, **changes) -> dict:
    return {"organisation": cast.organisation.pk, "is_enabled": "on",
            "issuer": "https://idp.demo.example/realms/demo", "client_id": "klantportal",
            "client_secret": "s3cret-value", "domains": "Test.example\ndemo.example",
            "require_sso": "on", **changes}


def test_customer_care_sets_up_an_organisations_provider__R_SSO_1(cast):
    response = client_for(staff_member("Customer Care")).post(ADD, form(cast))
    assert response.status_code == 302, response.content.decode()[:2000]
    sso = SingleSignOn.objects.select_related("app").get(organisation=cast.organisation)
    assert sso.app.provider == "openid_connect"
    assert sso.app.provider_id == f"org-{cast.organisation.pk}"
    assert sso.app.client_id == "klantportal" and sso.app.secret == "s3cret-value"
    assert sso.app.settings == {"server_url": "https://idp.demo.example/realms/demo",
                                "oauth_pkce_enabled": True}
    assert sorted(sso.domains.values_list("domain", flat=True)) == ["demo.example",
                                                                    "test.example"]
    assert sso.require_sso and not sso.allow_new_contacts


def test_an_empty_secret_keeps_the_stored_one__R_SSO_1(cast):
    sso = set_up_sso(cast.organisation, issuer="https://idp.test.example")
    client = client_for(staff_member("Customer Care"))
    page = client.get(f"/admin/sso/singlesignon/{sso.pk}/change/")
    assert page.status_code == 200 and "demo-client-secret" not in page.content.decode()
    response = client.post(f"/admin/sso/singlesignon/{sso.pk}/change/",
                           form(cast, client_secret="", domains="test.example"))
    assert response.status_code == 302
    sso.app.refresh_from_db()
    assert sso.app.secret.startswith("demo-client-secret")


def test_a_domain_of_another_organisation_is_refused__R_SSO_1(cast):
    set_up_sso(cast.other_organisation, issuer="https://idp.other.example",
               domains=("other.example",))
    response = client_for(staff_member("Customer Care")).post(
        ADD, form(cast, domains="test.example\nOther.example"))
    assert response.status_code == 200
    assert "other.example" in response.content.decode()
    assert not SingleSignOn.objects.filter(organisation=cast.organisation).exists()
    with pytest.raises(DomainClaimed):
        configure_single_sign_on(
            actor=staff_member("Customer Care"), organisation=cast.organisation,
            config=ProviderSettings(issuer="https://idp.test.example", client_id="x",
                                    client_secret="y", domains=frozenset({"other.example"})))
    assert SocialApp.objects.count() == 1


@override_settings(SSO_ALLOW_HTTP_ISSUERS=False)
@pytest.mark.parametrize("issuer", ["http://idp.demo.example", "ftp://idp.demo.example",
                                    "not a url"])
def test_only_https_issuers_are_accepted__R_SSO_1(cast, issuer):
    response = client_for(staff_member("Customer Care")).post(ADD, form(cast, issuer=issuer))
    assert response.status_code == 200
    assert not SocialApp.objects.exists()


@pytest.mark.parametrize("domains", ["", "not a domain", "test.example\n-bad-.example",
                                     "x" * 300 + ".example"])
def test_bad_domains_are_refused_with_what_was_typed__R_SSO_1__R_X_2(cast, domains):
    response = client_for(staff_member("Customer Care")).post(ADD, form(cast, domains=domains))
    assert response.status_code == 200
    assert not SingleSignOn.objects.exists()


def test_support_may_not_set_up_single_sign_on__R_SSO_1(cast):
    assert client_for(staff_member("Support")).get(ADD).status_code == 403
