"""The role matrix (SPEC §2, R-ROLE-1 … R-ROLE-16): the one place that decides what the
active contact may do. Views ask it through ``@requires`` (which records the capabilities on
the view, where the navigation reads them); templates through the ``may`` context variable;
nothing else decides access.

Beside it, ``require_staff``: the one gate of every staff action (the staff groups of
``accounts.staff`` grant the Django permissions it asks for)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.roles import OrganisationKind, Role
from core.drafts import login_redirect

if TYPE_CHECKING:
    from django.http import HttpResponseBase

    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User
    from contacts.models import Contact
    from contacts.middleware import PortalRequest

    View = Callable[..., HttpResponseBase]


class Capability(enum.Enum):
    """What a capability opens, not who has it: a page or a set of records."""

    OWN_DETAILS = "own_details"
    SWITCH_ORGANISATION = "switch_organisation"
    SUPPORT_PAGE = "support_page"
    KNOWLEDGE_BASE = "knowledge_base"
    COURSES = "courses"
    COURSE_MATERIAL = "course_material"
    ORGANISATION_COURSES = "organisation_courses"
    UPDATES = "updates"
    ORGANISATION_BRIEF = "organisation_brief"
    SUBMIT_INCIDENTS = "submit_incidents"
    VIEW_ALL_INCIDENTS = "view_all_incidents"
    MANAGE_CONTACTS = "manage_contacts"
    EDIT_ORGANISATION = "edit_organisation"
    INVOICES = "invoices"
    FEEDBACK = "feedback"
    ORGANISATION_FEEDBACK = "organisation_feedback"
    EXTRA_SUPPORT = "extra_support"
    PARTNER_PORTAL = "partner_portal"
    PARTNER_NOTICE = "partner_notice"
    PARTNER_DETAILS = "partner_details"
    HAND_OVER_INCIDENTS = "hand_over_incidents"
    CONSULTANCY = "consultancy"
    WEBHOOKS = "webhooks"


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
    # Pages for every contact that are not a row of SPEC §2's table: their own rules say so.
    Capability.SWITCH_ORGANISATION: _rule(
        "R-X-6", _("switch to another organisation you are a contact of")
    ),
    Capability.SUPPORT_PAGE: _rule(
        "R-QUOTA-4", _("see the support page: seats in use, opening hours and who may submit")
    ),
    Capability.KNOWLEDGE_BASE: _rule(
        "R-INC-2", _("search the knowledge base and mark an article as your answer")
    ),
    Capability.COURSES: _rule(
        "R-ROLE-2", _("see the course catalogue, enrol and see your results")
    ),
    Capability.COURSE_MATERIAL: _rule("R-ROLE-3", _("use the digital course material"), E, A),
    Capability.ORGANISATION_COURSES: _rule(
        "R-COURSE-2", _("see the course enrolments and results of the whole organisation"), A
    ),
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
    Capability.ORGANISATION_FEEDBACK: _rule(
        "R-CARE-1", _("follow the feedback and complaints of the whole organisation"), A
    ),
    Capability.EXTRA_SUPPORT: _rule(
        "R-ROLE-12", _("request extra support outside working hours"), A
    ),
    # R-INC-13: an administrator hands an open incident over to another contact.
    Capability.HAND_OVER_INCIDENTS: _rule(
        "R-INC-13", _("hand an incident over to another contact"), A
    ),
    # SPEC §12: projects, appointments and visit requests are for administrators (R-CONS-1/3).
    Capability.CONSULTANCY: _rule(
        "R-CONS-1", _("see consultancy projects and appointments and request a visit"), A
    ),
    # SPEC §14: administrators register their organisation's webhook endpoints, see the
    # delivery log and send a delivery again (R-HOOK-1).
    Capability.WEBHOOKS: _rule(
        "R-HOOK-1", _("manage the organisation's webhooks and see their deliveries"), A
    ),
    # Not a role of SPEC §2: every active contact of a partner organisation, whatever their
    # roles, may use the partner portal; customers' contacts may not (R-PART-5).
    Capability.PARTNER_PORTAL: Rule(
        "R-PART-5", _("use the partner portal (only contacts of a partner organisation)"),
        EVERY_CONTACT, organisation_kind=OrganisationKind.PARTNER,
    ),
    # R-PART-8: the partner organisation's administrators give notice on an integration.
    Capability.PARTNER_NOTICE: Rule(
        "R-PART-8", _("give notice on a registered integration (administrators of a partner "
                      "organisation)"),
        frozenset({A}), organisation_kind=OrganisationKind.PARTNER,
    ),
    # Issue 14: the partner organisation's administrators keep the website and contact email
    # that the public register shows with their integrations.
    Capability.PARTNER_DETAILS: Rule(
        "R-PART-5", _("change the website and contact email on the public partner page "
                      "(administrators of a partner organisation)"),
        frozenset({A}), organisation_kind=OrganisationKind.PARTNER,
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


# Where ``requires`` records on a view the capabilities that open it: the middleware and the
# navigation read them from the view itself, so no second list can drift from the door.
VIEW_CAPABILITIES = "capabilities"


def record_capabilities(view: View, *capabilities: Capability) -> None:
    """Mark ``view`` as opened by these capabilities (for a view with its own gate)."""
    setattr(view, VIEW_CAPABILITIES, capabilities)


def capabilities_of_view(view: object) -> tuple[Capability, ...]:
    """The capabilities that open ``view``; ``()`` for a view no capability guards."""
    return getattr(view, VIEW_CAPABILITIES, ())


def requires(capability: Capability, *, refuse_with_404: bool = False) -> Callable[[View], View]:
    """View decorator: log in first, then the active contact must have ``capability``.
    ``refuse_with_404``: a contact without it gets 404, as for an object they may not see
    (the course material, R-COURSE-3); someone who is no contact at all still gets the 403
    page."""
    return requires_any(capability, refuse_with_404=refuse_with_404)


def can_any(contact: Contact | None, *capabilities: Capability) -> bool:
    """May this contact use at least one of ``capabilities``?"""
    return any(can(contact, capability) for capability in capabilities)


def requires_any(*capabilities: Capability,
                 refuse_with_404: bool = False) -> Callable[[View], View]:
    """View decorator like ``requires`` for pages that either capability opens (the incident
    list: own incidents for submitters, all for viewers, R-ROLE-6/7). A contact with none
    gets a 403 page that names the roles of all of them."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: PortalRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return login_redirect(request)
            contact = request.portal.contact
            if not can_any(contact, *capabilities):
                if refuse_with_404 and contact is not None:
                    raise Http404
                raise CapabilityDenied(*capabilities)
            return view(request, *args, **kwargs)

        record_capabilities(wrapped, *capabilities)
        return wrapped

    return decorator


# Staff -----------------------------------------------------------------------------------


class StaffDenied(PermissionDenied):
    """A staff action refused: the actor is no active staff member with this permission."""

    def __init__(self, permission: str) -> None:
        super().__init__(permission)
        self.permission = permission


def staff_may(actor: User | AnonymousUser | None, permission: str) -> bool:
    """Is ``actor`` an active staff member with the Django ``permission`` ("app.codename")?
    No actor (``None``) never is: the system's own jobs are separate functions, not a staff
    action without a check; nor is an anonymous request's user."""
    return (actor is not None and actor.is_authenticated and actor.is_active
            and actor.is_staff and actor.has_perm(permission))


def require_staff(actor: User | AnonymousUser | None, permission: str) -> None:
    """The first line of every staff action (admin, tasks and tests all pass through it)."""
    if not staff_may(actor, permission):
        raise StaffDenied(permission)
