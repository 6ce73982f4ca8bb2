"""Reads about organisations and contacts, scoped to the organisation in SQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditlog.models import LogEntry
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import Contact, Organisation

if TYPE_CHECKING:
    from accounts.models import User

HISTORY_LENGTH = 25


def active_contacts_of(user: User) -> list[Contact]:
    """The user's usable memberships, with their organisations, in one query."""
    return list(
        Contact.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id")
    )


# An administrator who can act: an active contact with the role and an active login.
ACTIVE_ADMINISTRATOR = Q(is_active=True, is_administrator=True, user__is_active=True)


def is_active_administrator(contact: Contact) -> bool:
    """``ACTIVE_ADMINISTRATOR`` for one loaded contact (with its user)."""
    return contact.is_active and contact.is_administrator and contact.user.is_active


def administrators_of(organisation: Organisation) -> QuerySet[Contact]:
    """The organisation's active administrators, for "ask your administrator" texts."""
    return (
        Contact.objects.filter(ACTIVE_ADMINISTRATOR, organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def contacts_of(organisation: Organisation) -> QuerySet[Contact]:
    """Every contact of the organisation (not the removed ones: R-ROLE-18), active ones
    first, for "My contacts"."""
    return (
        Contact.objects.filter(organisation=organisation, removed_at__isnull=True)
        .select_related("user")
        .order_by("-is_active", "user__last_name", "user__first_name", "user__email")
    )


def get_contact_for(viewer: Contact, pk: object) -> Contact:
    """A contact of the viewer's organisation; 404 for any other (R-ROLE-14)."""
    try:
        return contacts_of(viewer.organisation).select_related("organisation").get(pk=int(pk))
    except (Contact.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def history_of(instance: Model) -> list[LogEntry]:
    """The latest audit-trail entries of a contact or organisation (R-ROLE-17)."""
    return list(LogEntry.objects.get_for_object(instance).select_related("actor")
                .order_by("-timestamp")[:HISTORY_LENGTH])


def open_incidents_owned_by(contact: Contact) -> int:
    """How many open incidents wait for the contact (told before they are deleted)."""
    from incidents.models import OPEN_STATUSES, Incident

    return Incident.objects.filter(owner=contact, status__in=OPEN_STATUSES).count()
