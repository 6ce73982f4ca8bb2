"""Every change to organisations and contacts (R-ROLE-8/9/15/16/17/18, R-QUOTA-3/5/6/7,
R-GATE-4) and invitations to join (R-X-6).

Each action is atomic, checks permission itself, and records the actor in the audit trail
(django-auditlog); emails go through the outbox (``core.outbox``) in the same transaction, and
so do the ``contact.changed`` events of the organisation's webhooks (R-HOOK-1).
Customer administrators' actions take the acting ``Contact``; staff actions take the staff
``User`` as ``actor`` and pass ``require_staff`` first."""

from __future__ import annotations

import datetime as dt
from copy import copy
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can, require_staff
from webhooks import events as webhook_events

from .emails import queue_invitation, queue_seat_shortage_notices
from .models import (
    ROLE_FIELDS, Contact, Invitation, Organisation, OrganisationKind, Role, SubmissionProfile,
)
from .queries import ACTIVE_ADMINISTRATOR, is_active_administrator, language_of
from .seats import allowance_expression, holds_seat, over_maximum, seat_status


class ContactError(Exception):
    """A change that the rules refuse; ``str()`` is the message for the user."""


class SeatsFull(ContactError):
    """R-QUOTA-5: all submitter seats are taken."""

    def __init__(self, *, in_use: int, maximum: int, holders: list[Contact],
                 reserved: int = 0) -> None:
        super().__init__("seats full")
        self.in_use, self.maximum, self.holders = in_use, maximum, holders
        self.reserved = reserved  # seats held by pending invitations (R-X-6)


class LastAdministrator(ContactError):
    """R-ROLE-15: the organisation would be left without an active administrator."""


class ProfileRequired(ContactError):
    """R-GATE-4: a contact the starter-course gate applies to gets SUBMIT_INCIDENTS only with
    a submission profile, which says which starter course they need."""


class AlreadyContact(ContactError):
    """The email address already belongs to a contact of this organisation."""

    def __init__(self, contact: Contact) -> None:
        super().__init__("already a contact")
        self.contact = contact


class AlreadyInvited(ContactError):
    """The email address already has a pending invitation of this organisation."""

    def __init__(self, invitation: Invitation) -> None:
        super().__init__("already invited")
        self.invitation = invitation


class InvitationAnswered(ContactError):
    """The invitation was accepted, declined or withdrawn meanwhile."""


class SentRecently(ContactError):
    """An invitation is sent again at most once per ``RESEND_INTERVAL``."""

    def __init__(self, *, again_at: dt.datetime) -> None:
        super().__init__("sent recently")
        self.again_at = again_at


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
    if status.full and status.maximum is not None:  # full implies a maximum; mypy cannot tell
        raise SeatsFull(in_use=status.in_use, maximum=status.maximum, holders=status.holders,
                        reserved=status.reserved)


def _check_profile(after: Contact) -> None:
    """R-GATE-4: a submission profile is a known one, and a contact the starter-course gate
    applies to holds SUBMIT_INCIDENTS only with one."""
    from courses.gate import gate_applies_to

    if after.submission_profile and after.submission_profile not in SubmissionProfile.values:
        raise ContactError(f"unknown submission profile {after.submission_profile!r}")
    if after.can_submit_incidents and not after.submission_profile and gate_applies_to(after):
        raise ProfileRequired("a submission profile is needed")


def _check_administrators_remain(organisation: Organisation, after: Contact) -> None:
    if is_active_administrator(after):
        return
    others = Contact.objects.filter(ACTIVE_ADMINISTRATOR, organisation=organisation)
    if not others.exclude(pk=after.pk).exists():
        raise LastAdministrator("last administrator")


@dataclass(frozen=True)
class ContactChanges:
    """What a customer's administrator may change about a contact. Certified-expert status
    is not among them: it is the vendor's fact (R-QUOTA-7)."""

    roles: frozenset[Role]
    submission_profile: str
    job_title: str = ""


def _apply(contact: Contact, changes: ContactChanges, now: dt.datetime) -> None:
    had_role = contact.can_submit_incidents
    for role, field in ROLE_FIELDS.items():
        setattr(contact, field, role in changes.roles)
    if contact.can_submit_incidents and not had_role:
        contact.submitter_since = now
    elif not contact.can_submit_incidents:
        contact.submitter_since = None
    contact.submission_profile = changes.submission_profile
    contact.job_title = changes.job_title


