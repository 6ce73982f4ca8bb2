"""Every role × every portal URL → expected status (R-ROLE-1 … R-ROLE-16, R-X-5).

Later features add their URLs to ``MATRIX``; ``test_every_portal_url_is_in_the_matrix``
fails when a URL is added to the URLconf without a row here."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.roles import Role
from contacts.actions import ContactChanges, invite_contact
from contacts.checks import confirmation_token
from contacts.models import Invitation, OrganisationCheck
from courses.actions import enrol
from tests.care.factories import make_feedback
from tests.conftest import Cast, client_for
from tests.api.factories import make_token
from tests.consultancy.factories import make_project
from tests.courses.factories import make_event, material_with_seats
from tests.incidents.factories import make_incident, pdf
from tests.invoices.factories import make_invoice
from tests.partners.factories import make_document, make_integration
from tests.knowledge.factories import make_article
from tests.updates.factories import make_release, make_release_file
from incidents.notifications import unsubscribe_token as incident_unsubscribe_token
from updates.news import unsubscribe_token

CAST = ["anonymous", "no_role", "employee", "administrator", "submitter", "viewer", "expert",
        "other_administrator", "partner", "staff"]

# route (as in the URLconf): expected status for each member of CAST, in that order.
# A route with parameters needs an entry in EXAMPLES that builds a URL for the cast.
MATRIX: dict[str, tuple[int, ...]] = {
    #                          anon nrol empl admn subm view expt oadm prtn staf
    "/":                      (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "/profile/":              (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/organisation/":         (302, 403, 200, 200, 403, 403, 403, 200, 200, 403),
    "/organisation/switch/":  (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/language/":             (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/healthz":               (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "/admin/":                (302, 302, 302, 302, 302, 302, 302, 302, 302, 200),
    "/admin/login/":          (302, 403, 403, 403, 403, 403, 403, 403, 403, 302),
    "/accounts/login/":       (200, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    # R-SSO-1: the work address finds the organisation's identity provider: for everyone.
    "/sso/login/":            (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # allauth's OpenID Connect pages of one organisation's provider (the cast organisation's):
    # GET asks to confirm (naming no organisation), a POST starts the login; the callback
    # without a login under way says the login did not work (401). A provider that does not
    # exist (or not over https) answers 404.
    "/accounts/oidc/<provider_id>/login/":
                              (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "/accounts/oidc/<provider_id>/login/callback/":
                              (401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
    "/accounts/oidc/org-0/login/":
                              (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # allauth's third-party pages: one's own linked provider accounts (no list of providers
    # to add: that would list the customers), and the pages after a cancelled or failed login.
    "/accounts/3rdparty/":    (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "/accounts/3rdparty/login/cancelled/":
                              (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "/accounts/3rdparty/login/error/":
                              (401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
    "/accounts/3rdparty/signup/":
                              (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    # R-X-7: after enrolling a second factor, back to the page that asked (else a default).
    "/second-factor/continue/":
                              (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    # Every contact; staff have no contact (R-INC-10, R-QUOTA-4).
    "/support/":              (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    # R-INC-11: every contact may enter an incident number and a support code (POST below).
    "/support/meekijken/":    (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/contacts/":             (302, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    "/contacts/new/":         (302, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    # A contact of the cast's organisation: another organisation's administrator gets 404.
    "/contacts/<int:pk>/":    (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    # GET asks to confirm a deactivation (issue 14), POST does it: the administrators.
    "/contacts/<int:pk>/active/": (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    # GET asks to confirm, POST deletes (R-ROLE-18): the cast organisation's administrators.
    "/contacts/<int:pk>/delete/": (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    "/invitation/<str:uidb64>/<str:token>/":
                              (400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
    # R-X-6: an invitation of the cast's organisation not accepted yet: its administrators
    # see it (the address and the state), another organisation's get 404; resend is POST only.
    "/contacts/invitations/<int:pk>/":
                              (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    "/contacts/invitations/<int:pk>/withdraw/":
                              (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    "/contacts/invitations/<int:pk>/resend/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # R-X-6: every login answers its own invitations (POST only) and chooses the organisation
    # to work in; no organisation is needed for either.
    "/invitations/":          (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "/invitations/<int:pk>/accept/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/invitations/<int:pk>/decline/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/organisation/choose/":  (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # R-CARE-3: the signed one-click link is the proof, logged in or not (bad links: 400).
    "/organisation/confirm/<token>/":
                              (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # Administrators only (R-ROLE-10); the PDF is the cast organisation's: others get 404.
    "/invoices/":             (302, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    "/invoices/<str:number>/pdf/":
                              (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    # Every contact sees the catalogue, enrols and sees own results (R-ROLE-2); POST only.
    "/courses/":              (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/courses/mine/":         (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/courses/events/<int:pk>/enrol/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # GET asks to confirm (issue 14), POST cancels: the employee's own enrolment only.
    "/courses/enrolments/<int:pk>/cancel/":
                              (302, 404, 200, 404, 404, 404, 404, 404, 404, 403),
    # A file of a course where no_role, employee, administrator and submitter have a seat:
    # only those with EMPLOYEE/ADMINISTRATOR get it, anyone else 404 (R-ROLE-3, R-COURSE-3).
    "/courses/material/<int:pk>/":
                              (302, 404, 200, 200, 404, 404, 404, 404, 404, 403),
    # Incidents: own for submitters (R-ROLE-6), the organisation's for administrators and
    # viewers (R-ROLE-7). One incident of the submitter: a colleague submitter (expert) and
    # other organisations get 404; submitting only with SUBMIT_INCIDENTS (R-ROLE-13).
    "/incidents/":            (302, 403, 403, 200, 200, 200, 200, 200, 200, 403),
    "/incidents/new/":        (302, 403, 403, 403, 200, 403, 200, 403, 403, 403),
    "/incidents/<incident_number:number>/":
                              (302, 403, 403, 200, 200, 200, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/submitted/":
                              (302, 403, 403, 200, 200, 200, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/deadline/":
                              (302, 403, 403, 200, 200, 200, 404, 404, 404, 403),
    # Issue 15: a page of the thread, as the incident page itself.
    "/incidents/<incident_number:number>/messages/":
                              (302, 403, 403, 200, 200, 200, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/attachments/<int:pk>/":
                              (302, 403, 403, 200, 200, 200, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/access/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # GET asks the owner to confirm ending an active grant or a running session (issue 14).
    "/incidents/<incident_number:number>/access/<int:pk>/revoke/":
                              (302, 403, 403, 403, 200, 403, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/survey/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # R-INC-11: a support code starts a screen-sharing session; backup permissions (POST).
    "/incidents/<incident_number:number>/session/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/incidents/<incident_number:number>/session/<int:pk>/end/":
                              (302, 403, 403, 403, 200, 403, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/backup/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/incidents/<incident_number:number>/backup/<int:pk>/revoke/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # R-INC-15: the owner marks solved or withdraws (POST only; tests/incidents).
    "/incidents/<incident_number:number>/solved/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/incidents/<incident_number:number>/withdraw/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # R-INC-13: administrators hand an open incident of their organisation over; another
    # organisation's administrator (and the partner's) gets 404.
    "/incidents/<incident_number:number>/hand-over/":
                              (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    # R-MAIL-5: followers (POST only; tests/incidents/test_followers.py).
    "/incidents/<incident_number:number>/followers/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/incidents/<incident_number:number>/followers/<int:pk>/remove/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/incidents/<incident_number:number>/follow/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # R-MAIL-6: the signed one-click unsubscribe link is the proof, logged in or not; GET
    # asks, POST (below) switches the kind off.
    "/unsubscribe/<str:token>/":
                              (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # Update Center (R-ROLE-4): EMPLOYEE or ADMINISTRATOR; releases are the same for every
    # organisation, so another organisation's administrator sees them too. Drafts: 404
    # (tests/updates/test_views_detail.py).
    "/updates/":              (302, 403, 200, 200, 403, 403, 403, 200, 200, 403),
    "/updates/<int:pk>/":     (302, 403, 200, 200, 403, 403, 403, 200, 200, 403),
    "/updates/files/<int:pk>/":
                              (302, 403, 200, 200, 403, 403, 403, 200, 200, 403),
    # R-UPD-4: the signed unsubscribe link is the proof, logged in or not (bad links: 400).
    "/updates/unsubscribe/<str:token>/":
                              (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # Knowledge base: every contact (R-INC-2); staff have no contact. "answered" is POST only.
    "/knowledge/":            (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/knowledge/suggest/":    (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    # R-PART-6: the Help Center's live list of registered integrations, for every contact.
    "/knowledge/registered-integrations/":
                              (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/knowledge/<slug:slug>/":
                              (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/knowledge/<slug:slug>/answered/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # Feedback and complaints (R-ROLE-11): everyone with a role. An item sent by the
    # submitter: theirs and their administrator's, 404 for colleagues and other organisations.
    "/feedback/":             (302, 403, 200, 200, 200, 200, 200, 200, 200, 403),
    "/feedback/<int:pk>/":    (302, 403, 404, 200, 200, 404, 404, 404, 404, 403),
    # Extra support outside working hours: administrators only (R-ROLE-12).
    "/feedback/extra-support/":
                              (302, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    # Partners (R-PART-3/5): the public list for everyone; the portal for every active contact
    # of a partner organisation, whatever the roles; the documents are the cast partner's.
    "/partners/":             (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "/partner/":              (302, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    "/partner/documents/<int:pk>/":
                              (302, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    # Issue 14: the partner organisation's administrators keep the website and contact email
    # of the public register (always their own organisation's: the URL names none).
    "/partner/details/":      (302, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    # R-PART-8: the partner organisation's administrators give notice (GET asks to confirm,
    # POST gives it: tests/partners/test_views_notice.py); an integration of the cast partner.
    "/partner/integrations/<int:pk>/notice/":
                              (302, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    # Consultancy (R-CONS-1 … 3): administrators only, of any organisation; a project of the
    # cast's organisation: another organisation's administrator (and the partner's) gets 404.
    "/consultancy/":          (302, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    "/consultancy/projects/<int:pk>/":
                              (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    "/consultancy/visits/":   (302, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    # Webhooks (R-HOOK-1): administrators of any organisation; an endpoint of the cast's
    # organisation: another organisation's administrator (and the partner's) gets 404.
    # Enabling and sending again are POST only.
    "/webhooks/":             (302, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    "/webhooks/new/":         (302, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    "/webhooks/<int:pk>/":    (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    "/webhooks/<int:pk>/edit/":
                              (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    "/webhooks/<int:pk>/rotate/":
                              (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    "/webhooks/<int:pk>/enabled/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/webhooks/<int:pk>/deliveries/<int:delivery>/resend/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # R-API-1: every contact makes API tokens for themselves (the form; POST below) and
    # revokes their own (POST only); staff have no profile (their page: /staff/tokens/, for
    # staff with the permission, which the cast's staff member has not).
    "/profile/tokens/":       (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/profile/tokens/<int:pk>/revoke/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/staff/tokens/":         (302, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    "/staff/tokens/<int:pk>/revoke/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
}

def _invitation(cast: Cast) -> Invitation:
    """A pending invitation of the cast's organisation, to a new person (R-X-6); the same one
    when asked again."""
    earlier = Invitation.objects.filter(email="nina@test.example").first()
    if earlier is not None and earlier.is_pending:
        return earlier
    return invite_contact(actor=cast.administrator, email="nina@test.example",
                          first_name="Nina", last_name="Nieuw", changes=ContactChanges(
                              roles=frozenset({Role.EMPLOYEE}), submission_profile="finance"))


EXAMPLES: dict[str, Callable[[Cast], str]] = {
    "/partner/documents/<int:pk>/": lambda cast: "/partner/documents/{}/".format(
        make_document(cast.partner_organisation).pk),
    "/partner/integrations/<int:pk>/notice/": lambda cast: (
        "/partner/integrations/{}/notice/".format(
            make_integration(cast.partner_organisation).pk)),
    "/contacts/<int:pk>/": lambda cast: f"/contacts/{cast.employee.pk}/",
    "/contacts/<int:pk>/active/": lambda cast: f"/contacts/{cast.employee.pk}/active/",
    "/contacts/<int:pk>/delete/": lambda cast: f"/contacts/{cast.employee.pk}/delete/",
    "/invitation/<str:uidb64>/<str:token>/": lambda cast: "/invitation/MQ/not-a-token/",
    "/contacts/invitations/<int:pk>/": lambda cast: (
        f"/contacts/invitations/{_invitation(cast).pk}/"),
    "/contacts/invitations/<int:pk>/withdraw/": lambda cast: (
        f"/contacts/invitations/{_invitation(cast).pk}/withdraw/"),
    "/contacts/invitations/<int:pk>/resend/": lambda cast: (
        f"/contacts/invitations/{_invitation(cast).pk}/resend/"),
    "/invitations/<int:pk>/accept/": lambda cast: f"/invitations/{_invitation(cast).pk}/accept/",
    "/invitations/<int:pk>/decline/": lambda cast: (
        f"/invitations/{_invitation(cast).pk}/decline/"),
    "/organisation/confirm/<token>/": lambda cast: "/organisation/confirm/{}/".format(
        confirmation_token(
            check_id=OrganisationCheck.objects.create(
                organisation=cast.organisation, period="2026-07").pk,
            contact_id=cast.administrator.pk)),
    "/invoices/<str:number>/pdf/": lambda cast: "/invoices/{}/pdf/".format(
        make_invoice(cast.organisation, number="F2026-000001").number),
    "/courses/events/<int:pk>/enrol/": lambda cast: "/courses/events/{}/enrol/".format(
        make_event().pk),
    "/courses/enrolments/<int:pk>/cancel/": lambda cast: "/courses/enrolments/{}/cancel/".format(
        enrol(contact=cast.employee, event=make_event()).pk),
    "/courses/material/<int:pk>/": lambda cast: "/courses/material/{}/".format(
        material_with_seats(cast.no_role, cast.employee, cast.administrator, cast.submitter).pk),
    "/incidents/<incident_number:number>/": lambda cast: "/incidents/{}/".format(
        make_incident(cast.submitter).number),
    "/incidents/<incident_number:number>/submitted/": lambda cast: (
        "/incidents/{}/submitted/".format(make_incident(cast.submitter).number)),
    "/incidents/<incident_number:number>/deadline/": lambda cast: "/incidents/{}/deadline/".format(
        make_incident(cast.submitter).number),
    "/incidents/<incident_number:number>/messages/": lambda cast: "/incidents/{}/messages/".format(
        make_incident(cast.submitter).number),
    "/incidents/<incident_number:number>/attachments/<int:pk>/": lambda cast: (
        lambda incident: "/incidents/{}/attachments/{}/".format(
            incident.number, incident.attachments.get().pk))(
        make_incident(cast.submitter, files=[pdf()])),
    "/incidents/<incident_number:number>/access/": lambda cast: "/incidents/{}/access/".format(
        make_incident(cast.submitter).number),
    "/incidents/<incident_number:number>/access/<int:pk>/revoke/": lambda cast: _grant(cast),
    "/incidents/<incident_number:number>/survey/": lambda cast: "/incidents/{}/survey/".format(
        make_incident(cast.submitter).number),
    "/incidents/<incident_number:number>/session/": lambda cast: "/incidents/{}/session/".format(
        make_incident(cast.submitter).number),
    "/incidents/<incident_number:number>/session/<int:pk>/end/":
        lambda cast: _running_session(cast),
    "/incidents/<incident_number:number>/backup/": lambda cast: "/incidents/{}/backup/".format(
        make_incident(cast.submitter).number),
    "/incidents/<incident_number:number>/backup/<int:pk>/revoke/": lambda cast: (
        "/incidents/{}/backup/1/revoke/".format(make_incident(cast.submitter).number)),
    "/incidents/<incident_number:number>/solved/": lambda cast: "/incidents/{}/solved/".format(
        make_incident(cast.submitter).number),
    "/incidents/<incident_number:number>/withdraw/": lambda cast: "/incidents/{}/withdraw/".format(
        make_incident(cast.submitter).number),
    "/incidents/<incident_number:number>/hand-over/": lambda cast: (
        "/incidents/{}/hand-over/".format(make_incident(cast.submitter).number)),
    "/incidents/<incident_number:number>/followers/": lambda cast: (
        "/incidents/{}/followers/".format(make_incident(cast.submitter).number)),
    "/incidents/<incident_number:number>/followers/<int:pk>/remove/": lambda cast: (
        _followed_by_employee(cast)),
    "/incidents/<incident_number:number>/follow/": lambda cast: (
        "/incidents/{}/follow/".format(make_incident(cast.submitter).number)),
    "/unsubscribe/<str:token>/": lambda cast: "/unsubscribe/{}/".format(
        incident_unsubscribe_token(contact_id=cast.employee.pk, kind="status")),
    "/updates/<int:pk>/": lambda cast: "/updates/{}/".format(make_release().pk),
    "/updates/files/<int:pk>/": lambda cast: "/updates/files/{}/".format(
        make_release_file(make_release()).pk),
    "/updates/unsubscribe/<str:token>/": lambda cast: "/updates/unsubscribe/{}/".format(
        unsubscribe_token(contact_id=cast.employee.pk, purpose="release_news")),
    "/knowledge/<slug:slug>/": lambda cast: "/knowledge/{}/".format(make_article().slug),
    "/knowledge/<slug:slug>/answered/": lambda cast: "/knowledge/{}/answered/".format(
        make_article().slug),
    "/feedback/<int:pk>/": lambda cast: "/feedback/{}/".format(make_feedback(cast.submitter).pk),
    "/consultancy/projects/<int:pk>/": lambda cast: "/consultancy/projects/{}/".format(
        make_project(cast.organisation).pk),
    "/webhooks/<int:pk>/": lambda cast: f"/webhooks/{_endpoint(cast).pk}/",
    "/webhooks/<int:pk>/edit/": lambda cast: f"/webhooks/{_endpoint(cast).pk}/edit/",
    "/webhooks/<int:pk>/rotate/": lambda cast: f"/webhooks/{_endpoint(cast).pk}/rotate/",
    "/webhooks/<int:pk>/enabled/": lambda cast: f"/webhooks/{_endpoint(cast).pk}/enabled/",
    "/webhooks/<int:pk>/deliveries/<int:delivery>/resend/": lambda cast: _delivered(cast),
    "/profile/tokens/<int:pk>/revoke/": lambda cast: "/profile/tokens/{}/revoke/".format(
        make_token(cast.employee).token.pk),
    "/staff/tokens/<int:pk>/revoke/": lambda cast: "/staff/tokens/{}/revoke/".format(
        make_token(cast.staff).token.pk),
    "/accounts/oidc/<provider_id>/login/": lambda cast: "/accounts/oidc/{}/login/".format(
        _single_sign_on(cast).app.provider_id),
    "/accounts/oidc/<provider_id>/login/callback/":
        lambda cast: "/accounts/oidc/{}/login/callback/".format(
            _single_sign_on(cast).app.provider_id),
}

def _endpoint(cast: Cast):
    """An endpoint of the cast's organisation (R-HOOK-1)."""
    from tests.webhooks.factories import make_endpoint

    return make_endpoint(cast.organisation)


