"""Presentation helpers of the incident pages and emails; the rules they show are decided in
``incidents.models`` and ``incidents.queries``."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from contacts.models import Contact
from incidents import queries
from incidents.models import Incident, customer_status_label

register = template.Library()


@register.filter
def owned_by(incident: Incident, contact: Contact | None) -> bool:
    """Is ``contact`` the owner, the one the incident waits for (R-INC-13/14)?"""
    return contact is not None and incident.owner_id == contact.pk


@register.simple_tag
def status_label(status: str, incident: Incident, contact: Contact | None) -> str:
    """The status as ``contact`` reads it: "Waiting for you" only for the owner, "Waiting for
    the reporter" for everyone else (R-INC-14)."""
    return customer_status_label(status, for_owner=owned_by(incident, contact))


@register.filter
def contact_name(contact: Contact | None) -> str:
    """A contact's name (else email); "former contact" for one the administrators removed,
    whose personal data may be gone (R-ROLE-18)."""
    if contact is None:
        return "–"
    if contact.removed_at is not None:
        return _("former contact")
    return contact.user.get_full_name() or contact.user.email


@register.filter
def owner_cannot_reply(incident: Incident) -> bool:
    """``queries.owner_cannot_reply``: an open incident whose owner can no longer act."""
    return queries.owner_cannot_reply(incident)
