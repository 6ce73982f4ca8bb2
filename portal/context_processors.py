from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from accounts.permissions import capabilities_of
from accounts.roles import Role
from portal.navigation import menu_for, pages_for


def portal(request: HttpRequest) -> dict:
    context = getattr(request, "portal", None)
    contact = context.contact if context else None
    roles = contact.roles if contact else frozenset()
    pages = pages_for(contact)
    return {
        "portal": context,
        "htmx_available": settings.HTMX_AVAILABLE,
        "public_contact_email": settings.PUBLIC_CONTACT_EMAIL,
        "may": capabilities_of(contact),
        "nav_pages": pages,
        "nav_menu": menu_for(pages),
        "role_labels": [role.label for role in Role if role in roles],
    }