def _delivered(cast: Cast) -> str:
    """A delivered event of an endpoint of the cast's organisation: the URL sends it again."""
    from webhooks.events import emit
    from webhooks.models import Delivery, DeliveryStatus, EventType

    endpoint = _endpoint(cast)
    event = emit(cast.organisation, EventType.CONTACT_CHANGED, {"change": "updated"})
    delivery = Delivery.objects.get(event=event, endpoint=endpoint)
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.DELIVERED)
    return f"/webhooks/{endpoint.pk}/deliveries/{delivery.pk}/resend/"


def _single_sign_on(cast: Cast):
    """The cast organisation's identity provider (R-SSO-1), made at the first call."""
    from sso.models import SingleSignOn
    from tests.sso.conftest import set_up_sso

    return (SingleSignOn.objects.filter(organisation=cast.organisation).first()
            or set_up_sso(cast.organisation, issuer="https://idp.test.example"))


# Routes owned by libraries (allauth, the admin) are tested there; ours must all be listed.
LIBRARY_PREFIXES = ("accounts/", "admin/")


def _client(cast, who: str) -> Client:
    if who == "anonymous":
        return Client()
    if who == "staff":
        return client_for(cast.staff)
    return client_for(getattr(cast, who).user)


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(MATRIX))
def test_role_matrix__R_ROLE_14(cast, url):
    concrete = EXAMPLES[url](cast) if url in EXAMPLES else url
    got = {who: _client(cast, who).get(concrete).status_code for who in CAST}
    assert got == dict(zip(CAST, MATRIX[url], strict=True))


