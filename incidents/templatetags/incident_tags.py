"""Presentation helpers of the incident pages and emails; the rules they show are decided in
``incidents.models`` and ``incidents.queries``."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from contacts.models import Contact
from core.templatetags.portal import contact_name
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


# One rule for how a (former) contact is named, shared with the other apps' pages.
register.filter("contact_name", contact_name)


@register.filter
def owner_cannot_reply(incident: Incident) -> bool:
    """``queries.owner_cannot_reply``: an open incident whose owner can no longer act."""
    return queries.owner_cannot_reply(incident)


@register.filter
def staff_name(user) -> SafeString:
    """A staff member as customers read them (``incidents/_staff.html``: the first name and
    "(Support)", never an email address), for use inside a sentence."""
    # Rendered, so already escaped: a SafeString (the template ends without a newline).
    return render_to_string("incidents/_staff.html", {"user": user})