def _change(organisation: Organisation, contact: Contact, changes: ContactChanges) -> Contact:
    """Apply ``changes`` to a contact of the locked ``organisation`` under every rule."""
    before = Contact.objects.select_related("user").get(pk=contact.pk, removed_at__isnull=True)
    after = copy(before)
    _apply(after, changes, timezone.now())
    if before.is_administrator and not after.is_administrator:
        _check_administrators_remain(organisation, after)
    _check_profile(after)
    _check_seat(organisation, before, after)
    after.save()
    webhook_events.emit_contact_changed(after, "updated")  # R-HOOK-1
    return after


def update_contact(*, actor: Contact, contact: Contact, changes: ContactChanges) -> Contact:
    """Change a contact's roles, submission profile and job title as an administrator of its
    organisation (R-ROLE-8, R-QUOTA-5, R-GATE-4)."""
    _require_administrator(actor, contact.organisation)
    with transaction.atomic(), set_actor(actor.user):
        return _change(_lock(contact.organisation), contact, changes)


def give_submit_role(*, actor: Contact, contact: Contact) -> Contact:
    """Give SUBMIT_INCIDENTS under the seat cap and the profile rule, keeping everything else;
    nothing happens when the contact has it. Call it inside the caller's transaction when
    the role comes with another change (an incident handed over, R-INC-13)."""
    _require_administrator(actor, contact.organisation)
    with transaction.atomic(), set_actor(actor.user):
        organisation = _lock(contact.organisation)
        current = Contact.objects.get(pk=contact.pk, removed_at__isnull=True)
        if current.can_submit_incidents:
            return current
        return _change(organisation, current, ContactChanges(
            roles=current.roles | {Role.SUBMIT_INCIDENTS},
            submission_profile=current.submission_profile, job_title=current.job_title))


def set_contact_active(*, actor: Contact, contact: Contact, active: bool) -> Contact:
    """Deactivate a contact (they can no longer log in to this organisation) or reactivate."""
    _require_administrator(actor, contact.organisation)
    with transaction.atomic(), set_actor(actor.user):
        organisation = _lock(contact.organisation)
        before = Contact.objects.get(pk=contact.pk, removed_at__isnull=True)
        after = copy(before)
        after.is_active = active
        if not active:
            _check_administrators_remain(organisation, after)
        _check_seat(organisation, before, after)
        after.save(update_fields=["is_active"])
        if before.is_active != after.is_active:
            webhook_events.emit_contact_changed(after, "activated" if active
                                                else "deactivated")  # R-HOOK-1
    return after


# Invitations to join (R-X-6) -------------------------------------------------------------

# Resending is for a lost or expired email, not for pressing someone.
RESEND_INTERVAL = dt.timedelta(minutes=10)


def _person_for(email: str, first_name: str, last_name: str) -> tuple[User, bool]:
    """The login of ``email``, created (without a password) when there is none yet; and
    whether it was created now."""
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=None, first_name=first_name,
                                            last_name=last_name)
    except IntegrityError:  # another organisation invited the same new address just now
        return User.objects.get(email__iexact=email), False
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user, True


def invite_contact(
    *, actor: Contact, email: str, first_name: str, last_name: str, changes: ContactChanges,
) -> Invitation:
    """Invite an email address to join the organisation with the roles chosen (R-X-6,
    R-ROLE-8): a pending membership under the seat cap and the profile rule (with Submit
    incidents it reserves a seat), and an email to the person, who accepts or declines.
    Whether the address has a login already changes only that email, never the answer: the
    organisation sees the address typed and "invited". The names typed are used only for a
    new login."""
    organisation = actor.organisation
    _require_administrator(actor, organisation)
    email = email.strip().lower()
    now = timezone.now()
    with transaction.atomic(), set_actor(actor.user):
        organisation = _lock(organisation)
        existing = (Contact.objects.select_related("user")
                    .filter(user__email__iexact=email, organisation=organisation,
                            removed_at__isnull=True).first())
        if existing is not None:
            raise AlreadyContact(existing)
        earlier = Invitation.objects.filter(organisation=organisation,
                                            user__email__iexact=email).first()
        if earlier is not None and earlier.is_pending:
            raise AlreadyInvited(earlier)
        # What the person would be as a contact today: the rules are those of a new contact.
        joining = Contact(organisation=organisation, created_at=now)
        _apply(joining, changes, now)
        _check_profile(joining)
        _check_seat(organisation, None, joining)
        if earlier is not None:
            earlier.delete()  # inviting again after a decline replaces the declined one
        user, created = _person_for(email, first_name, last_name)
        invitation = Invitation.objects.create(
            organisation=organisation, user=user, email=email,
            **{field: getattr(joining, field) for field in ROLE_FIELDS.values()},
            submission_profile=joining.submission_profile, job_title=joining.job_title,
            language=actor.language, created_user=created, invited_by=actor,
            invited_at=now, sent_at=now)
        queue_invitation(invitation)
    return invitation