def _routes(patterns, prefix: str = "") -> list[str]:
    routes = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith(LIBRARY_PREFIXES):
                routes.extend(_routes(pattern.url_patterns, route))
        elif isinstance(pattern, URLPattern):
            routes.append("/" + route)
    return routes


def test_every_portal_url_is_in_the_matrix():
    """The pages' routes here, the API's in ``tests/api/matrix.py`` (R-API-2)."""
    from tests.api.matrix import API_MATRIX

    assert set(_routes(get_resolver().url_patterns)) == {
        url for url in (*MATRIX, *API_MATRIX) if not url.lstrip("/").startswith(LIBRARY_PREFIXES)
    }


# --- Who may POST (R-ROLE-14) -------------------------------------------------------------
# The routes above that answer GET with 405 do their work on POST. Each member of the cast
# posts a valid form to a fresh example; the outcome is "done" (a redirect with a success
# message, or the effect for the language), "refused" (a redirect with an error message: the
# action said no) or the status code (302 to the login page, 403, 404, 400).
DONE, REFUSED = "done", "refused"


def _followed_by_employee(cast: Cast) -> str:
    """The submitter's incident that the employee follows (R-MAIL-5): the URL removes them."""
    from incidents.followers import add_follower

    incident = make_incident(cast.submitter)
    add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    return f"/incidents/{incident.number}/followers/{cast.employee.pk}/remove/"


