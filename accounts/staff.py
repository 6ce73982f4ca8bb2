"""The staff groups of SPEC §1 (Support, Customer Care, Partner management) and what
each may do in the admin. Later features add their models' permissions here."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

STAFF_GROUPS: dict[str, list[str]] = {
    "Support": [
        "auditlog.view_logentry",
        "accounts.view_user",
        "contacts.view_organisation",
        "contacts.view_contact",
        "incidents.view_closureday",
        "incidents.add_closureday",
        "incidents.change_closureday",
        "incidents.delete_closureday",
        "invoices.view_invoice",
        "invoices.view_subscription",
    ],
    "Customer Care": [
        "auditlog.view_logentry",
        "accounts.view_user",
        "contacts.view_organisation",
        "contacts.change_organisation",
        "contacts.view_contact",
        "contacts.change_contact",
        "contacts.view_organisationcheck",
        "contacts.view_seatallowancerule",
        "contacts.add_seatallowancerule",
        "contacts.change_seatallowancerule",
        "contacts.delete_seatallowancerule",
        "invoices.view_invoice",
        "invoices.add_invoice",
        "invoices.change_invoice",
        "invoices.view_subscription",
        "invoices.add_subscription",
        "invoices.change_subscription",
        "courses.view_course",
        "courses.add_course",
        "courses.change_course",
        "courses.delete_course",
        "courses.view_event",
        "courses.add_event",
        "courses.change_event",
        "courses.delete_event",
        "courses.view_coursematerial",
        "courses.add_coursematerial",
        "courses.change_coursematerial",
        "courses.delete_coursematerial",
        "courses.view_result",
        "courses.add_result",
        "courses.change_result",
        "courses.delete_result",
        "courses.view_startercourserequirement",
        "courses.add_startercourserequirement",
        "courses.change_startercourserequirement",
        "courses.delete_startercourserequirement",
        "courses.view_enrolment",
        "courses.change_enrolment",
    ],
    "Partner management": [
        "accounts.view_user",
        "contacts.view_organisation",
        "contacts.change_organisation",
        "contacts.view_contact",
    ],
}


def ensure_staff_groups() -> None:
    """Create the staff groups and give them their permissions (idempotent)."""
    for name, codes in STAFF_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            wanted.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.add(*wanted)


def ensure_staff_groups_after_migrate(**kwargs) -> None:
    ensure_staff_groups()