def resend_invitation(*, actor: Contact, invitation: Invitation,
                      now: dt.datetime | None = None) -> Invitation:
    """Send a pending invitation's email again (a new link for a new person), at most once
    per ``RESEND_INTERVAL``."""
    _require_administrator(actor, invitation.organisation)
    now = now or timezone.now()
    with transaction.atomic(), set_actor(actor.user):
        _lock(invitation.organisation)
        current = Invitation.objects.filter(pk=invitation.pk, declined_at__isnull=True).first()
        if current is None:
            raise InvitationAnswered("no longer pending")
        if now < current.sent_at + RESEND_INTERVAL:
            raise SentRecently(again_at=current.sent_at + RESEND_INTERVAL)
        current.sent_at = now
        current.save(update_fields=["sent_at"])
        queue_invitation(current)
    return current


def _forget_unused_login(user: User) -> None:
    """A login made for an invitation that was never used and that nothing else needs goes
    with the invitation, so a withdrawn invitation leaves no account behind."""
    if (user.has_usable_password() or user.last_login is not None or user.is_staff
            or user.contacts.exists() or user.invitations.exists()
            or user.course_results.exists()):
        return
    user.delete()


def withdraw_invitation(*, actor: Contact, invitation: Invitation) -> bool:
    """Withdraw a pending invitation, or remove a declined one (R-X-6): a reserved seat frees.
    False when it was no longer there (accepted or withdrawn meanwhile)."""
    _require_administrator(actor, invitation.organisation)
    with transaction.atomic(), set_actor(actor.user):
        _lock(invitation.organisation)
        current = (Invitation.objects.select_related("user")
                   .filter(pk=invitation.pk, organisation=invitation.organisation_id).first())
        if current is None:
            return False
        current.delete()
        _forget_unused_login(current.user)
    return True


def join_organisation(*, user: User, invitation: Invitation,
                      now: dt.datetime | None = None) -> Contact:
    """The person accepts an invitation (R-X-6): it becomes their contact with the roles the
    administrator chose, and the seat it reserved becomes theirs (so no seat check here: the
    invitation passed it). Audited with the person as actor."""
    if invitation.user_id != user.pk:
        raise PermissionDenied("another person's invitation")
    now = now or timezone.now()
    with transaction.atomic(), set_actor(user):
        organisation = _lock(invitation.organisation)
        current = Invitation.objects.filter(pk=invitation.pk, user=user,
                                            declined_at__isnull=True).first()
        if current is None:
            raise InvitationAnswered("no longer pending")
        current.delete()
        existing = Contact.objects.filter(user=user, organisation=organisation,
                                          removed_at__isnull=True).first()
        if existing is not None:  # staff made them a contact meanwhile
            return existing
        contact = Contact(user=user, organisation=organisation, created_at=now,
                          language=language_of(user, default=current.language))
        _apply(contact, ContactChanges(roles=current.roles,
                                       submission_profile=current.submission_profile,
                                       job_title=current.job_title), now)
        contact.save()
        webhook_events.emit_contact_changed(contact, "joined")  # R-HOOK-1
    return contact


def decline_invitation(*, user: User, invitation: Invitation,
                       now: dt.datetime | None = None) -> Invitation:
    """The person declines an invitation (R-X-6): no membership, a reserved seat frees, and
    the organisation sees only "declined"."""
    if invitation.user_id != user.pk:
        raise PermissionDenied("another person's invitation")
    now = now or timezone.now()
    with transaction.atomic(), set_actor(user):
        _lock(invitation.organisation)
        current = Invitation.objects.filter(pk=invitation.pk, user=user,
                                            declined_at__isnull=True).first()
        if current is None:
            raise InvitationAnswered("no longer pending")
        current.declined_at = now
        current.save(update_fields=["declined_at"])
    return current


FORMER_CONTACT = "former contact"


