"""Every change to organisations and contacts (R-ROLE-8/9/15/16/17, R-QUOTA-3/5/6).

Each action is atomic, checks permission itself, and records the actor in the audit trail
(django-auditlog); emails leave after commit."""

from __future__ import annotations

import datetime as dt
from copy import copy
from dataclasses import dataclass
from functools import partial

from allauth.account.models import EmailAddress
from auditlog.context import set_actor
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can

from .models import ROLE_FIELDS, Contact, Organisation, OrganisationKind, Role
from .seats import SEAT_HOLDER, allowance_expression, holds_seat, seat_status
from .tasks import notify_seat_shortage, send_invitation


class ContactError(Exception):
    """A change that the rules refuse; ``str()`` is the message for the user."""


class SeatsFull(ContactError):
    """R-QUOTA-5: all submitter seats are taken."""

    def __init__(self, *, in_use: int, maximum: int, holders: list[Contact]) -> None:
        super().__init__("seats full")
        self.in_use, self.maximum, self.holders = in_use, maximum, holders


class LastAdministrator(ContactError):
    """R-ROLE-15: the organisation would be left without an active administrator."""


class AlreadyContact(ContactError):
    """The email address already belongs to a contact of this organisation."""

    def __init__(self, contact: Contact) -> None:
        super().__init__("already a contact")
        self.contact = contact


def _require_administrator(actor: Contact, organisation: Organisation) -> None:
    if actor.organisation_id != organisation.pk or not can(actor, Capability.MANAGE_CONTACTS):
        raise CapabilityDenied(Capability.MANAGE_CONTACTS)


def _lock(organisation: Organisation) -> Organisation:
    """Serialise changes to one organisation's seats and administrators (R-QUOTA-5)."""
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _check_seat(organisation: Organisation, before: Contact | None, after: Contact) -> None:
    if not holds_seat(after) or (before is not None and holds_seat(before)):
        return
    status = seat_status(organisation)
    if status.full:
        raise SeatsFull(in_use=status.in_use, maximum=status.maximum, holders=status.holders)


def _check_administrators_remain(organisation: Organisation, after: Contact) -> None:
    if after.is_active and after.is_administrator:
        return
    others = Contact.objects.filter(organisation=organisation, is_active=True,
                                    is_administrator=True).exclude(pk=after.pk)
    if not others.exists():
        raise LastAdministrator("last administrator")


@dataclass(frozen=True)
class ContactChanges:
    roles: frozenset[Role]
    certified_expert: bool
    submission_profile: str
    job_title: str = ""


def _apply(contact: Contact, changes: ContactChanges) -> None:
    for role, field in ROLE_FIELDS.items():
        setattr(contact, field, role in changes.roles)
    contact.certified_expert = changes.certified_expert
    contact.submission_profile = changes.submission_profile
    contact.job_title = changes.job_title


def update_contact(*, actor: Contact, contact: Contact, changes: ContactChanges) -> Contact:
    """Change a contact's roles and flags as an administrator of its organisation."""
    _require_administrator(actor, contact.organisation)
    with transaction.atomic(), set_actor(actor.user):
        organisation = _lock(contact.organisation)
        before = Contact.objects.get(pk=contact.pk)
        after = copy(before)
        _apply(after, changes)
        if before.is_administrator and not after.is_administrator:
            _check_administrators_remain(organisation, after)
        _check_seat(organisation, before, after)
        after.save()
    return after


def set_contact_active(*, actor: Contact, contact: Contact, active: bool) -> Contact:
    """Deactivate a contact (they can no longer log in to this organisation) or reactivate."""
    _require_administrator(actor, contact.organisation)
    with transaction.atomic(), set_actor(actor.user):
        organisation = _lock(contact.organisation)
        before = Contact.objects.get(pk=contact.pk)
        after = copy(before)
        after.is_active = active
        if not active:
            _check_administrators_remain(organisation, after)
        _check_seat(organisation, before, after)
        after.save(update_fields=["is_active"])
    return after


def invite_contact(
    *, actor: Contact, email: str, first_name: str, last_name: str, changes: ContactChanges,
) -> Contact:
    """Add a contact: link an existing user, or create one who sets a password from the email."""
    organisation = actor.organisation
    _require_administrator(actor, organisation)
    email = email.strip().lower()
    with transaction.atomic(), set_actor(actor.user):
        organisation = _lock(organisation)
        user = User.objects.filter(email__iexact=email).first()
        new_user = user is None
        if new_user:
            user = User.objects.create_user(email=email, password=None, first_name=first_name,
                                            last_name=last_name)
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
        else:
            existing = Contact.objects.filter(user=user, organisation=organisation).first()
            if existing is not None:
                raise AlreadyContact(existing)
        contact = Contact(user=user, organisation=organisation, language=actor.language)
        _apply(contact, changes)
        _check_seat(organisation, None, contact)
        contact.save()
        transaction.on_commit(partial(send_invitation.delay, contact.pk, new_user))
    return contact


@transaction.atomic
def update_organisation(*, actor: Contact, organisation: Organisation, fields: dict) -> None:
    """Change the organisation's details and invoice contact (R-ROLE-9, audited: R-ROLE-17)."""
    if actor.organisation_id != organisation.pk or not can(actor, Capability.EDIT_ORGANISATION):
        raise CapabilityDenied(Capability.EDIT_ORGANISATION)
    invoice_contact = fields.get("invoice_contact")
    if invoice_contact is not None and invoice_contact.organisation_id != organisation.pk:
        raise ContactError("invoice contact of another organisation")
    with set_actor(actor.user):
        for name, value in fields.items():
            setattr(organisation, name, value)
        organisation.save()


@dataclass(frozen=True)
class RecountResult:
    organisations: int
    newly_short: list[int]


def recount_submitter_seats(*, now: dt.datetime | None = None) -> RecountResult:
    """Recompute every customer organisation's seat maximum in a few set-based statements
    (R-QUOTA-3); organisations that newly have fewer seats than holders get one email to
    their administrators (R-QUOTA-6). Running it twice changes nothing more."""
    now = now or timezone.now()
    customers = Organisation.objects.filter(kind=OrganisationKind.CUSTOMER)
    in_use = Subquery(
        Contact.objects.filter(SEAT_HOLDER, organisation=OuterRef("pk"))
        .values("organisation").annotate(n=Count("pk")).values("n"),
        output_field=IntegerField(),
    )
    with transaction.atomic():
        count = customers.update(submitter_seats_max=allowance_expression(),
                                 submitter_seats_computed_at=now)
        short = customers.annotate(in_use=Coalesce(in_use, Value(0))).filter(
            in_use__gt=F("submitter_seats_max"))
        newly_short = list(short.filter(seat_shortage_notified_at__isnull=True,
                                        is_active=True).values_list("pk", flat=True))
        Organisation.objects.filter(pk__in=newly_short).update(seat_shortage_notified_at=now)
        customers.filter(seat_shortage_notified_at__isnull=False).exclude(
            pk__in=short.values("pk")).update(seat_shortage_notified_at=None)
        for pk in newly_short:
            transaction.on_commit(partial(notify_seat_shortage.delay, pk))
    return RecountResult(organisations=count, newly_short=newly_short)