def _resolved_incident(cast: Cast):
    from incidents.actions import change_status
    from incidents.models import Status
    from tests.incidents.factories import support_user

    incident = make_incident(cast.submitter)
    change_status(incident=incident, status=Status.RESOLVED, actor=support_user(cast.staff))
    return incident


def _grant(cast: Cast) -> str:
    from datetime import timedelta

    from django.utils.timezone import now

    from incidents.actions import grant_remote_access

    incident = make_incident(cast.submitter)
    grant = grant_remote_access(contact=cast.submitter, incident=incident, level="screen",
                                expires_at=now() + timedelta(hours=2))
    return f"/incidents/{incident.number}/access/{grant.pk}/revoke/"


def _support_code(cast: Cast) -> tuple[object, str]:
    """An incident of the submitter with a support code of Support staff (R-INC-11)."""
    from incidents.remote import create_support_code
    from tests.factories import staff_member
    from tests.incidents.factories import support_user

    incident = make_incident(cast.submitter)
    new = create_support_code(incident=incident, actor=support_user(staff_member("Support")))
    return incident, new.digits


def _code_on_incident_page(cast: Cast) -> tuple[str, dict]:
    incident, digits = _support_code(cast)
    return f"/incidents/{incident.number}/session/", {"code": digits}


def _code_on_support_page(cast: Cast) -> tuple[str, dict]:
    incident, digits = _support_code(cast)
    return "/support/meekijken/", {"number": incident.number, "code": digits}