def _erase_person(user: User, now: dt.datetime) -> None:
    """R-ROLE-18: the person belongs to no organisation any more: erase their personal data
    (name, email address, phone, password, second factors, course results) and every trace of
    it in the audit trail, keeping that the changes happened."""
    user.email = f"removed-{user.pk}@removed.invalid"
    user.first_name = user.last_name = user.phone = ""
    user.set_unusable_password()
    user.is_active = False
    user.save()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    Invitation.objects.filter(user=user).delete()  # the invitations elsewhere name them
    user.course_results.all().delete()
    LogEntry.objects.filter(actor=user).update(actor_email="", remote_addr=None,
                                               remote_port=None)
    contact_type = ContentType.objects.get_for_model(Contact)
    entries = LogEntry.objects.filter(content_type=contact_type,
                                      object_id__in=user.contacts.values("pk"))
    for entry in entries:
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        changes = {field: values for field, values in changes.items() if field != "job_title"}
        entry.changes, entry.changes_text = changes, ""
        entry.object_repr, entry.serialized_data = FORMER_CONTACT, None
        entry.remote_addr = entry.remote_port = None
        entry.save(update_fields=["changes", "changes_text", "object_repr", "serialized_data",
                                  "remote_addr", "remote_port"])


def remove_contact(*, actor: Contact, contact: Contact, now: dt.datetime | None = None) -> Contact:
    """Delete a contact from the organisation (R-ROLE-18): their roles and seat go, upcoming
    course places are given up, the incidents they reported stay (as a former contact), and
    the person's personal data is erased when they belong to no other organisation."""
    from courses.actions import give_up_places_of

    _require_administrator(actor, contact.organisation)
    now = now or timezone.now()
    with transaction.atomic(), set_actor(actor.user):
        organisation = _lock(contact.organisation)
        removed = Contact.objects.select_related("user").get(pk=contact.pk,
                                                            removed_at__isnull=True)
        for field in ROLE_FIELDS.values():
            setattr(removed, field, False)
        removed.is_active, removed.removed_at = False, now
        removed.submitter_since, removed.job_title = None, ""
        _check_administrators_remain(organisation, removed)
        removed.save()
        if organisation.invoice_contact_id == removed.pk:
            organisation.invoice_contact = None
            organisation.save(update_fields=["invoice_contact"])
        give_up_places_of(contact=removed, now=now)
        if not removed.user.contacts.filter(removed_at__isnull=True).exists():
            _erase_person(removed.user, now)
        webhook_events.emit_contact_changed(removed, "removed")  # R-HOOK-1
    return removed


@transaction.atomic
def update_organisation(*, actor: Contact, organisation: Organisation, fields: dict) -> None:
    """Change the organisation's details and invoice contact (R-ROLE-9, audited: R-ROLE-17)."""
    if actor.organisation_id != organisation.pk or not can(actor, Capability.EDIT_ORGANISATION):
        raise CapabilityDenied(Capability.EDIT_ORGANISATION)
    invoice_contact = fields.get("invoice_contact")
    if invoice_contact is not None and (invoice_contact.organisation_id != organisation.pk
                                        or invoice_contact.removed_at is not None):
        raise ContactError("invoice contact of another organisation")
    with set_actor(actor.user):
        for name, value in fields.items():
            setattr(organisation, name, value)
        organisation.save()


# Seats: the staff's side (R-QUOTA-2/3/6/7) ----------------------------------------------


def _tell_about_shortage(organisations: QuerySet[Organisation], now: dt.datetime) -> list[int]:
    """Of ``organisations``, mark the ones newly over their maximum and queue one notice for
    each (administrators, or Customer Care when there is none: R-QUOTA-6); forget the mark of
    the ones no longer over it. Call inside a transaction."""
    short = over_maximum(organisations)
    newly_short = list(short.filter(seat_shortage_notified_at__isnull=True, is_active=True)
                       .values_list("pk", flat=True))
    Organisation.objects.filter(pk__in=newly_short).update(seat_shortage_notified_at=now)
    organisations.filter(seat_shortage_notified_at__isnull=False).exclude(
        pk__in=short.values("pk")).update(seat_shortage_notified_at=None)
    queue_seat_shortage_notices(newly_short, now=now)
    return newly_short


def expire_expert_certificates(*, today: dt.date) -> list[int]:
    """End the expert status of contacts whose certificate expired before ``today``: they take
    a seat again when they hold the role (R-QUOTA-7). Audited, with no actor (the system).
    Returns the organisations concerned."""
    expired = list(Contact.objects.filter(certified_expert=True,
                                          expert_certified_until__lt=today))
    for contact in expired:
        contact.certified_expert = False
        contact.save(update_fields=["certified_expert"])
    return sorted({contact.organisation_id for contact in expired})


@dataclass(frozen=True)
class RecountResult:
    organisations: int
    newly_short: list[int]


