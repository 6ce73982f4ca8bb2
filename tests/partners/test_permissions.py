"""PARTNER_PORTAL (R-PART-5): not a role of SPEC §2 but the organisation's kind: every active
contact of a partner organisation, whatever the roles; nobody else."""

from __future__ import annotations

import pytest

from accounts.permissions import ROLE_MATRIX, Capability, can, capabilities_of, roles_needed
from accounts.roles import OrganisationKind, Role
from contacts.models import ROLE_FIELDS, Contact, Organisation

C = Capability.PARTNER_PORTAL


def contact_of(kind: OrganisationKind, *roles: Role, is_active: bool = True) -> Contact:
    contact = Contact(organisation=Organisation(kind=kind), is_active=is_active)
    for role in roles:
        setattr(contact, ROLE_FIELDS[role], True)
    return contact


@pytest.mark.parametrize("roles", [(), *((role,) for role in Role), tuple(Role)])
def test_any_active_partner_contact_whatever_the_roles__R_PART_5(roles):
    assert can(contact_of(OrganisationKind.PARTNER, *roles), C)
    assert not can(contact_of(OrganisationKind.CUSTOMER, *roles), C)


def test_inactive_contacts_and_nobody_may_not__R_PART_5():
    assert not can(contact_of(OrganisationKind.PARTNER, is_active=False), C)
    assert not can(None, C)


def test_the_rule_names_its_id_and_needs_no_role__R_PART_5():
    rule = ROLE_MATRIX[C]
    assert rule.rule_id == "R-PART-5"
    assert rule.organisation_kind == OrganisationKind.PARTNER
    assert roles_needed(C) == []


def test_the_customer_capabilities_do_not_depend_on_the_kind():
    customer = capabilities_of(contact_of(OrganisationKind.CUSTOMER, Role.ADMINISTRATOR))
    partner = capabilities_of(contact_of(OrganisationKind.PARTNER, Role.ADMINISTRATOR))
    assert {**customer, "partner_portal": True, "partner_notice": True,
            "partner_details": True} == partner


@pytest.mark.parametrize("roles", [(), *((role,) for role in Role if role != Role.ADMINISTRATOR)])
def test_only_a_partner_administrator_gives_notice__R_PART_8(roles):
    notice = Capability.PARTNER_NOTICE
    assert ROLE_MATRIX[notice].rule_id == "R-PART-8"
    assert not can(contact_of(OrganisationKind.PARTNER, *roles), notice)
    assert can(contact_of(OrganisationKind.PARTNER, *roles, Role.ADMINISTRATOR), notice)
    assert not can(contact_of(OrganisationKind.CUSTOMER, Role.ADMINISTRATOR), notice)
    assert not can(contact_of(OrganisationKind.PARTNER, Role.ADMINISTRATOR, is_active=False),
                   notice)


@pytest.mark.parametrize("roles", [(), *((role,) for role in Role if role != Role.ADMINISTRATOR)])
def test_only_a_partner_administrator_keeps_the_register_details__issue_14_R_PART_5(roles):
    details = Capability.PARTNER_DETAILS
    assert ROLE_MATRIX[details].rule_id == "R-PART-5"
    assert not can(contact_of(OrganisationKind.PARTNER, *roles), details)
    assert can(contact_of(OrganisationKind.PARTNER, *roles, Role.ADMINISTRATOR), details)
    assert not can(contact_of(OrganisationKind.CUSTOMER, Role.ADMINISTRATOR), details)
    assert not can(contact_of(OrganisationKind.PARTNER, Role.ADMINISTRATOR, is_active=False),
                   details)
