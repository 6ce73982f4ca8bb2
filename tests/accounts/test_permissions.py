"""The role matrix of SPEC §2, cell by cell (R-ROLE-1 … R-ROLE-12)."""

from __future__ import annotations

import pytest

from accounts.permissions import ROLE_MATRIX, Capability, can, roles_needed
from accounts.roles import Role
from contacts.models import ROLE_FIELDS, Contact

C = Capability
NONE, E, A = None, Role.EMPLOYEE, Role.ADMINISTRATOR
S, V = Role.SUBMIT_INCIDENTS, Role.VIEW_INCIDENTS
COLUMNS = [NONE, E, A, S, V]

# The table of SPEC §2 as written there: capability → yes/no for no role, EMPLOYEE,
# ADMINISTRATOR, SUBMIT_INCIDENTS, VIEW_INCIDENTS.
SPEC_TABLE: dict[Capability, tuple[str, tuple[bool, bool, bool, bool, bool]]] = {
    C.OWN_DETAILS: ("R-ROLE-1", (True, True, True, True, True)),
    C.COURSES: ("R-ROLE-2", (True, True, True, True, True)),
    C.COURSE_MATERIAL: ("R-ROLE-3", (False, True, True, False, False)),
    C.UPDATES: ("R-ROLE-4", (False, True, True, False, False)),
    C.ORGANISATION_BRIEF: ("R-ROLE-5", (False, True, True, False, False)),
    C.SUBMIT_INCIDENTS: ("R-ROLE-6", (False, False, False, True, False)),
    C.VIEW_ALL_INCIDENTS: ("R-ROLE-7", (False, False, True, False, True)),
    C.MANAGE_CONTACTS: ("R-ROLE-8", (False, False, True, False, False)),
    C.EDIT_ORGANISATION: ("R-ROLE-9", (False, False, True, False, False)),
    C.INVOICES: ("R-ROLE-10", (False, False, True, False, False)),
    C.FEEDBACK: ("R-ROLE-11", (False, True, True, True, True)),
    C.EXTRA_SUPPORT: ("R-ROLE-12", (False, False, True, False, False)),
}


# Capabilities that are not a row of SPEC §2's table but follow from other rules, in the
# same columns: what each opens is named (the support page, not "own details").
BESIDE_THE_TABLE: dict[Capability, tuple[str, tuple[bool, bool, bool, bool, bool]]] = {
    C.SWITCH_ORGANISATION: ("R-X-6", (True, True, True, True, True)),
    C.SUPPORT_PAGE: ("R-QUOTA-4", (True, True, True, True, True)),
    C.KNOWLEDGE_BASE: ("R-INC-2", (True, True, True, True, True)),
    C.ORGANISATION_COURSES: ("R-COURSE-2", (False, False, True, False, False)),
    C.ORGANISATION_FEEDBACK: ("R-CARE-1", (False, False, True, False, False)),
    C.WEBHOOKS: ("R-HOOK-1", (False, False, True, False, False)),
}

# Capabilities that are not a cell of SPEC §2's table; their own tests check them
# (PARTNER_PORTAL: tests/partners/test_permissions.py, R-PART-5; CONSULTANCY:
# tests/consultancy/test_permissions.py, R-CONS-1).
OUTSIDE_THE_TABLE = {C.PARTNER_PORTAL, C.PARTNER_NOTICE, C.PARTNER_DETAILS,
                     C.HAND_OVER_INCIDENTS, C.CONSULTANCY}


def contact_with(*roles: Role, is_active: bool = True) -> Contact:
    contact = Contact(is_active=is_active)
    for role in roles:
        setattr(contact, ROLE_FIELDS[role], True)
    return contact


def test_the_matrix_covers_every_capability_with_its_rule_id():
    assert (set(SPEC_TABLE) | set(BESIDE_THE_TABLE) | OUTSIDE_THE_TABLE
            == set(Capability) == set(ROLE_MATRIX))
    for capability, (rule_id, _row) in (SPEC_TABLE | BESIDE_THE_TABLE).items():
        assert ROLE_MATRIX[capability].rule_id == rule_id


@pytest.mark.parametrize("capability", list(SPEC_TABLE), ids=lambda c: SPEC_TABLE[c][0])
@pytest.mark.parametrize("column", range(5), ids=["no-role", "EMPLOYEE", "ADMINISTRATOR",
                                                  "SUBMIT_INCIDENTS", "VIEW_INCIDENTS"])
def test_single_role_cell__R_ROLE_1_to_12(capability, column):
    role = COLUMNS[column]
    contact = contact_with(role) if role else contact_with()
    assert can(contact, capability) is SPEC_TABLE[capability][1][column]


@pytest.mark.parametrize("capability", list(BESIDE_THE_TABLE),
                         ids=lambda c: f"{c.name}-{BESIDE_THE_TABLE[c][0]}")
@pytest.mark.parametrize("column", range(5), ids=["no-role", "EMPLOYEE", "ADMINISTRATOR",
                                                  "SUBMIT_INCIDENTS", "VIEW_INCIDENTS"])
def test_single_role_cell_beside_the_table(capability, column):
    """Every contact opens the support page and the knowledge base and switches
    organisation; only administrators see the organisation's course records and feedback
    (R-X-6, R-QUOTA-4, R-INC-2, R-COURSE-2, R-CARE-1) and their webhooks (R-HOOK-1)."""
    role = COLUMNS[column]
    contact = contact_with(role) if role else contact_with()
    assert can(contact, capability) is BESIDE_THE_TABLE[capability][1][column]


@pytest.mark.parametrize("capability", list(SPEC_TABLE), ids=lambda c: SPEC_TABLE[c][0])
def test_roles_combine_freely(capability):
    """A contact with several roles may do what any of them allows."""
    _rule, row = SPEC_TABLE[capability]
    for first in range(1, 5):
        for second in range(first + 1, 5):
            contact = contact_with(COLUMNS[first], COLUMNS[second])
            assert can(contact, capability) is (row[first] or row[second])


def test_administrator_cannot_submit_or_reply_without_the_role__R_ROLE_13():
    assert not can(contact_with(A), C.SUBMIT_INCIDENTS)
    assert can(contact_with(A), C.VIEW_ALL_INCIDENTS)
    assert not can(contact_with(V), C.SUBMIT_INCIDENTS)


def test_nobody_and_inactive_contacts_may_do_nothing():
    for capability in Capability:
        assert not can(None, capability)
        assert not can(contact_with(E, A, S, V, is_active=False), capability)


def test_roles_needed_are_named_in_spec_order__R_ROLE_14():
    assert roles_needed(C.ORGANISATION_BRIEF) == [E, A]
    assert roles_needed(C.VIEW_ALL_INCIDENTS) == [A, V]
    assert roles_needed(C.OWN_DETAILS) == []
