"""R-SSO-1 end to end: the portal's allauth against a real OpenID provider on loopback
(``tests.sso.oidc_provider``): discovery, the authorization code flow with PKCE through the
real redirects, the token exchange and userinfo over HTTP; then the portal's rule decides."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from contacts.models import Contact
from core.models import OutboxItem
from sso.models import SingleSignOn
from tests.factories import give_totp, make_contact, make_organisation
from tests.sso.conftest import OTHER_CLIENT, set_up_sso

pytestmark = [pytest.mark.processes, pytest.mark.django_db]


def log_in_with_provider(client: Client, oidc, *, email: str, username: str):
    """Type the address on the portal, log in at the provider, come back: the portal's
    answer to the callback."""
    start = client.post("/sso/login/", {"email": email})
    assert start.status_code == 302, start.content.decode()
    assert start["Location"].startswith(oidc.issuer + "/authorize/")
    callback = oidc.authorize(start["Location"], username)
    return client.get(callback)


def logged_in_as(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def refusal_of(response) -> str | None:
    text = response.content.decode()
    for marker in ("unverified_email", "foreign_domain", "unknown_person", "inactive",
                   "staff", "other_login", "authentication_error", "no_provider"):
        if f'data-refusal="{marker}"' in text:
            return marker
    return None


@pytest.fixture
def sso(cast, oidc) -> SingleSignOn:
    return set_up_sso(cast.organisation, issuer=oidc.issuer)


def test_a_known_contact_with_a_verified_email_logs_in__R_SSO_1(cast, oidc, sso):
    oidc.set_claims("anna", email="Employee@Test.example", email_verified=True,
                    given_name="Anna")
    client = Client()
    response = log_in_with_provider(client, oidc, email="employee@test.example",
                                    username="anna")
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_as(client) == cast.employee.user
    assert client.get("/").status_code == 200
    account = SocialAccount.objects.get(user=cast.employee.user)
    assert account.provider == sso.app.provider_id
    # The second time the linked provider account logs in again.
    again = Client()
    log_in_with_provider(again, oidc, email="employee@test.example", username="anna")
    assert logged_in_as(again) == cast.employee.user


def test_an_id_token_for_another_client_is_refused__R_SSO_1(cast, oidc, sso, caplog):
    oidc.set_claims("bert", email="employee@test.example", email_verified=True,
                    _aud=OTHER_CLIENT.client_id)
    client = Client()
    response = log_in_with_provider(client, oidc, email="employee@test.example",
                                    username="bert")
    assert response.status_code == 401 and refusal_of(response) == "authentication_error"
    assert "InvalidAudienceError" in caplog.text  # refused for the audience, nothing else
    assert logged_in_as(client) is None
    assert not SocialAccount.objects.exists()


def test_an_expired_id_token_is_refused__R_SSO_1(cast, oidc, sso, caplog):
    oidc.set_claims("carla", email="employee@test.example", email_verified=True, _exp=-600)
    client = Client()
    response = log_in_with_provider(client, oidc, email="employee@test.example",
                                    username="carla")
    assert response.status_code == 401 and refusal_of(response) == "authentication_error"
    assert "ExpiredSignatureError" in caplog.text
    assert logged_in_as(client) is None


@pytest.mark.parametrize("verified", [False, "true", None])
def test_an_unverified_email_is_refused__R_SSO_1(cast, oidc, sso, verified):
    claims = {"email": "employee@test.example"}
    if verified is not None:
        claims["email_verified"] = verified
    oidc.set_claims("dirk", **claims)
    client = Client()
    response = log_in_with_provider(client, oidc, email="employee@test.example",
                                    username="dirk")
    assert response.status_code == 403
    assert refusal_of(response) == "unverified_email"
    assert logged_in_as(client) is None


def test_an_email_of_another_domain_is_refused__R_SSO_1(cast, oidc, sso):
    # The provider vouches for an address of a domain the organisation does not have.
    oidc.set_claims("eva", email="admin@other.example", email_verified=True)
    client = Client()
    response = log_in_with_provider(client, oidc, email="employee@test.example",
                                    username="eva")
    assert response.status_code == 403
    assert refusal_of(response) == "foreign_domain"
    assert logged_in_as(client) is None


def test_an_unknown_person_is_refused_without_opt_in__R_SSO_1(cast, oidc, sso):
    oidc.set_claims("frank", email="frank@test.example", email_verified=True)
    client = Client()
    response = log_in_with_provider(client, oidc, email="frank@test.example", username="frank")
    assert response.status_code == 403
    assert refusal_of(response) == "unknown_person"
    assert "Ask one of its administrators" in response.content.decode() or (
        "beheerders" in response.content.decode())
    assert not User.objects.filter(email="frank@test.example").exists()


def test_with_opt_in_an_unknown_person_becomes_a_contact_without_roles__R_SSO_1(
        cast, oidc, django_capture_on_commit_callbacks):
    set_up_sso(cast.organisation, issuer=oidc.issuer, allow_new_contacts=True)
    oidc.set_claims("gijs", email="gijs@test.example", email_verified=True,
                    given_name="Gijs", family_name="de Vries")
    mail.outbox.clear()
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = log_in_with_provider(client, oidc, email="gijs@test.example",
                                        username="gijs")
    assert response.status_code == 302
    user = logged_in_as(client)
    assert user is not None and user.email == "gijs@test.example"
    assert user.get_full_name() == "Gijs de Vries" and not user.has_usable_password()
    contact = Contact.objects.get(user=user)
    assert contact.organisation == cast.organisation and contact.roles == frozenset()
    assert client.get("/profile/").status_code == 200
    # The organisation's active administrators are told, through the outbox.
    assert OutboxItem.objects.filter(key__startswith=f"sso-new-contact-{contact.pk}-").count() == 1
    assert [email.to for email in mail.outbox] == [[cast.administrator.user.email]]
    assert "gijs@test.example" in mail.outbox[0].body
    assert f"/contacts/{contact.pk}/" in mail.outbox[0].body


def test_a_login_of_one_organisations_provider_never_opens_another_organisations_contact__R_SSO_1(
        cast, oidc):
    """Org A's provider vouches for an address of org A's domain, but the person is a
    contact of org B only: refused, and no contact in A is made for them, even with opt-in."""
    org_a = make_organisation("Klant A")
    set_up_sso(org_a, issuer=oidc.issuer, domains=("klant-a.example",),
               allow_new_contacts=True)
    outsider = make_contact(cast.other_organisation, Role.ADMINISTRATOR,
                            email="hanna@klant-a.example")
    oidc.set_claims("hanna", email="hanna@klant-a.example", email_verified=True)
    client = Client()
    response = log_in_with_provider(client, oidc, email="hanna@klant-a.example",
                                    username="hanna")
    assert response.status_code == 403
    assert refusal_of(response) == "unknown_person"
    assert logged_in_as(client) is None
    assert list(Contact.objects.filter(user=outsider.user)) == [outsider]
    assert not SocialAccount.objects.exists()


def test_a_provider_account_linked_to_one_login_never_opens_another__R_SSO_1(cast, oidc, sso):
    oidc.set_claims("anna", email="employee@test.example", email_verified=True)
    log_in_with_provider(Client(), oidc, email="employee@test.example", username="anna")
    # The provider now says anna is the administrator.
    oidc.set_claims("anna", email="admin@test.example", email_verified=True)
    client = Client()
    response = log_in_with_provider(client, oidc, email="admin@test.example", username="anna")
    assert refusal_of(response) == "other_login"
    assert logged_in_as(client) is None


def test_a_deactivated_contact_and_staff_are_refused__R_SSO_1(cast, oidc, sso):
    Contact.objects.filter(pk=cast.viewer.pk).update(is_active=False)
    oidc.set_claims("bert", email="viewer@test.example", email_verified=True)
    client = Client()
    assert refusal_of(log_in_with_provider(client, oidc, email="viewer@test.example",
                                           username="bert")) == "inactive"
    oidc.set_claims("carla", email="support@test.example", email_verified=True)
    assert refusal_of(log_in_with_provider(client, oidc, email="support@test.example",
                                           username="carla")) == "staff"
    assert logged_in_as(client) is None


def test_a_switched_off_provider_is_refused__R_SSO_1(cast, oidc, sso):
    oidc.set_claims("anna", email="employee@test.example", email_verified=True)
    client = Client()
    start = client.post("/sso/login/", {"email": "employee@test.example"})
    SingleSignOn.objects.filter(pk=sso.pk).update(is_enabled=False)
    response = client.get(oidc.authorize(start["Location"], "anna"))
    assert refusal_of(response) in {"no_provider", "authentication_error"}
    assert logged_in_as(client) is None
    # Nor can it be started any more.
    assert Client().post("/sso/login/", {"email": "employee@test.example"}).status_code == 400


def test_the_second_factor_is_still_asked_when_the_organisation_requires_it__R_SSO_1__R_X_7(
        cast, oidc, sso):
    """Strict: the provider's own login is not the portal's second factor."""
    cast.organisation.require_mfa = True
    cast.organisation.save(update_fields=["require_mfa"])
    oidc.set_claims("anna", email="employee@test.example", email_verified=True)
    enrolling = Client()
    response = log_in_with_provider(enrolling, oidc, email="employee@test.example",
                                    username="anna")
    assert response.status_code == 302
    dashboard = enrolling.get("/")
    assert dashboard.status_code == 302 and dashboard["Location"] == "/accounts/2fa/totp/activate/"
    give_totp(cast.employee.user)
    with_app = Client()
    response = log_in_with_provider(with_app, oidc, email="employee@test.example",
                                    username="anna")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate")
    assert logged_in_as(with_app) is None
