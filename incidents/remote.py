"""Remote assistance beside temporary access (R-INC-11, ways b and c): one-time support codes
that start a recorded screen-sharing session, and the customer's permission to request a
backup of their environment.

As in ``incidents.actions``: customer actions take the active ``contact`` and ask the same
refusal functions as the views (``*_refusal``: the reason, or None); staff actions take the
staff ``actor`` and pass ``require_staff`` first. Who may start a session or grant a backup
permission is who may grant temporary access: the owner who can still act on an open
incident (``reply_refusal``); ending or revoking needs only the acting owner, as revoking
access does. Every step is read back into the incident's history from these rows
(``queries.remote_steps``).

A support code is stored as a keyed hash of the incident and the digits (``hash_code``) and
compared in constant time. A wrong try counts against the incident's live code whoever makes
it, also from ``/support/meekijken/`` for an incident the contact may not see (which answers
exactly as a wrong code does), and against the login in the cache, so that nobody can guess
across incidents either."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, require_staff
from contacts.models import Contact

from . import queries
from .actions import (
    STAFF_PERMISSION, IncidentError, Refusal, _check_visible, _lock, _raise, closed_refusal,
    reply_refusal,
)
from .models import BackupPermission, Incident, RemoteSession, SupportCode

CODE_DIGITS = 6
# A customer may allow backup requests for at most this long, as with access (R-INC-11).
MAX_BACKUP_PERMISSION = dt.timedelta(days=14)
_HASH_SALT = "incidents.remote.SupportCode"


class WrongCode(IncidentError):
    """The code is not (or no longer) valid for this incident number, or the contact may not
    see the incident: the same answer for all, so a number reveals nothing."""


class TooManyTries(IncidentError):
    """This login entered too many wrong codes lately (``SUPPORT_CODE_USER_TRIES``)."""


@dataclass(frozen=True)
class NewCode:
    """A code just created: the digits exist only here, shown once to the engineer."""

    code: SupportCode
    digits: str


def hash_code(incident_id: int, digits: str) -> str:
    """The stored form of a code: an HMAC keyed with SECRET_KEY over the incident and the
    digits, so a database copy neither shows the code nor lets one try it elsewhere."""
    return salted_hmac(_HASH_SALT, f"{incident_id}:{digits}", algorithm="sha256").hexdigest()


def _live(incident_id: int, now: dt.datetime):
    return SupportCode.objects.filter(incident_id=incident_id, used_at__isnull=True,
                                      locked_at__isnull=True, expires_at__gt=now)


# Refusals ------------------------------------------------------------------------------------


def session_refusal(contact: Contact | None, incident: Incident,
                    now: dt.datetime | None = None) -> Refusal | None:
    """Who may enter a support code on an incident: who may grant access (the owner who can
    still act, on an incident that takes replies; R-INC-11, R-INC-13)."""
    return reply_refusal(contact, incident, now)


def end_session_refusal(contact: Contact | None, session: RemoteSession) -> Refusal | None:
    """The acting owner ends a running session, whatever the incident's status."""
    if not queries.is_acting_owner(contact, session.incident):
        return CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    if not session.is_running:
        return IncidentError("the session has ended")
    return None


def backup_grant_refusal(contact: Contact | None, incident: Incident,
                         now: dt.datetime | None = None) -> Refusal | None:
    """Who may allow backup requests: who may grant access (R-INC-11)."""
    return reply_refusal(contact, incident, now)


def backup_revoke_refusal(contact: Contact | None, incident: Incident) -> Refusal | None:
    """The acting owner revokes a permission (or declines a request), also once closed."""
    if not queries.is_acting_owner(contact, incident):
        return CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    return None


# One-time support codes and sessions (way b) -----------------------------------------------


def create_support_code(*, incident: Incident, actor: User,
                        now: dt.datetime | None = None) -> NewCode:
    """A support engineer creates a 6-digit code for an open incident, valid for
    ``SUPPORT_CODE_MINUTES``; an older code still valid is replaced (expires now)."""
    require_staff(actor, STAFF_PERMISSION)
    now = now or timezone.now()
    digits = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
    with transaction.atomic():
        incident = _lock(incident)
        _raise(closed_refusal(incident))
        _live(incident.pk, now).update(expires_at=now)
        code = SupportCode.objects.create(
            incident=incident, code_hash=hash_code(incident.pk, digits), created_by=actor,
            created_at=now, expires_at=now + dt.timedelta(minutes=settings.SUPPORT_CODE_MINUTES))
    return NewCode(code=code, digits=digits)


def _user_key(contact: Contact) -> str:
    return f"incidents:support-code-tries:{contact.user_id}"


def user_tries_left(contact: Contact) -> int:
    """How many wrong codes this login may still enter in the current window."""
    return max(0, settings.SUPPORT_CODE_USER_TRIES - int(cache.get(_user_key(contact), 0)))


def _count_user_try(contact: Contact) -> None:
    key = _user_key(contact)
    cache.add(key, 0, timeout=settings.SUPPORT_CODE_USER_WINDOW_MINUTES * 60)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(key, 1, timeout=settings.SUPPORT_CODE_USER_WINDOW_MINUTES * 60)


