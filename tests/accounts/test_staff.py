"""Staff groups of SPEC §1 and the admin for staff."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from accounts.staff import STAFF_GROUPS, ensure_staff_groups
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_staff_groups_exist_with_their_permissions():
    ensure_staff_groups()
    ensure_staff_groups()  # idempotent
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Support", "Customer Care", "Partner management"}
    for name, codes in STAFF_GROUPS.items():
        granted = {f"{p.content_type.app_label}.{p.codename}"
                   for p in Group.objects.get(name=name).permissions.select_related("content_type")}
        assert granted == set(codes)


def test_support_staff_see_organisations_with_their_contacts(cast):
    cast.staff.groups.add(Group.objects.get(name="Support"))
    client = client_for(cast.staff)
    assert client.get("/admin/contacts/organisation/").status_code == 200
    page = client.get(f"/admin/contacts/organisation/{cast.organisation.pk}/change/")
    assert page.status_code == 200
    assert "admin@test.example" in page.content.decode()
    assert client.get("/admin/contacts/contact/?q=employee").status_code == 200
    assert client.get("/admin/accounts/user/?q=test").status_code == 200


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_see_the_audit_trail_in_the_admin__R_ROLE_17(cast):
    from contacts import actions
    from contacts.actions import ContactChanges
    from contacts.models import Role

    actions.update_contact(actor=cast.administrator, contact=cast.no_role, changes=ContactChanges(
        roles=frozenset({Role.EMPLOYEE}), certified_expert=False, submission_profile=""))
    cast.staff.groups.add(Group.objects.get(name="Customer Care"))
    page = client_for(cast.staff).get("/admin/auditlog/logentry/")
    assert page.status_code == 200
    assert "admin@test.example" in page.content.decode()
