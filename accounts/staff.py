"""The staff groups of SPEC §1 (Support, Customer Care, Partner management) and §11
(Consultancy) and what each may do in the admin. Later features add their models'
permissions here."""

from __future__ import annotations

from django.apps import AppConfig, apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS
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
        # Email received by the support mailbox, with the originals (R-MAIL-1).
        "incidents.view_inboundemail",
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
        # Webhooks: endpoints, events and deliveries; Support may disable an endpoint
        # (R-HOOK-1).
        "webhooks.view_endpoint",
        "webhooks.change_endpoint",
        "webhooks.view_event",
        "webhooks.view_delivery",
        "webhooks.view_attempt",
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
        # Complaints are often about an incident: Support reads them (issue 14); Customer
        # Care answers them.
        "care.view_feedback",
        # R-API-1: Support's own API tokens (they reach no customer's records).
        "api.add_accesstoken",
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
        # Single sign-on of organisations (R-SSO-1): the identity provider, domains, choices.
        "sso.view_singlesignon",
        "sso.add_singlesignon",
        "sso.change_singlesignon",
        "sso.view_emaildomain",
        "socialaccount.view_socialaccount",
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


def ensure_staff_groups(using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the staff groups and give them their permissions (idempotent). A handful of
    queries whatever the number of groups and permissions: it runs after every migrate and
    every flush of the transactional tests."""
    def key(code: str) -> tuple[str, str]:
        app_label, codename = code.split(".")
        return app_label, codename

    wanted = {key(code) for codes in STAFF_GROUPS.values() for code in codes}
    by_code = {
        (app_label, codename): pk
        for pk, app_label, codename in Permission.objects.using(using)
        .filter(codename__in={codename for _app, codename in wanted})
        .values_list("pk", "content_type__app_label", "codename")
        if (app_label, codename) in wanted
    }
    Group.objects.using(using).bulk_create(
        [Group(name=name) for name in STAFF_GROUPS], ignore_conflicts=True
    )
    groups = dict(Group.objects.using(using).filter(name__in=STAFF_GROUPS)
                  .values_list("name", "pk"))
    link = Group.permissions.through
    link.objects.using(using).bulk_create(
        [link(group_id=groups[name], permission_id=by_code[key(code)])
         for name, codes in STAFF_GROUPS.items() for code in codes if key(code) in by_code],
        ignore_conflicts=True,
    )


def ensure_staff_groups_after_migrate(sender: AppConfig, using: str = DEFAULT_DB_ALIAS,
                                      **kwargs: object) -> None:
    """post_migrate is sent once per app, in app order; the groups need the permissions of
    every app, which exist once the last app's signal has come."""
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label == last.label:
        ensure_staff_groups(using)