def recount_submitter_seats(*, now: dt.datetime | None = None) -> RecountResult:
    """End expired expert certificates, then recompute every customer organisation's seat
    maximum in a few set-based statements (R-QUOTA-3, R-QUOTA-7); organisations that newly
    have fewer seats than holders get one notice (R-QUOTA-6). Running it twice changes
    nothing more."""
    now = now or timezone.now()
    customers = Organisation.objects.filter(kind=OrganisationKind.CUSTOMER)
    with transaction.atomic():
        expire_expert_certificates(today=timezone.localdate(now))
        count = customers.update(submitter_seats_max=allowance_expression(),
                                 submitter_seats_computed_at=now)
        newly_short = _tell_about_shortage(customers, now)
    return RecountResult(organisations=count, newly_short=newly_short)


def _recount_one(organisation: Organisation, now: dt.datetime) -> None:
    """The recount for one organisation at once, after a staff change that lowers its seats
    or adds a seat holder, so nobody waits for 02:00 to hear about a shortage."""
    one = Organisation.objects.filter(pk=organisation.pk, kind=OrganisationKind.CUSTOMER)
    one.update(submitter_seats_max=allowance_expression(), submitter_seats_computed_at=now)
    _tell_about_shortage(one, now)


def set_seat_override(*, actor: User, organisation: Organisation, seats: int | None,
                      now: dt.datetime | None = None) -> Organisation:
    """Staff set (or clear) the organisation's seat override (R-QUOTA-2); the maximum is
    recomputed at once and the administrators are told after commit when it falls below
    usage (R-QUOTA-6)."""
    require_staff(actor, "contacts.change_organisation")
    if seats is not None and seats < 0:
        raise ContactError("seats cannot be negative")
    now = now or timezone.now()
    with transaction.atomic(), set_actor(actor):
        locked = _lock(organisation)
        locked.submitter_seats_override = seats
        locked.save(update_fields=["submitter_seats_override"])
        _recount_one(locked, now)
    locked.refresh_from_db()
    return locked


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def expert_certificate_until(certified_on: dt.date) -> dt.date:
    """How long a certificate from a passed expert course is valid (EXPERT_CERTIFICATE_YEARS)."""
    from django.conf import settings

    return _years_later(certified_on, settings.EXPERT_CERTIFICATE_YEARS)


def record_expert_certificate(*, actor: User, contact: Contact, certified_on: dt.date,
                              valid_until: dt.date, now: dt.datetime | None = None) -> Contact:
    """Staff record that the contact is a certified expert (R-QUOTA-7). A certificate that
    has already expired is recorded but gives no expert status."""
    require_staff(actor, "contacts.change_contact")
    return _certify(actor, contact, certified_on, valid_until, now)


def certify_from_course(*, contact: Contact, certified_on: dt.date, valid_until: dt.date,
                        now: dt.datetime | None = None) -> Contact:
    """The system records the certificate a passed expert course gives (R-QUOTA-7, no
    actor in the audit trail): ``courses.actions.certify_from_result`` only."""
    return _certify(None, contact, certified_on, valid_until, now)


def _certify(actor: User | None, contact: Contact, certified_on: dt.date, valid_until: dt.date,
             now: dt.datetime | None) -> Contact:
    if valid_until < certified_on:
        raise ContactError("the certificate expires before its date")
    now = now or timezone.now()
    with transaction.atomic(), set_actor(actor):
        _lock(contact.organisation)
        current = Contact.objects.get(pk=contact.pk)
        current.expert_certified_on, current.expert_certified_until = certified_on, valid_until
        current.certified_expert = valid_until >= timezone.localdate(now)
        current.save(update_fields=["certified_expert", "expert_certified_on",
                                    "expert_certified_until"])
        _recount_one(current.organisation, now)
    return current


def end_expert_certificate(*, actor: User, contact: Contact,
                           now: dt.datetime | None = None) -> Contact:
    """Staff end a contact's expert status (R-QUOTA-7); holding the role, they take a seat
    again, and the administrators hear at once if that makes usage exceed the maximum."""
    require_staff(actor, "contacts.change_contact")
    now = now or timezone.now()
    with transaction.atomic(), set_actor(actor):
        _lock(contact.organisation)
        current = Contact.objects.get(pk=contact.pk)
        yesterday = timezone.localdate(now) - dt.timedelta(days=1)
        current.certified_expert = False
        current.expert_certified_until = min(current.expert_certified_until or yesterday,
                                             yesterday)
        current.save(update_fields=["certified_expert", "expert_certified_until"])
        _recount_one(current.organisation, now)
    return current
