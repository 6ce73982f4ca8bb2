"""The role matrix (SPEC §2, R-ROLE-1 … R-ROLE-16): the one place that decides what the
active contact may do. Views ask it through ``@requires``; templates through the
``may`` context variable; nothing else decides access."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.roles import OrganisationKind, Role


if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from contacts.models import Contact


class Capability(enum.Enum):
    OWN_DETAILS = "own_details"
    COURSES = "courses"
    COURSE_MATERIAL = "course_material"
    UPDATES = "updates"
    ORGANISATION_BRIEF = "organisation_brief"
    SUBMIT_INCIDENTS = "submit_incidents"
    VIEW_ALL_INCIDENTS = "view_all_incidents"
    MANAGE_CONTACTS = "manage_contacts"
    EDIT_ORGANISATION = "edit_organisation"
    INVOICES = "invoices"
    FEEDBACK = "feedback"
    EXTRA_SUPPORT = "extra_support"
    PARTNER_PORTAL = "partner_portal"
    HAND_OVER_INCIDENTS = "hand_over_incidents"


# ``None`` means every active contact, also one without any role.
EVERY_CONTACT = None


@dataclass(frozen=True)
class Rule:
    rule_id: str
    description: Promise
    roles: frozenset[Role] | None
    # Only contacts of an organisation of this kind (e.g. "partner"); ``None``: any.
    organisation_kind: str | None = None


def _rule(rule_id: str, description: Promise, *roles: Role) -> Rule:
    return Rule(rule_id, description, frozenset(roles) if roles else EVERY_CONTACT)


E, A, S, V = Role.EMPLOYEE, Role.ADMINISTRATOR, Role.SUBMIT_INCIDENTS, Role.VIEW_INCIDENTS

ROLE_MATRIX: dict[Capability, Rule] = {
    Capability.OWN_DETAILS: _rule(
        "R-ROLE-1", _("view and change your own details and preferences")
    ),
    Capability.COURSES: _rule(
        "R-ROLE-2", _("see the course catalogue, enrol and see your results")
    ),
    Capability.COURSE_MATERIAL: _rule("R-ROLE-3", _("use the digital course material"), E, A),
    Capability.UPDATES: _rule("R-ROLE-4", _("read release notes and download updates"), E, A),
    Capability.ORGANISATION_BRIEF: _rule(
        "R-ROLE-5", _("see the organisation's name, address and service level"), E, A
    ),
    Capability.SUBMIT_INCIDENTS: _rule(
        "R-ROLE-6", _("submit incidents, reply and follow your own incidents"), S
    ),
    Capability.VIEW_ALL_INCIDENTS: _rule(
        "R-ROLE-7", _("see all incidents of the organisation"), A, V
    ),
    Capability.MANAGE_CONTACTS: _rule("R-ROLE-8", _("manage contacts and assign roles"), A),
    Capability.EDIT_ORGANISATION: _rule(
        "R-ROLE-9", _("change the organisation's details and invoice contact"), A
    ),
    Capability.INVOICES: _rule("R-ROLE-10", _("see invoices and subscriptions"), A),
    Capability.FEEDBACK: _rule("R-ROLE-11", _("send feedback and complaints"), E, A, S, V),
    Capability.EXTRA_SUPPORT: _rule(
        "R-ROLE-12", _("request extra support outside working hours"), A
    ),
    # R-INC-13: an administrator hands an open incident over to another contact.
    Capability.HAND_OVER_INCIDENTS: _rule(
        "R-INC-13", _("hand an incident over to another contact"), A
    ),
    # Not a role of SPEC §2: every active contact of a partner organisation, whatever their
    # roles, may use the partner portal; customers' contacts may not (R-PART-5).
    Capability.PARTNER_PORTAL: Rule(
        "R-PART-5", _("use the partner portal (only contacts of a partner organisation)"),
        EVERY_CONTACT, organisation_kind=OrganisationKind.PARTNER,
    ),
}


def can(contact: Contact | None, capability: Capability) -> bool:
    """May this contact (``None``: no active contact) use this capability?"""
    if contact is None or not contact.is_active:
        return False
    rule = ROLE_MATRIX[capability]
    if rule.organisation_kind is not None and contact.organisation.kind != rule.organisation_kind:
        return False
    if rule.roles is EVERY_CONTACT:
        return True
    return not rule.roles.isdisjoint(contact.roles)


def capabilities_of(contact: Contact | None) -> dict[str, bool]:
    """Every capability by name, for templates (``{% if may.updates %}``)."""
    return {capability.value: can(contact, capability) for capability in Capability}


def roles_needed(capability: Capability) -> list[Role]:
    """The roles that grant a capability, in the order of SPEC §2."""
    roles = ROLE_MATRIX[capability].roles
    if roles is EVERY_CONTACT:
        return []
    return [role for role in Role if role in roles]


class CapabilityDenied(PermissionDenied):
    """Raised when the active contact lacks a capability; the 403 page explains it (R-ROLE-14)."""

    def __init__(self, capability: Capability, *alternatives: Capability) -> None:
        super().__init__(capability.value)
        self.capability = capability
        # Every capability that would have opened the page, so the 403 names all their roles.
        self.capabilities = (capability, *alternatives)


def requires(capability: Capability) -> Callable:
    """View decorator: log in first, then the active contact must have ``capability``."""
    return requires_any(capability)


def can_any(contact: Contact | None, *capabilities: Capability) -> bool:
    """May this contact use at least one of ``capabilities``?"""
    return any(can(contact, capability) for capability in capabilities)


def requires_any(*capabilities: Capability) -> Callable:
    """View decorator like ``requires`` for pages that either capability opens (the incident
    list: own incidents for submitters, all for viewers, R-ROLE-6/7). A contact with none
    gets a 403 page that names the roles of all of them."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can_any(request.portal.contact, *capabilities):
                raise CapabilityDenied(*capabilities)
            return view(request, *args, **kwargs)

        wrapped.required_capability = capabilities[0]  # type: ignore[attr-defined]
        return wrapped

    return decorator