def _count_code_try(code: SupportCode, now: dt.datetime) -> None:
    """One more wrong try on a live code (its row locked); at the limit it is dead for good."""
    code.failed_tries += 1
    if code.failed_tries >= settings.SUPPORT_CODE_TRIES:
        code.locked_at = now
    code.save(update_fields=["failed_tries", "locked_at"])


def _matches(code: SupportCode, digits: str) -> bool:
    """Constant-time comparison of the stored hash with the hash of what was typed."""
    return (len(digits) == CODE_DIGITS and digits.isdigit()
            and constant_time_compare(code.code_hash, hash_code(code.incident_id, digits)))


def start_remote_session(*, contact: Contact, number: str, code: str,
                         now: dt.datetime | None = None) -> RemoteSession:
    """The customer enters the code the engineer gave for incident ``number``: a right code
    on an incident they may start a session on uses the code and records the session with
    that engineer; anything else raises ``WrongCode`` (or ``TooManyTries`` for this login),
    after counting the try against the incident's live code and the login. A contact who
    sees the incident but may not start a session is refused before any code is compared."""
    now = now or timezone.now()
    if user_tries_left(contact) <= 0:
        raise TooManyTries(number)
    code = code.strip()
    with transaction.atomic():
        incident = (Incident.objects.select_for_update(of=("self",))
                    .select_related("organisation", "owner__user", "owner__organisation")
                    .filter(number=number).first())
        visible, live = False, None
        if incident is not None:
            visible = queries.incidents_visible_to(contact).filter(pk=incident.pk).exists()
            if visible:
                _raise(session_refusal(contact, incident, now))
            live = (_live(incident.pk, now).select_for_update(of=("self",))
                    .order_by("-created_at", "-pk").select_related("created_by").first())
        if incident is not None and live is not None:
            if visible and _matches(live, code):
                live.used_at = now
                live.save(update_fields=["used_at"])
                return RemoteSession.objects.create(
                    incident=incident, code=live, engineer=live.created_by,
                    confirmed_by=contact, started_at=now)
            _count_code_try(live, now)
    _count_user_try(contact)
    raise WrongCode(number)


def end_remote_session(*, contact: Contact, session: RemoteSession,
                       now: dt.datetime | None = None) -> RemoteSession:
    """The owner ends a running session from the incident page."""
    _check_visible(contact, session.incident)
    with transaction.atomic():
        session = (RemoteSession.objects.select_for_update(of=("self",))
                   .select_related("incident__owner__user", "incident__owner__organisation")
                   .get(pk=session.pk))
        _raise(end_session_refusal(contact, session))
        session.ended_at, session.ended_by_contact = now or timezone.now(), contact
        session.save(update_fields=["ended_at", "ended_by_contact"])
    return session


def end_remote_session_by_staff(*, session: RemoteSession, actor: User,
                                now: dt.datetime | None = None) -> RemoteSession:
    """Support ends a running session in the admin; an ended session stays as it was."""
    require_staff(actor, STAFF_PERMISSION)
    now = now or timezone.now()
    if RemoteSession.objects.filter(pk=session.pk, ended_at__isnull=True).update(
            ended_at=now, ended_by_user=actor):
        session.ended_at, session.ended_by_user = now, actor
    return session


# Backup permissions (way c) ----------------------------------------------------------------


def request_backup_permission(*, incident: Incident, actor: User, reason: str = "",
                              now: dt.datetime | None = None) -> BackupPermission:
    """Support asks the customer for permission to request a backup of their environment."""
    require_staff(actor, STAFF_PERMISSION)
    _raise(closed_refusal(incident))
    return BackupPermission.objects.create(incident=incident, requested_by=actor, reason=reason,
                                           requested_at=now or timezone.now())


def grant_backup_permission(*, contact: Contact, incident: Incident, expires_at: dt.datetime,
                            request: BackupPermission | None = None,
                            now: dt.datetime | None = None) -> BackupPermission:
    """The owner (``backup_grant_refusal``) allows backup requests until ``expires_at``
    (at most 14 days), answering support's request or on their own."""
    _check_visible(contact, incident)
    now = now or timezone.now()
    with transaction.atomic():
        incident = _lock(incident)
        _raise(backup_grant_refusal(contact, incident, now))
        if not now < expires_at <= now + MAX_BACKUP_PERMISSION:
            raise ValidationError("the expiry must be in the future and within 14 days")
        permission = None
        if request is not None:
            permission = (BackupPermission.objects.select_for_update()
                          .filter(pk=request.pk, incident=incident, granted_at__isnull=True,
                                  revoked_at__isnull=True).first())
        permission = permission or BackupPermission(incident=incident)
        permission.expires_at = expires_at
        permission.granted_by, permission.granted_at = contact, now
        permission.save()
    return permission


def revoke_backup_permission(*, contact: Contact, permission: BackupPermission,
                             now: dt.datetime | None = None) -> BackupPermission:
    """The owner ends a permission (or declines a request) at once; an expired or revoked
    one stays as it was."""
    _check_visible(contact, permission.incident)
    now = now or timezone.now()
    with transaction.atomic():
        incident = _lock(permission.incident)
        _raise(backup_revoke_refusal(contact, incident))
        if BackupPermission.objects.filter(pk=permission.pk, revoked_at__isnull=True).exclude(
                expires_at__lte=now).update(revoked_at=now, revoked_by=contact):
            permission.revoked_at, permission.revoked_by = now, contact
    return permission
