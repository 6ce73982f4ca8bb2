"""Small factories for the fixed cast; tests make data through these or the real actions."""

from __future__ import annotations

import datetime as dt
import itertools

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from contacts.models import Contact, Organisation, OrganisationKind, Role, ROLE_FIELDS

PASSWORD = "Test-password-2026"
_counter = itertools.count(1)


def make_user(email: str | None = None, *, verified: bool = True, **fields) -> User:
    email = email or f"user{next(_counter)}@test.example"
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_organisation(name: str | None = None, **fields) -> Organisation:
    fields.setdefault("kind", OrganisationKind.CUSTOMER)
    return Organisation.objects.create(name=name or f"Organisation {next(_counter)}", **fields)


def make_contact(
    organisation: Organisation, *roles: Role, user: User | None = None, email: str | None = None,
    **fields,
) -> Contact:
    for role in roles:
        fields[ROLE_FIELDS[role]] = True
    if Role.SUBMIT_INCIDENTS in roles:
        fields.setdefault("submitter_since", fields.get("created_at") or timezone.now())
    if fields.get("certified_expert"):  # staff record experts with their certificate dates
        today = timezone.localdate()
        fields.setdefault("expert_certified_on", today - dt.timedelta(days=30))
        fields.setdefault("expert_certified_until", today + dt.timedelta(days=700))
    return Contact.objects.create(
        user=user or make_user(email), organisation=organisation, **fields
    )
