"""Reads of the API's tokens: the row a presented token names, and a person's own tokens."""

from __future__ import annotations

import hmac
import re

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from contacts.models import Contact

from .actions import TOKEN_PREFIX, hash_secret
from .models import AccessToken

_TOKEN = re.compile(rf"{TOKEN_PREFIX}_([0-9a-f]{{12}})_([A-Za-z0-9_-]{{20,100}})")


def token_for(presented: str) -> AccessToken | None:
    """The token row the presented ``kp_<prefix>_<secret>`` names when its secret matches
    (compared in constant time), with its person, contact and organisation; else None. It
    may still be revoked or expired: the caller decides (one query either way)."""
    match = _TOKEN.fullmatch(presented)
    if match is None:
        return None
    prefix, secret = match.groups()
    token = (AccessToken.objects.select_related("user", "contact__organisation", "contact__user")
             .filter(prefix=prefix).first())
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        return None
    return token


def tokens_of_contact(contact: Contact) -> QuerySet[AccessToken]:
    """The contact's own tokens, newest first (revoked ones too, marked as such)."""
    return AccessToken.objects.filter(user_id=contact.user_id, contact=contact)


def tokens_of_staff(user: User) -> QuerySet[AccessToken]:
    """A staff member's own tokens (those without a contact)."""
    return AccessToken.objects.filter(user=user, contact__isnull=True)


def get_own_token(user: User, pk: object) -> AccessToken:
    """One of the person's own tokens; 404 for anyone else's or a bad id."""
    try:
        key = int(str(pk))
    except ValueError:
        raise Http404 from None
    token = AccessToken.objects.filter(user=user, pk=key).first()
    if token is None:
        raise Http404
    return token
