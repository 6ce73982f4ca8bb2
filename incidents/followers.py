"""Followers of an incident (R-MAIL-5): the reporter or owner adds colleagues of the same
organisation and removes them; administrators and viewers follow any incident of their
organisation themselves; every follower can stop following. A follower reads the incident
(``queries.incidents_visible_to``) and gets its status and reply emails (``emails``).

Who may be added, the strict reading: an active contact of the incident's organisation
(``queries.follower_candidates``), whatever their roles. Following is the reporter sharing
one incident with a colleague, as a "cc" does; it gives that one incident to read and its
emails, nothing more: replying stays with the owner (R-INC-13, R-ROLE-13)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.permissions import Capability, CapabilityDenied
from contacts.models import Contact

from . import queries
from .models import Follower, Incident


class FollowRefused(Exception):
    """The follow or unfollow the rules refuse (already following, not a colleague, closed)."""


def _current(incident: Incident, contact: Contact) -> Follower | None:
    return (Follower.objects.select_for_update()
            .filter(queries.CURRENT_FOLLOWER, incident=incident, contact=contact).first())


def _follow(*, incident: Incident, contact: Contact, by: Contact, now: dt.datetime) -> Follower:
    try:
        with transaction.atomic():
            return Follower.objects.create(incident=incident, contact=contact, added_by=by,
                                           added_at=now)
    except IntegrityError:  # following already (two clicks at once)
        raise FollowRefused("already following") from None


def _check_visible(contact: Contact, incident: Incident) -> None:
    if not queries.incidents_visible_to(contact).filter(pk=incident.pk).exists():
        raise Incident.DoesNotExist


def add_follower(*, actor: Contact, incident: Incident, contact: Contact,
                 now: dt.datetime | None = None) -> Follower:
    """The reporter or owner adds an active colleague as a follower (R-MAIL-5)."""
    _check_visible(actor, incident)
    if not queries.may_manage_followers(actor, incident):
        raise CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    if not queries.follower_candidates(incident).filter(pk=contact.pk).exists():
        raise FollowRefused("not a colleague who can follow")
    return _follow(incident=incident, contact=contact, by=actor, now=now or timezone.now())


def follow(*, contact: Contact, incident: Incident, now: dt.datetime | None = None) -> Follower:
    """An administrator or viewer follows an incident of their organisation (R-MAIL-5)."""
    _check_visible(contact, incident)
    if not queries.may_follow(contact, incident):
        raise CapabilityDenied(Capability.VIEW_ALL_INCIDENTS)
    return _follow(incident=incident, contact=contact, by=contact, now=now or timezone.now())


def remove_follower(*, actor: Contact, incident: Incident, contact: Contact,
                    now: dt.datetime | None = None) -> Follower:
    """End a follow: the follower themselves, or the reporter or owner (R-MAIL-5). The row
    stays, so the history shows who ended it and when."""
    _check_visible(actor, incident)
    if actor.pk != contact.pk and not queries.may_manage_followers(actor, incident):
        raise CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    with transaction.atomic():
        follower = _current(incident, contact)
        if follower is None:
            raise FollowRefused("not following")
        follower.removed_at, follower.removed_by = now or timezone.now(), actor
        follower.save(update_fields=["removed_at", "removed_by"])
    return follower

