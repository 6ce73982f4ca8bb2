"""State changes of the API's personal access tokens (R-API-1): create (shown once), revoke,
and "last used" (at most one write a minute per token). Creation and revocation are audited
(django-auditlog, ``api.models``) with the person as actor."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from auditlog.context import set_actor
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can, require_staff
from contacts.models import Contact

from .models import AccessToken

# Not a password (bandit B105): the visible prefix of every token, no secret.
TOKEN_PREFIX = "kp"  # nosec B105
# Who writes "last used" on every request writes a row per request: once a minute is enough
# to answer "is this token still in use?".
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
# Not a password (bandit B105): a permission name.
STAFF_TOKEN_PERMISSION = "api.add_accesstoken"  # nosec B105


class TokenError(ValueError):
    """A token that the rules refuse; ``str()`` is the message for the user."""


@dataclass(frozen=True)
class NewToken:
    """A token just made: ``plaintext`` exists only here, never in the database."""

    token: AccessToken
    plaintext: str


def hash_secret(secret: str) -> str:
    """SHA-256 of the secret: the secret is 32 random bytes, so a fast hash suffices (a slow
    password hash protects guessable passwords, not random keys) and every request stays
    cheap."""
    return hashlib.sha256(secret.encode()).hexdigest()


def expiry_refusal(expires_on: dt.date, *, today: dt.date) -> str | None:
    """Why this expiry date is refused, or None: tomorrow at the earliest, a year at most."""
    latest = today + dt.timedelta(days=settings.API_TOKEN_MAX_DAYS)
    if expires_on <= today:
        return "past"
    if expires_on > latest:
        return "too_late"
    return None


def _expires_at(expires_on: dt.date) -> dt.datetime:
    """The end of the chosen day (the start of the next) in the portal's time zone."""
    next_day = expires_on + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(next_day, dt.time.min))


def _create(*, user: User, contact: Contact | None, name: str, expires_on: dt.date,
            now: dt.datetime) -> NewToken:
    name = name.strip()
    if not name:
        raise TokenError("name")
    if expiry_refusal(expires_on, today=timezone.localdate(now)) is not None:
        raise TokenError("expiry")
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    with transaction.atomic(), set_actor(user):
        token = AccessToken.objects.create(
            user=user, contact=contact, name=name[:100], prefix=prefix,
            secret_hash=hash_secret(secret), created_at=now, expires_at=_expires_at(expires_on))
    return NewToken(token, f"{TOKEN_PREFIX}_{prefix}_{secret}")


def create_token(*, contact: Contact, name: str, expires_on: dt.date,
                 now: dt.datetime | None = None) -> NewToken:
    """A token for the contact's own use in the contact's organisation (R-API-1): whoever
    may see their own details (R-ROLE-1) may make one for themselves."""
    if not can(contact, Capability.OWN_DETAILS):
        raise CapabilityDenied(Capability.OWN_DETAILS)
    return _create(user=contact.user, contact=contact, name=name, expires_on=expires_on,
                   now=now or timezone.now())


def create_staff_token(*, actor: User, name: str, expires_on: dt.date,
                       now: dt.datetime | None = None) -> NewToken:
    """A staff member's own token (no contact: it reaches no customer's records)."""
    require_staff(actor, STAFF_TOKEN_PERMISSION)
    return _create(user=actor, contact=None, name=name, expires_on=expires_on,
                   now=now or timezone.now())


def revoke_token(*, user: User, token: AccessToken, now: dt.datetime | None = None) -> bool:
    """The token's own person revokes it (at once, for good); False when it was already."""
    if token.user_id != user.pk:
        raise AccessToken.DoesNotExist
    with transaction.atomic(), set_actor(user):
        locked = AccessToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            return False
        locked.revoked_at = now or timezone.now()
        locked.save(update_fields=["revoked_at"])
    return True


def mark_used(*, token: AccessToken, now: dt.datetime) -> None:
    """Record that the token was used now, at most once per ``LAST_USED_RESOLUTION``: one
    conditional UPDATE, none when the stored moment is recent enough."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
