"""Reads of single sign-on (R-SSO-1): which provider an address or a login belongs to, and
who must use one."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q

from accounts.models import User

from .models import EmailDomain, SingleSignOn

# An organisation's provider that may be used: switched on, for an active organisation.
USABLE = Q(is_enabled=True, organisation__is_active=True)


def issuer_allowed(url: str) -> bool:
    """An issuer the portal talks to: https://, or http:// where the settings allow it (the
    test suite's provider on loopback)."""
    parts = urlsplit(url)
    schemes = {"https", "http"} if settings.SSO_ALLOW_HTTP_ISSUERS else {"https"}
    return parts.scheme in schemes and bool(parts.hostname)


def domain_of(email: str) -> str:
    """The domain of an address, lower case ("" when it has none)."""
    local, at, domain = email.strip().rpartition("@")
    return domain.lower() if at and local else ""


def single_sign_on_for_email(email: str) -> SingleSignOn | None:
    """The usable provider of the organisation that claims the address's domain."""
    domain = domain_of(email)
    if not domain:
        return None
    found = (SingleSignOn.objects.filter(USABLE, domains__domain=domain)
             .select_related("app", "organisation").first())
    return found if found is not None and issuer_allowed(found.issuer) else None


def single_sign_on_of_provider(provider_id: str) -> SingleSignOn | None:
    """The usable provider whose allauth app has this provider_id."""
    return (SingleSignOn.objects.filter(USABLE, app__provider_id=provider_id)
            .select_related("app", "organisation").first())


def domains_of(single_sign_on: SingleSignOn) -> set[str]:
    return set(single_sign_on.domains.values_list("domain", flat=True))


def domains_claimed_elsewhere(domains: set[str], *,
                              single_sign_on: SingleSignOn | None) -> list[str]:
    """Of ``domains``, those another organisation's single sign-on claims already."""
    claimed = EmailDomain.objects.filter(domain__in=domains)
    if single_sign_on is not None and single_sign_on.pk is not None:
        claimed = claimed.exclude(single_sign_on=single_sign_on)
    return sorted(claimed.values_list("domain", flat=True))


def sso_required_for(user: User) -> SingleSignOn | None:
    """The provider a person must log in with, or None when a password will do.

    Staff never (they log in with a password and their second factor). A person who is an
    active contact of several organisations must use single sign-on as soon as one of them
    requires it (strict: a password would otherwise open that organisation too, since the
    active organisation is chosen after login); they then log in with that organisation's
    provider and switch."""
    if user.is_staff:
        return None
    return (SingleSignOn.objects.filter(
        USABLE, require_sso=True, organisation__contacts__user=user,
        organisation__contacts__is_active=True)
        .select_related("app", "organisation").order_by("organisation__name").first())
