"""The SSO tests' real OpenID provider (one per test process) and an organisation of the
cast whose single sign-on points at it (R-SSO-1)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sso.actions import ProviderSettings, configure_single_sign_on
from sso.models import SingleSignOn
from tests.factories import staff_member
from tests.sso.oidc_provider import Client, OIDCProvider, oidc_provider

PORTAL_CLIENT = Client("klantportal-demo", "demo-client-secret-0123456789")
OTHER_CLIENT = Client("klantportal-andere", "andere-client-secret-0123456789")
# The provider's people: each logs in with their username as password.
PEOPLE = ["anna", "bert", "carla", "dirk", "eva", "frank", "gijs", "hanna"]


@pytest.fixture(scope="session")
def oidc() -> Iterator[OIDCProvider]:
    with oidc_provider(users=PEOPLE, clients=[PORTAL_CLIENT, OTHER_CLIENT]) as provider:
        yield provider


def set_up_sso(organisation, *, issuer: str, client: Client = PORTAL_CLIENT,
               domains: tuple[str, ...] = ("test.example",), **choices: bool) -> SingleSignOn:
    """The organisation's single sign-on as Customer Care would enter it in the admin."""
    return configure_single_sign_on(
        actor=staff_member("Customer Care"), organisation=organisation,
        config=ProviderSettings(issuer=issuer, client_id=client.client_id,
                                client_secret=client.secret, domains=frozenset(domains),
                                **choices))
