"""/partner/integrations/<pk>/notice/: a partner organisation's administrator gives notice on
an integration (R-PART-8, R-ROLE-14): GET asks to confirm (no JavaScript), POST gives it; the
subscription ends after the agreement's notice period; the partner managers are emailed
through the outbox; the audit trail names the administrator."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from core.models import OutboxItem
from partners import actions
from partners.models import EndReason, Integration, IntegrationStatus
from partners.rules import add_months
from tests.conftest import client_for
from tests.factories import make_contact
from tests.partners.factories import make_integration, make_partner, partner_manager

pytestmark = pytest.mark.django_db


def _url(integration: Integration) -> str:
    return f"/partner/integrations/{integration.pk}/notice/"


def _integration(cast, **fields) -> Integration:
    return make_integration(cast.partner_organisation, "Salarisexport",
                            scanned_on=timezone.localdate() - dt.timedelta(days=10), **fields)


def test_it_requires_login(cast):
    response = Client().get(_url(_integration(cast)))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_confirmation_page_names_the_period_and_the_end__R_PART_8(cast):
    integration = _integration(cast, notice_months=6)
    cast.partner.language = "en"
    cast.partner.save()
    response = client_for(cast.partner.user).get(_url(integration))
    assert response.status_code == 200
    page = response.content.decode()
    ends_on = add_months(timezone.localdate(), 6)
    assert "notice period of 6 months" in page
    assert f"ends on {ends_on.day} {ends_on:%B %Y}" in page
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page  # works without JS
    integration.refresh_from_db()
    assert integration.status == IntegrationStatus.ACTIVE  # GET changes nothing


def test_posting_gives_notice_emails_partner_managers_and_audits__R_PART_8(
        cast, django_capture_on_commit_callbacks):
    integration = _integration(cast)
    manager = partner_manager()
    client = client_for(cast.partner.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(integration), {"status": "terminated",
                                                   "subscription_end": "2026-01-01"})
    assert response.status_code == 302 and response["Location"] == "/partner/"
    integration.refresh_from_db()
    today = timezone.localdate()
    assert (integration.status, integration.end_reason, integration.ended_on) == (
        IntegrationStatus.NOTICE, EndReason.BY_PARTNER, today)
    # Fields the form does not have are ignored: the agreement's period decides the end.
    assert integration.subscription_end == add_months(today, 12)
    assert integration.is_listed  # listed while the quickscan is current
    assert [message.to for message in mail.outbox] == [[manager.email]]
    assert "Salarisexport" in mail.outbox[0].subject
    assert OutboxItem.objects.filter(kind="partners.emails.notice_by_partner").count() == 1
    entry = LogEntry.objects.get_for_object(integration).filter(
        changes__icontains="by_partner").get()
    assert entry.actor == cast.partner.user
    page = client.get("/partner/").content.decode()
    card = page[page.index(f'data-integration="{integration.pk}"'):]
    assert 'data-standing="notice"' in card[:2000]


def test_a_second_notice_is_refused_with_a_message_and_nothing_changes__R_PART_8(
        cast, django_capture_on_commit_callbacks):
    integration = _integration(cast)
    client = client_for(cast.partner.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(integration))
    integration.refresh_from_db()
    before = (integration.ended_on, integration.subscription_end)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(integration), follow=True)
    assert response.status_code == 200
    assert "error" in {message.level_tag for message in response.context["messages"]}
    integration.refresh_from_db()
    assert (integration.ended_on, integration.subscription_end) == before
    assert mail.outbox == []
    assert 'data-testid="no-notice"' in client.get(_url(integration)).content.decode()


def test_an_ended_integration_cannot_be_given_notice__R_PART_8(cast):
    integration = _integration(cast)
    actions.terminate_integration(integration=integration, reason=EndReason.NON_PAYMENT,
                                  actor=partner_manager())
    client = client_for(cast.partner.user)
    client.post(_url(integration))
    integration.refresh_from_db()
    assert integration.status == IntegrationStatus.TERMINATED


def test_another_partners_integration_is_404_for_get_and_post__R_ROLE_14(cast):
    other = make_integration(make_partner(), scanned_on=timezone.localdate())
    client = client_for(cast.partner.user)
    assert client.get(_url(other)).status_code == 404
    assert client.post(_url(other)).status_code == 404
    assert client.get("/partner/integrations/999999/notice/").status_code == 404
    other.refresh_from_db()
    assert other.status == IntegrationStatus.ACTIVE


@pytest.mark.parametrize("roles", [(), (Role.EMPLOYEE,), (Role.SUBMIT_INCIDENTS,),
                                   (Role.VIEW_INCIDENTS,)])
def test_partner_contacts_who_are_no_administrator_get_403__R_PART_8(cast, roles):
    integration = _integration(cast)
    client = client_for(make_contact(cast.partner_organisation, *roles).user)
    assert client.get(_url(integration)).status_code == 403
    assert client.post(_url(integration)).status_code == 403
    page = client.get("/partner/").content.decode()
    assert 'data-testid="give-notice"' not in page
    integration.refresh_from_db()
    assert integration.status == IntegrationStatus.ACTIVE


@pytest.mark.parametrize("who", ["anonymous", "no_role", "employee", "administrator",
                                 "submitter", "viewer", "expert", "other_administrator",
                                 "partner", "staff"])
def test_who_may_post_a_notice__R_PART_8_R_ROLE_14(cast, who):
    """The POST half of the role matrix (tests/portal/test_role_matrix.py has the GET): only
    the partner's administrator; customers and staff 403, anonymous the login page."""
    integration = _integration(cast)
    client = (Client() if who == "anonymous" else client_for(cast.staff) if who == "staff"
              else client_for(getattr(cast, who).user))
    status = client.post(_url(integration)).status_code
    integration.refresh_from_db()
    expected = {"anonymous": 302, "partner": 302}.get(who, 403)
    assert status == expected
    assert (integration.status == IntegrationStatus.NOTICE) is (who == "partner")


def test_the_portal_offers_notice_only_on_running_agreements__R_PART_8(cast):
    running = _integration(cast)
    ended = make_integration(cast.partner_organisation, "Beëindigd")
    actions.terminate_integration(integration=ended, reason=EndReason.NON_PAYMENT,
                                  actor=partner_manager())
    page = client_for(cast.partner.user).get("/partner/").content.decode()
    assert f'href="{_url(running)}"' in page and f'href="{_url(ended)}"' not in page


def test_the_action_refuses_a_contact_of_another_partner__R_PART_8(cast):
    from accounts.permissions import CapabilityDenied

    other = make_integration(make_partner())
    with pytest.raises(CapabilityDenied):
        actions.give_notice_as_partner(contact=cast.partner, integration=other)
    with pytest.raises(CapabilityDenied):
        actions.give_notice_as_partner(contact=cast.administrator, integration=other)
    other.refresh_from_db()
    assert other.status == IntegrationStatus.ACTIVE


def test_the_agreement_s_notice_period_decides_the_end__R_PART_8(cast):
    integration = _integration(cast, notice_months=3)
    actions.give_notice_as_partner(contact=cast.partner, integration=integration,
                                   today=dt.date(2026, 11, 30))
    integration.refresh_from_db()
    assert integration.subscription_end == dt.date(2027, 2, 28)
    staff_notice = make_integration(cast.partner_organisation, notice_months=18)
    actions.give_notice(integration=staff_notice, actor=partner_manager(),
                        today=dt.date(2026, 1, 1))
    staff_notice.refresh_from_db()
    assert staff_notice.subscription_end == dt.date(2027, 7, 1)