def _running_session(cast: Cast) -> str:
    from incidents.remote import start_remote_session

    incident, digits = _support_code(cast)
    session = start_remote_session(contact=cast.submitter, number=incident.number, code=digits)
    return f"/incidents/{incident.number}/session/{session.pk}/end/"


def _backup_permission(cast: Cast) -> str:
    from datetime import timedelta

    from django.utils.timezone import now

    from incidents.remote import grant_backup_permission

    incident = make_incident(cast.submitter)
    permission = grant_backup_permission(contact=cast.submitter, incident=incident,
                                         expires_at=now() + timedelta(days=1))
    return f"/incidents/{incident.number}/backup/{permission.pk}/revoke/"


def _invitation_sent_yesterday(cast: Cast) -> str:
    """A pending invitation that may be sent again (not within the resend interval)."""
    from datetime import timedelta

    invitation = _invitation(cast)
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=invitation.sent_at - timedelta(days=1))
    return f"/contacts/invitations/{invitation.pk}/resend/"


# An example may also bring its own form data, e.g. a code made with the example.
POST_EXAMPLES: dict[str, Callable[[Cast], str | tuple[str, dict]]] = {
    "/contacts/invitations/<int:pk>/resend/": _invitation_sent_yesterday,
    "/support/meekijken/": _code_on_support_page,
    "/incidents/<incident_number:number>/session/": _code_on_incident_page,
    "/incidents/<incident_number:number>/session/<int:pk>/end/": _running_session,
    "/incidents/<incident_number:number>/backup/<int:pk>/revoke/": _backup_permission,
    "/incidents/<incident_number:number>/access/<int:pk>/revoke/": _grant,
    "/incidents/<incident_number:number>/survey/": lambda cast: "/incidents/{}/survey/".format(
        _resolved_incident(cast).number),
}

