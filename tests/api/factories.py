"""Tokens and clients for the API tests."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from accounts.models import User
from api.actions import NewToken, _create
from contacts.models import Contact


def make_token(owner: Contact | User, *, name: str = "Script", days: int = 30,
               now: dt.datetime | None = None) -> NewToken:
    """A token of a contact (acting in its organisation) or of a staff login, as the actions
    make it (the staff page's permission is tested apart)."""
    now = now or timezone.now()
    expires_on = timezone.localdate(now) + dt.timedelta(days=days)
    if isinstance(owner, Contact):
        return _create(user=owner.user, contact=owner, name=name, expires_on=expires_on,
                       now=now)
    return _create(user=owner, contact=None, name=name, expires_on=expires_on, now=now)


def api_client(plaintext: str | None = None) -> Client:
    """A client that sends the token on every request (none: anonymous)."""
    if plaintext is None:
        return Client()
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
