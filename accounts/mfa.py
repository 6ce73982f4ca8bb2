"""Second factors (R-X-7): who must have one, and what a request without it does first.

Staff always need an authenticator app (allauth's TOTP, with recovery codes) before any page
opens, the admin above all; a contact needs one when their active organisation requires it
(``Organisation.require_mfa``). Having an authenticator is not enough: the session must have
passed it. allauth records the TOTP step of its login (and a reauthentication with a code) in
the session; a session opened any other way (the admin's own password form, an invitation
link) is asked for a code before it goes on.

``second_factor_step`` is the one rule: ``accounts.middleware`` redirects every page to the
step it names, and ``portal.admin_site`` asks it again in the admin's ``has_permission``.
"""

from __future__ import annotations

import time

from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import encrypt
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.models import User
from contacts.models import Contact

# The URL names of the two steps: set up an authenticator app, or enter one of its codes.
ENROL = "mfa_activate_totp"
VERIFY = "mfa_reauthenticate"
# Where the request that was sent to enrolment wanted to go (accounts.mfa_views).
NEXT_SESSION_KEY = "second_factor_next"
# Authenticators that are a second factor; recovery codes only stand in for a lost one.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
_STEP_ATTRIBUTE = "_second_factor_step"


def requires_second_factor(*, user: User, contact: Contact | None) -> bool:
    """Staff always; a contact when their (active) organisation requires it."""
    return user.is_staff or (contact is not None and contact.organisation.require_mfa)


def requires_second_factor_anywhere(user: User) -> bool:
    """Staff, or a contact of any organisation that requires it (may they drop their app?)."""
    return user.is_staff or Contact.objects.filter(
        user=user, is_active=True, organisation__is_active=True,
        organisation__require_mfa=True).exists()


def has_second_factor(user: User) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES).exists()


def passed_second_factor(request: HttpRequest) -> bool:
    """Did this session pass a second factor (allauth's record of the login or a
    reauthentication with a code, or our record of the enrolment)?"""
    return any(record.get("method") == "mfa"
               for record in get_authentication_records(request, request.user))


def second_factor_step(request: HttpRequest) -> str | None:
    """The URL name of the step this request must take first (``ENROL`` or ``VERIFY``), or
    None when it may go on. Remembered on the request: the admin asks more than once."""
    if not hasattr(request, _STEP_ATTRIBUTE):
        setattr(request, _STEP_ATTRIBUTE, _step(request))
    return getattr(request, _STEP_ATTRIBUTE)


def _step(request: HttpRequest) -> str | None:
    user = request.user
    if not user.is_authenticated:
        return None
    portal = getattr(request, "portal", None)
    if not requires_second_factor(user=user, contact=portal.contact if portal else None):
        return None
    if not has_second_factor(user):
        return ENROL
    if not passed_second_factor(request):
        return VERIFY
    return None


@receiver(authenticator_added, dispatch_uid="accounts.mfa.record_enrolment")
def record_enrolment(sender, request: HttpRequest | None, user: User,
                     authenticator: Authenticator, **kwargs) -> None:
    """Setting up an app means typing one of its codes: the session has passed the second
    factor, so the person is not asked for another code right after enrolling."""
    if (request is None or authenticator.type not in SECOND_FACTOR_TYPES
            or request.user.pk != user.pk):
        return
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Whoever must have a second factor keeps their last one (allauth then says it
        cannot be deactivated)."""
        if authenticator.type not in SECOND_FACTOR_TYPES:
            return super().can_delete_authenticator(authenticator)
        if not requires_second_factor_anywhere(authenticator.user):
            return True
        return Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=SECOND_FACTOR_TYPES,
        ).exclude(pk=authenticator.pk).exists()


def set_up_totp(*, user: User, secret: str) -> Authenticator:
    """Give ``user`` an authenticator app with a known secret: the demo staff
    (``contacts.demo``) and tests. People enrol on allauth's page, which makes their secret."""
    authenticator, _created = Authenticator.objects.update_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(secret)}})
    return authenticator


def current_totp_code(secret: str) -> str:
    """The code an authenticator app with ``secret`` shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))