POST_DATA: dict[str, Callable[[Cast], dict]] = {
    "/organisation/switch/": lambda cast: {"organisation": cast.organisation.pk},
    "/language/": lambda cast: {"language": "en"},
    "/contacts/<int:pk>/active/": lambda cast: {"active": "0"},
    "/incidents/<incident_number:number>/access/": lambda cast: {"level": "screen", "period": "2h"},
    "/incidents/<incident_number:number>/backup/": lambda cast: {"period": "1d"},
    "/incidents/<incident_number:number>/survey/": lambda cast: {"score": "4",
                                                               "comment": "Snel opgelost"},
    "/incidents/<incident_number:number>/withdraw/": lambda cast: {"confirm": "on"},
    "/partner/details/": lambda cast: {"website": "https://www.koppeling.example",
                                       "public_email": "info@koppeling.example"},
    "/incidents/<incident_number:number>/followers/": lambda cast: {"contact": cast.employee.pk},
    # R-HOOK-1: a public IP address (no DNS needed); the other fields are the form's.
    "/webhooks/new/": lambda cast: {"url": "https://93.184.215.14/hooks",
                                    "events": ["contact.changed"]},
    "/webhooks/<int:pk>/edit/": lambda cast: {"url": "https://93.184.215.14/hooks",
                                              "events": ["incident.created"]},
    "/webhooks/<int:pk>/enabled/": lambda cast: {"enabled": "0"},
    "/profile/tokens/": lambda cast: {"name": "Script", "expires_on": _in_a_month()},
}

