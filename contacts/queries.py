"""Reads about organisations and contacts, scoped to the organisation in SQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditlog.models import LogEntry
from django.db.models import F, Model, Q, QuerySet, Subquery
from django.http import Http404

from .models import Contact, Invitation, Organisation
from core.queries import count_of

if TYPE_CHECKING:
    from accounts.models import User
    from courses.models import Course

HISTORY_LENGTH = 25


def active_contacts_of(user: User) -> list[Contact]:
    """The user's usable memberships, with their organisations, in one query. A pending
    invitation is no membership (R-X-6): it is not a ``Contact`` until accepted."""
    return list(
        Contact.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id")
    )


def last_used_of(contacts: list[Contact]) -> Contact | None:
    """Of the user's active contacts, the one they worked in last (R-X-6); ``None`` when they
    never used any of them (then a person with several is asked which one)."""
    used = [contact for contact in contacts if contact.last_used_at is not None]
    return max(used, key=lambda contact: (contact.last_used_at, contact.pk)) if used else None


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


def get_contact_for(viewer: Contact, pk: int | str) -> Contact:
    """A contact of the viewer's organisation; 404 for any other (R-ROLE-14)."""
    try:
        return contacts_of(viewer.organisation).select_related("organisation").get(pk=int(pk))
    except (Contact.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def organisation_details(pk: int) -> Organisation:
    """The organisation as stored, with its invoice contact and that contact's login."""
    return Organisation.objects.select_related("invoice_contact__user").get(pk=pk)


def history_of(instance: Model) -> list[LogEntry]:
    """The latest audit-trail entries of a contact or organisation (R-ROLE-17), each with
    ``shown_changes`` (auditlog's ``changes_display_dict``, worked out once): one query whatever
    the number of entries (issue 15: the content type read per entry cost the organisation
    page 14 queries)."""
    entries = list(LogEntry.objects.get_for_object(instance)
                   .select_related("actor", "content_type").order_by("-timestamp")
                   [:HISTORY_LENGTH])
    for entry in entries:
        entry.shown_changes = entry.changes_display_dict
    return entries


def open_incidents_owned_by(contact: Contact) -> int:
    """How many open incidents wait for the contact (told before they are deleted)."""
    from incidents.models import OPEN_STATUSES, Incident

    return Incident.objects.filter(owner=contact, status__in=OPEN_STATUSES).count()


def language_of(user: User, *, default: str) -> str:
    """The person's language: that of the organisation they used last, else ``default``."""
    return (Contact.objects.filter(user=user, removed_at__isnull=True)
            .order_by(F("last_used_at").desc(nulls_last=True), "pk")
            .values_list("language", flat=True).first()) or default


# Invitations (R-X-6) ---------------------------------------------------------------------


def invitations_of(organisation: Organisation) -> QuerySet[Invitation]:
    """The organisation's invitations not yet accepted (pending first, then declined), for
    "My contacts". They carry the address typed and the state, nothing about the person."""
    return (Invitation.objects.filter(organisation=organisation)
            .order_by(F("declined_at").asc(nulls_first=True), "email", "pk"))


def get_invitation_for(viewer: Contact, pk: int | str) -> Invitation:
    """An invitation of the viewer's organisation; 404 for any other (R-ROLE-14)."""
    try:
        return invitations_of(viewer.organisation).select_related("organisation").get(
            pk=int(pk))
    except (Invitation.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def pending_invitations_for(user: User) -> QuerySet[Invitation]:
    """The invitations a person may still accept or decline, with who invited them."""
    return (Invitation.objects.filter(user=user, declined_at__isnull=True,
                                      organisation__is_active=True)
            .select_related("organisation", "invited_by__user")
            .order_by("-invited_at", "pk"))


def starter_course_for(profile: str) -> Course | None:
    """The starter course a submission profile requires (R-GATE-3), or None."""
    from courses.models import StarterCourseRequirement

    requirement = (StarterCourseRequirement.objects.select_related("course")
                   .filter(submission_profile=profile).first()) if profile else None
    return requirement.course if requirement is not None else None


def has_unseen_invitations(user: User) -> bool:
    """Pending invitations the person has not been shown yet (after login, once)."""
    return pending_invitations_for(user).filter(seen_at__isnull=True).exists()


def get_pending_invitation_of(user: User, pk: int | str) -> Invitation:
    """One of the person's own pending invitations; 404 for anyone else's (R-X-6)."""
    try:
        return pending_invitations_for(user).get(pk=int(pk))
    except (Invitation.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def attention_counts(contact: Contact) -> dict[str, object]:
    """Issue 14, the administrators' dashboard: seats in use (holders and reservations) of
    the stored maximum, and whether the latest organisation check waits for confirmation.
    Expressions to be read together in one query on the organisation."""
    from .models import OrganisationCheck
    from .seats import RESERVES_SEAT, SEAT_HOLDER

    organisation_id = contact.organisation_id
    latest_check = (OrganisationCheck.objects.filter(organisation_id=organisation_id)
                    .order_by("-requested_at", "-pk").values("pk")[:1])
    return {
        "seats_in_use": (
            count_of(Contact.objects.filter(SEAT_HOLDER, organisation_id=organisation_id))
            + count_of(Invitation.objects.filter(RESERVES_SEAT, organisation_id=organisation_id))),
        "seats_max": F("submitter_seats_max"),
        "check_waiting": count_of(OrganisationCheck.objects.filter(
            pk=Subquery(latest_check), confirmed_at__isnull=True)),
    }
