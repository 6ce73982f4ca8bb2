"""Small factories for the fixed cast; tests make data through these or the real actions."""

from __future__ import annotations

import datetime as dt
import itertools

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from accounts.roles import OrganisationKind, Role
from contacts.models import Contact, Organisation, ROLE_FIELDS

PASSWORD = "Test-password-2026"
_counter = itertools.count(1)


def make_user(email: str | None = None, *, verified: bool = True, **fields) -> User:
    email = email or f"user{next(_counter)}@test.example"
    user = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def staff_member(group: str) -> User:
    """The test's staff member of a staff group of ``accounts.staff`` ("Support", "Customer
    Care", "Partner management"), made at the first call: the ``actor`` of staff actions."""
    from django.contrib.auth.models import Group

    from accounts.staff import ensure_staff_groups

    email = f"{group.lower().replace(' ', '-')}@staff.test.example"
    member = User.objects.filter(email=email).first()
    if member is None:
        ensure_staff_groups()
        member = make_user(email, is_staff=True)
        member.groups.add(Group.objects.get(name=group))
    return member


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


# R-X-7: second factors. A known secret, so a test can type the code an app would show.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_totp(user: User, secret: str = TOTP_SECRET):
    """Give ``user`` an authenticator app (as if they had enrolled)."""
    from accounts.mfa import set_up_totp

    return set_up_totp(user=user, secret=secret)


def totp_code(secret: str = TOTP_SECRET) -> str:
    from accounts.mfa import current_totp_code

    return current_totp_code(secret)


def record_in_session(client, user: User, method: str, **extra) -> None:
    """Write an authentication step to the client's session the way allauth records it
    (``record_authentication``): "mfa" for a passed second factor, ``reauthenticated=True``
    for a confirmed password."""
    from allauth.account.internal.flows.login import record_authentication
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, method, **extra)
    request.session.save()


def pass_second_factor(client, user: User) -> None:
    """The client's session passed ``user``'s authenticator app (given one if they have none),
    as after the code step of allauth's login."""
    from allauth.mfa.models import Authenticator

    authenticator = (Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
                     or give_totp(user))
    record_in_session(client, user, "mfa", id=authenticator.pk, type=authenticator.type)


# The desk's usual week (R-INC-16), as the migration that replaced the hard-coded hours
# stores it: Monday–Thursday 08:30–17:00, Friday 08:30–16:00.
USUAL_WEEK = {
    day: (dt.time(8, 30), dt.time(16, 0) if day == "friday" else dt.time(17, 0))
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday")
}


def make_opening_schedule(valid_from: dt.date = dt.date(2000, 1, 1),
                          week: dict[str, tuple[dt.time, dt.time]] | None = None):
    """A weekly schedule from ``valid_from``; days missing from ``week`` are closed."""
    from incidents.models import OpeningSchedule

    fields = {}
    for day, (opens, closes) in (USUAL_WEEK if week is None else week).items():
        fields[f"{day}_opens"], fields[f"{day}_closes"] = opens, closes
    return OpeningSchedule.objects.create(valid_from=valid_from, **fields)
