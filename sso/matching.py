"""Who a login with an organisation's identity provider is (R-SSO-1): one rule, decided
from the provider's claims before allauth logs anyone in.

Strict reading where the spec is silent:
- the address must be verified by the provider: the ``email_verified`` claim is JSON
  ``true`` (a missing claim, ``false`` or the string "true" are refused);
- its domain must be one of the domains of the organisation whose provider was used (a
  domain belongs to one organisation only, see ``sso.models.EmailDomain``);
- the person must be an active contact of THAT organisation with an active login; being a
  contact of another organisation only never lets them in (nor is a contact made for them:
  joining needs an administrator's invitation, R-X-6);
- staff never log in this way (password and second factor, R-X-7);
- a provider account already linked to one login never opens another one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from contacts.models import Contact

from .models import SingleSignOn
from .queries import domain_of, domains_of


class Refusal(enum.Enum):
    NO_PROVIDER = "no_provider"
    NOT_A_LOGIN = "not_a_login"
    UNVERIFIED_EMAIL = "unverified_email"
    FOREIGN_DOMAIN = "foreign_domain"
    UNKNOWN_PERSON = "unknown_person"
    INACTIVE = "inactive"
    STAFF = "staff"
    OTHER_LOGIN = "other_login"


# What the refusal page says, per refusal.
REFUSAL_TEXTS = {
    Refusal.NO_PROVIDER: _("This identity provider is not (or no longer) set up for the "
                           "portal."),
    Refusal.NOT_A_LOGIN: _("Your organisation's identity provider can only be used to log in."),
    Refusal.UNVERIFIED_EMAIL: _("Your identity provider did not confirm that your email "
                                "address is verified, so the portal cannot know it is yours."),
    Refusal.FOREIGN_DOMAIN: _("Your email address does not belong to a domain of this "
                              "organisation."),
    Refusal.UNKNOWN_PERSON: _("You are not a contact of this organisation in the portal yet. "
                              "Ask one of its administrators to add you."),
    Refusal.INACTIVE: _("Your access to this organisation in the portal has been switched "
                        "off. Ask one of its administrators."),
    Refusal.STAFF: _("Staff members log in with their password and second factor."),
    Refusal.OTHER_LOGIN: _("This account of your identity provider is linked to another login "
                           "of the portal."),
}


@dataclass(frozen=True)
class Decision:
    """Log in ``user``; or make a contact for the address (``create``); or refuse."""

    user: User | None = None
    create: bool = False
    refusal: Refusal | None = None


def email_and_verified(claims: dict) -> tuple[str, bool]:
    email = claims.get("email")
    if not isinstance(email, str):
        return "", False
    return email.strip().lower(), claims.get("email_verified") is True


def decide(*, single_sign_on: SingleSignOn, claims: dict, linked_user: User | None) -> Decision:
    """The one rule (see the module's docstring)."""
    email, verified = email_and_verified(claims)
    if not email or not verified:
        return Decision(refusal=Refusal.UNVERIFIED_EMAIL)
    if domain_of(email) not in domains_of(single_sign_on):
        return Decision(refusal=Refusal.FOREIGN_DOMAIN)
    user = User.objects.filter(email__iexact=email).first()
    if linked_user is not None and (user is None or linked_user.pk != user.pk):
        return Decision(refusal=Refusal.OTHER_LOGIN)
    if user is None:
        if single_sign_on.allow_new_contacts:
            return Decision(create=True)
        return Decision(refusal=Refusal.UNKNOWN_PERSON)
    if user.is_staff:
        return Decision(refusal=Refusal.STAFF)
    contact = (Contact.objects.filter(user=user, organisation=single_sign_on.organisation,
                                      removed_at__isnull=True)
               .order_by("-is_active").first())
    if contact is None:
        return Decision(refusal=Refusal.UNKNOWN_PERSON)
    if not (contact.is_active and user.is_active):
        return Decision(refusal=Refusal.INACTIVE)
    return Decision(user=user)
