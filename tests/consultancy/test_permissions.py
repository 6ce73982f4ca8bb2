"""Who may use consultancy (R-CONS-1): administrators in the role matrix; in the admin, the
Consultancy group with exactly what it needs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from accounts.permissions import ROLE_MATRIX, Capability, can, roles_needed
from accounts.staff import STAFF_GROUPS, ensure_staff_groups
from contacts.models import ROLE_FIELDS, Contact, Organisation, OrganisationKind, Role


def _contact(*roles: Role, kind: str = OrganisationKind.CUSTOMER) -> Contact:
    contact = Contact(organisation=Organisation(kind=kind))
    for role in roles:
        setattr(contact, ROLE_FIELDS[role], True)
    return contact


def test_the_rule_is_named_in_the_matrix__R_CONS_1():
    assert ROLE_MATRIX[Capability.CONSULTANCY].rule_id == "R-CONS-1"
    assert roles_needed(Capability.CONSULTANCY) == [Role.ADMINISTRATOR]


@pytest.mark.parametrize(("roles", "allowed"), [
    ((), False), ((Role.EMPLOYEE,), False), ((Role.SUBMIT_INCIDENTS,), False),
    ((Role.VIEW_INCIDENTS,), False), ((Role.ADMINISTRATOR,), True),
    ((Role.EMPLOYEE, Role.VIEW_INCIDENTS, Role.SUBMIT_INCIDENTS), False),
    ((Role.ADMINISTRATOR, Role.SUBMIT_INCIDENTS), True),
])
def test_only_administrators__R_CONS_1(roles, allowed):
    assert can(_contact(*roles), Capability.CONSULTANCY) is allowed
    inactive = _contact(*roles)
    inactive.is_active = False
    assert not can(inactive, Capability.CONSULTANCY)


@pytest.mark.django_db
def test_the_consultancy_group_has_exactly_its_permissions__R_CONS_1():
    ensure_staff_groups()
    group = Group.objects.get(name="Consultancy")
    granted = {f"{permission.content_type.app_label}.{permission.codename}"
               for permission in group.permissions.select_related("content_type")}
    assert granted == set(STAFF_GROUPS["Consultancy"])
    assert {code for code in granted if code.startswith("consultancy.")} == {
        "consultancy.view_project", "consultancy.add_project", "consultancy.change_project",
        "consultancy.view_appointment", "consultancy.add_appointment",
        "consultancy.change_appointment", "consultancy.delete_appointment",
        "consultancy.view_hoursbooking", "consultancy.add_hoursbooking",
        "consultancy.change_hoursbooking", "consultancy.delete_hoursbooking",
        "consultancy.view_visitrequest", "consultancy.change_visitrequest"}
    others = {code for name, codes in STAFF_GROUPS.items() if name != "Consultancy"
              for code in codes}
    assert not {code for code in others if code.startswith("consultancy.")}
