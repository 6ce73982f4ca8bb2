"""The staff groups of SPEC §1 (Support, Customer Care, Partner management) and §11
(Consultancy) and what each may do in the admin. Later features add their models'
permissions here."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts.models import User

STAFF_GROUPS: dict[str, list[str]] = {
    "Support": [
        "auditlog.view_logentry",
        "accounts.view_user",
        "contacts.view_organisation",
        "contacts.view_contact",
        # Opening hours: schedules and exceptions (R-INC-5, R-INC-16).
        "incidents.view_openingexception",
        "incidents.add_openingexception",
        "incidents.change_openingexception",
        "incidents.delete_openingexception",
        "incidents.view_openingschedule",
        "incidents.add_openingschedule",
        "incidents.change_openingschedule",
        "incidents.delete_openingschedule",
        # Busyness notices: switched on and ended, never deleted (R-INC-17).
        "incidents.view_busynotice",
        "incidents.add_busynotice",
        "incidents.change_busynotice",
        # Incidents: the queue, replies and notes, routing (R-INC-3 … R-INC-12).
        "incidents.view_incident",
        "incidents.change_incident",
        "incidents.view_message",
        "incidents.add_message",
        "incidents.view_attachment",
        "incidents.view_statuschange",
        "incidents.view_supportteam",
        "incidents.add_supportteam",
        "incidents.change_supportteam",
        "incidents.view_routingrule",
        "incidents.add_routingrule",
        "incidents.change_routingrule",
        "incidents.delete_routingrule",
        "incidents.view_remoteaccessgrant",
        # Support codes, screen-sharing sessions and backup permissions (R-INC-11): seen in
        # the incident's inlines, changed only through the incident form's actions.
        "incidents.view_supportcode",
        "incidents.view_remotesession",
        "incidents.view_backuppermission",
        "incidents.view_satisfactionsurvey",
        # The outbox: what waits to be sent, what failed (R-X-8).
        "core.view_outboxitem",
        "core.view_heartbeat",
        "invoices.view_invoice",
        "invoices.view_subscription",
        # Update Center: Support reads releases, files and downloads (R-UPD-3).
        "updates.view_release",
        "updates.view_releasefile",
        "updates.view_download",
        # Knowledge base: Support writes the articles, sees deflections (R-INC-2).
        "knowledge.view_category",
        "knowledge.add_category",
        "knowledge.change_category",
        "knowledge.delete_category",
        "knowledge.view_article",
        "knowledge.add_article",
        "knowledge.change_article",
        "knowledge.delete_article",
        "knowledge.view_deflection",
        # Extra support outside working hours: Support confirms or declines (R-CARE-2).
        "care.view_extrasupportrequest",
        "care.change_extrasupportrequest",
    ],
    "Customer Care": [
        "auditlog.view_logentry",
        "core.view_outboxitem",
        "core.view_heartbeat",
        "accounts.view_user",
        # The question-signals report (R-INC-12) and survey results, read only.
        "incidents.view_incident",
        "incidents.view_satisfactionsurvey",
        "contacts.view_organisation",
        "contacts.change_organisation",
        "contacts.view_contact",
        "contacts.change_contact",
        "contacts.view_organisationcheck",
        "contacts.view_invitation",
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
        # Update Center: Customer Care maintains and publishes releases (R-UPD-1/4).
        "updates.view_release",
        "updates.add_release",
        "updates.change_release",
        "updates.publish_release",
        "updates.view_releasefile",
        "updates.add_releasefile",
        "updates.change_releasefile",
        "updates.delete_releasefile",
        "updates.view_download",
        # Feedback and complaints: Customer Care answers them (R-CARE-1).
        "care.view_feedback",
        "care.change_feedback",
        "care.view_extrasupportrequest",
        "knowledge.view_article",
        "knowledge.view_deflection",
    ],
    "Partner management": [
        "accounts.view_user",
        "contacts.view_organisation",
        "contacts.change_organisation",
        "contacts.view_contact",
        "partners.view_integration",
        "partners.add_integration",
        "partners.change_integration",
        "partners.view_scan",
        "partners.add_scan",
        "partners.view_agreementdocument",
        "partners.add_agreementdocument",
        "partners.change_agreementdocument",
        "partners.delete_agreementdocument",
        "partners.view_question",
        "partners.change_question",
    ],
    # Consultancy (R-CONS-1 … 3): projects, appointments and hours, and the answers to visit
    # requests. Projects are not deleted (a finished one is "Completed"), nor requests.
    "Consultancy": [
        "contacts.view_organisation",
        "contacts.view_contact",
        "consultancy.view_project",
        "consultancy.add_project",
        "consultancy.change_project",
        "consultancy.view_appointment",
        "consultancy.add_appointment",
        "consultancy.change_appointment",
        "consultancy.delete_appointment",
        "consultancy.view_hoursbooking",
        "consultancy.add_hoursbooking",
        "consultancy.change_hoursbooking",
        "consultancy.delete_hoursbooking",
        "consultancy.view_visitrequest",
        "consultancy.change_visitrequest",
    ],
}


def staff_member(request: HttpRequest) -> User:
    """The staff member behind an admin request, as the actor of what they do there. The
    admin site lets only active staff in; anyone else is refused here too, never passed on
    as an anonymous actor."""
    user = request.user
    if not (isinstance(user, User) and user.is_active and user.is_staff):
        raise PermissionDenied
    return user


def ensure_staff_groups() -> None:
    """Create the staff groups and give them their permissions (idempotent)."""
    for name, codes in STAFF_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted: list[Permission] = []
        for code in codes:
            app_label, codename = code.split(".")
            wanted.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.add(*wanted)


def ensure_staff_groups_after_migrate(**kwargs) -> None:
    ensure_staff_groups()