POST_MATRIX: dict[str, tuple[int | str, ...]] = {
    #                          anon nrol empl admn subm view expt oadm prtn staf
    # Only to an organisation of one's own: the cast's members; others (and staff) not.
    "/organisation/switch/":  (302, DONE, DONE, DONE, DONE, DONE, DONE, 404, 404, 403),
    "/language/":             (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    # The cast organisation's administrators deactivate a colleague (R-ROLE-9).
    "/contacts/<int:pk>/active/": (302, 403, 403, DONE, 403, 403, 403, 404, 404, 403),
    "/contacts/invitations/<int:pk>/resend/":
                              (302, 403, 403, DONE, 403, 403, 403, 404, 404, 403),
    # Only the invited person answers an invitation; nobody of the cast is.
    "/invitations/<int:pk>/accept/":
                              (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "/invitations/<int:pk>/decline/":
                              (302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    # Every contact enrols (R-ROLE-2); an enrolment is cancelled by its own contact only.
    "/courses/events/<int:pk>/enrol/":
                              (302, DONE, DONE, DONE, DONE, DONE, DONE, DONE, DONE, 403),
    "/courses/enrolments/<int:pk>/cancel/":
                              (302, 404, DONE, 404, 404, 404, 404, 404, 404, 403),
    # The submitter's incident: its owner (the reporter) acts; the administrator and the
    # viewer read it but do not own it (R-INC-13: 403); others do not see it (404).
    "/incidents/<incident_number:number>/access/":
                              (302, 403, 403, 403, DONE, 403, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/access/<int:pk>/revoke/":
                              (302, 403, 403, 403, DONE, 403, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/survey/":
                              (302, 403, 403, 403, DONE, 403, 404, 404, 404, 403),
    # R-INC-11: only the owner who may grant access starts a session with a code, allows a
    # backup request, ends or revokes them.
    "/incidents/<incident_number:number>/session/":
                              (302, 403, 403, 403, DONE, 403, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/session/<int:pk>/end/":
                              (302, 403, 403, 403, DONE, 403, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/backup/":
                              (302, 403, 403, 403, DONE, 403, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/backup/<int:pk>/revoke/":
                              (302, 403, 403, 403, DONE, 403, 404, 404, 404, 403),
    # The right number and code from the support page: whoever does not see the incident
    # gets the wrong-code answer (400, nothing revealed); who sees it but may not start one
    # is refused (403).
    "/support/meekijken/":    (302, 400, 400, 403, DONE, 403, 400, 400, 400, 403),
    "/incidents/<incident_number:number>/solved/":
                              (302, 403, 403, 403, DONE, 403, 404, 404, 404, 403),
    "/incidents/<incident_number:number>/withdraw/":
                              (302, 403, 403, 403, DONE, 403, 404, 404, 404, 403),
    "/knowledge/<slug:slug>/answered/":
                              (302, DONE, DONE, DONE, DONE, DONE, DONE, DONE, DONE, 403),
    # Issue 14: the form posts to itself; only the partner's administrator saves it.
    "/partner/details/":      (302, 403, 403, 403, 403, 403, 403, 403, DONE, 403),
    # R-MAIL-5: the reporter (owner) adds a colleague; administrators and viewers read the
    # incident but do not own it (403); others do not see it (404).
    "/incidents/<incident_number:number>/followers/":
                              (302, 403, 403, 403, DONE, 403, 404, 404, 404, 403),
    # The follower (the employee, without any incident role) stops following, the reporter
    # removes them; administrators and viewers may not remove a colleague.
    "/incidents/<incident_number:number>/followers/<int:pk>/remove/":
                              (302, 403, DONE, 403, DONE, 403, 404, 404, 404, 403),
    # Administrators and viewers follow any incident of their organisation; the owner
    # already gets its emails (403).
    "/incidents/<incident_number:number>/follow/":
                              (302, 403, 403, DONE, 403, DONE, 404, 404, 404, 403),
    # R-MAIL-6, RFC 8058: the one-click POST needs no session and no CSRF token; it answers
    # with the confirmation page (a redirect to the link), whoever is logged in.
    "/unsubscribe/<str:token>/":
                              (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    # R-HOOK-1: the administrators of the endpoint's organisation; registering is for every
    # organisation's administrators (their own organisation's endpoint).
    "/webhooks/new/":         (302, 403, 403, DONE, 403, 403, 403, DONE, DONE, 403),
    "/webhooks/<int:pk>/edit/":
                              (302, 403, 403, DONE, 403, 403, 403, 404, 404, 403),
    "/webhooks/<int:pk>/rotate/":
                              (302, 403, 403, DONE, 403, 403, 403, 404, 404, 403),
    "/webhooks/<int:pk>/enabled/":
                              (302, 403, 403, DONE, 403, 403, 403, 404, 404, 403),
    "/webhooks/<int:pk>/deliveries/<int:delivery>/resend/":
                              (302, 403, 403, DONE, 403, 403, 403, 404, 404, 403),
    # R-API-1: every contact makes a token for themselves; staff have no profile. The token
    # of the employee: only they revoke it; the token of the cast's staff member: only staff
    # with the permission revoke their own (the cast's has none).
    "/profile/tokens/":       (302, DONE, DONE, DONE, DONE, DONE, DONE, DONE, DONE, 403),
    "/profile/tokens/<int:pk>/revoke/":
                              (302, 404, DONE, 404, 404, 404, 404, 404, 404, 403),
    "/staff/tokens/<int:pk>/revoke/":
                              (302, 403, 403, 403, 403, 403, 403, 403, 403, 403),
}


def _in_a_month() -> str:
    from datetime import timedelta

    from django.utils.timezone import localdate

    return (localdate() + timedelta(days=30)).isoformat()


def _outcome(response) -> int | str:
    from django.contrib import messages
    from django.contrib.messages import get_messages

    levels = {message.level for message in get_messages(response.wsgi_request)}
    if response.status_code == 302 and messages.SUCCESS in levels:
        return DONE
    if response.status_code == 302 and messages.ERROR in levels:
        return REFUSED
    return response.status_code


def test_every_post_only_route_says_who_may_post():
    """Every POST-only route is here; so are pages that also take a POST: routes whose GET
    asks to confirm what their POST does (deactivate a contact, cancel an enrolment: issue
    14) and forms that post to themselves (/support/meekijken/)."""
    post_only = {url for url, statuses in MATRIX.items() if set(statuses) == {405}}
    assert post_only <= set(POST_MATRIX) <= set(MATRIX)
    assert {"/contacts/<int:pk>/active/", "/courses/enrolments/<int:pk>/cancel/"} <= set(
        POST_MATRIX)


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(POST_MATRIX))
def test_who_may_post__R_ROLE_14(cast, url):
    example = POST_EXAMPLES.get(url) or EXAMPLES.get(url) or (lambda cast: url)
    data = POST_DATA.get(url, lambda cast: {})(cast)
    got = {}
    for who in CAST:
        target = example(cast)
        url_, extra = target if isinstance(target, tuple) else (target, {})
        got[who] = _outcome(_client(cast, who).post(url_, {**data, **extra}))
    assert got == dict(zip(CAST, POST_MATRIX[url], strict=True))
