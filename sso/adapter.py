"""allauth's social-login hooks for single sign-on (R-SSO-1).

- Only the portal's own rule (``sso.matching.decide``) says who a login is: allauth never
  signs anyone up, never matches by email on its own, and never connects a provider account
  to a login already in a session ("connect" is refused).
- No list of providers: the login page asks for an address and sends the person to their
  organisation's provider (``sso.views``); a page listing every app would list the customers.
- An app whose issuer is not https:// (outside the tests) does not exist for allauth.
"""

from __future__ import annotations

import logging

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from allauth.socialaccount.providers.base import AuthProcess
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from . import actions
from .matching import REFUSAL_TEXTS, Refusal, decide
from .models import PROVIDER, SingleSignOn
from .queries import issuer_allowed, single_sign_on_of_provider

logger = logging.getLogger(__name__)


def claims_of(sociallogin: SocialLogin) -> dict:
    """The claims allauth itself uses for the login: the userinfo response, else the
    (checked) id token."""
    data = sociallogin.account.extra_data or {}
    picked = data.get("userinfo") or data.get("id_token") or data
    return picked if isinstance(picked, dict) else {}


def refused(request: HttpRequest, refusal: Refusal,
            single_sign_on: SingleSignOn | None = None) -> HttpResponse:
    return render(request, "sso/refused.html",
                  {"reason": REFUSAL_TEXTS[refusal], "refusal": refusal.value,
                   "organisation": single_sign_on.organisation if single_sign_on else None},
                  status=403)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request: HttpRequest | None, provider: str | None = None,
                  client_id: str | None = None) -> list[SocialApp]:
        return [app for app in super().list_apps(request, provider=provider, client_id=client_id)
                if app.provider != PROVIDER or issuer_allowed(app.settings.get("server_url", ""))]

    def list_providers(self, request: HttpRequest) -> list:
        return []

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def on_authentication_error(self, request: HttpRequest, provider: object,
                                error: str | None = None, exception: BaseException | None = None,
                                extra_context: dict | None = None) -> None:
        """Log why a provider's answer was refused (an id token for another client, expired,
        a failed token exchange): the person sees only that it did not work."""
        cause = exception.__cause__ if exception is not None else None
        logger.warning("Single sign-on failed at %s: %s %r (%r)",
                       getattr(getattr(provider, "app", None), "provider_id", provider),
                       error, exception, cause)
        super().on_authentication_error(request, provider, error=error, exception=exception,
                                        extra_context=extra_context)

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Decide who this is (or refuse with a page) before allauth logs anyone in."""
        single_sign_on = single_sign_on_of_provider(sociallogin.account.provider)
        if single_sign_on is None:
            raise ImmediateHttpResponse(refused(request, Refusal.NO_PROVIDER))
        if sociallogin.state.get("process", AuthProcess.LOGIN) != AuthProcess.LOGIN:
            raise ImmediateHttpResponse(refused(request, Refusal.NOT_A_LOGIN, single_sign_on))
        claims = claims_of(sociallogin)
        decision = decide(single_sign_on=single_sign_on, claims=claims,
                          linked_user=sociallogin.user if sociallogin.is_existing else None)
        if decision.refusal is not None:
            logger.info("Single sign-on refused (%s) for %s", decision.refusal.value,
                        single_sign_on.organisation)
            raise ImmediateHttpResponse(refused(request, decision.refusal, single_sign_on))
        email = str(claims["email"]).strip().lower()
        user = decision.user
        if decision.create:
            try:
                contact = actions.add_contact_from_sso(
                    single_sign_on=single_sign_on, email=email,
                    first_name=str(claims.get("given_name") or ""),
                    last_name=str(claims.get("family_name") or ""),
                    language=translation.get_language() or "")
            except actions.AlreadyKnown:
                raise ImmediateHttpResponse(
                    refused(request, Refusal.UNKNOWN_PERSON, single_sign_on)) from None
            user = contact.user
        if user is None:  # decide gives a user unless it refuses or creates
            raise ImmediateHttpResponse(
                refused(request, Refusal.UNKNOWN_PERSON, single_sign_on))
        actions.confirm_verified_email(user=user, email=email)
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)
