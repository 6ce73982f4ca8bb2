"""Staff groups of SPEC §1 and the admin for staff."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import timezone

from accounts.staff import STAFF_GROUPS, ensure_staff_groups, staff_member
from contacts.admin import ContactInline
from contacts.models import Organisation
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
    from accounts.roles import Role

    actions.update_contact(actor=cast.administrator, contact=cast.no_role, changes=ContactChanges(
        roles=frozenset({Role.EMPLOYEE}), submission_profile=""))
    cast.staff.groups.add(Group.objects.get(name="Customer Care"))
    page = client_for(cast.staff).get("/admin/auditlog/logentry/")
    assert page.status_code == 200
    assert "admin@test.example" in page.content.decode()


def test_customer_care_cannot_make_a_customers_contact_their_own_login(cast):
    """A contact is one user's membership of one organisation (SPEC §1; staff never need a
    contact): once it exists, its user and organisation stay, also for staff who may change
    contacts; otherwise a staff member could take over a customer's administrator."""
    cast.staff.groups.add(Group.objects.get(name="Customer Care"))
    client = client_for(cast.staff)
    url = f"/admin/contacts/contact/{cast.administrator.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items()
            if value not in (None, False) and name != "created_at"}
    created = timezone.localtime(form.initial["created_at"])
    data.update({"created_at_0": created.date().isoformat(),
                 "created_at_1": created.time().isoformat()})
    data.update({"user": cast.staff.pk, "organisation": cast.other_organisation.pk,
                 "job_title": "Changed"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    cast.administrator.refresh_from_db()
    assert cast.administrator.job_title == "Changed"  # the rest of the form still saves
    assert cast.administrator.user_id != cast.staff.pk
    assert cast.administrator.organisation_id == cast.organisation.pk


def test_existing_contacts_in_the_organisation_keep_their_user(cast):
    request = RequestFactory().get("/")
    request.user = cast.staff
    cast.staff.is_superuser = True
    formset_class = ContactInline(Organisation, admin.site).get_formset(request,
                                                                          cast.organisation)
    formset = formset_class(instance=cast.organisation)
    assert all(form.fields["user"].disabled for form in formset.forms if form.instance.pk)
    assert not formset.empty_form.fields["user"].disabled  # a new membership chooses its user


def test_the_actor_of_an_admin_request_is_an_active_staff_member(cast):
    """What staff do in the admin is done by them: no anonymous or customer actor."""
    request = RequestFactory().get("/admin/")
    request.user = cast.staff
    assert staff_member(request) == cast.staff
    for user in (AnonymousUser(), cast.employee.user):
        request.user = user
        with pytest.raises(PermissionDenied):
            staff_member(request)
    cast.staff.is_active = False
    request.user = cast.staff
    with pytest.raises(PermissionDenied):
        staff_member(request)
