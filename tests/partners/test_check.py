"""The nightly certification check (R-PART-3): delist overdue integrations, give notice,
email the partner once, and relist after a new scan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from partners import actions
from partners.models import EndReason, IntegrationStatus, ScanColour
from partners.queries import listed_integrations
from portal.celery import app as celery_app
from tests.factories import make_contact, make_user
from tests.partners.factories import make_integration, make_partner, partner_manager

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)
RED_OVERDUE = dt.date(2026, 5, 1)    # red: due 1 November 2026
RED_CURRENT = dt.date(2026, 6, 1)    # red: due 1 December 2026


def _check(django_capture_on_commit_callbacks, today: dt.date = TODAY):
    with django_capture_on_commit_callbacks(execute=True):
        return actions.check_partner_certifications(today=today)


def test_it_delists_overdue_gives_notice_and_keeps_current__R_PART_3(
        cast, django_capture_on_commit_callbacks):
    overdue = make_integration(cast.partner_organisation, "Te laat",
                               scanned_on=RED_OVERDUE, colour=ScanColour.RED)
    current = make_integration(cast.partner_organisation, "Op tijd",
                               scanned_on=RED_CURRENT, colour=ScanColour.RED)
    assert overdue.is_listed and current.is_listed  # flagged until the nightly check
    # The public page shows current ones only.
    assert set(listed_integrations(today=TODAY)) == {current}
    result = _check(django_capture_on_commit_callbacks)
    assert (result.delisted, result.notices, result.organisations_emailed) == (1, 1, 1)
    overdue.refresh_from_db()
    current.refresh_from_db()
    assert list(listed_integrations(today=TODAY)) == [current]
    assert overdue.status == IntegrationStatus.NOTICE
    assert overdue.end_reason == EndReason.MISSING_CERTIFICATION
    assert overdue.subscription_end == dt.date(2027, 11, 25)
    assert current.status == IntegrationStatus.ACTIVE and current.subscription_end is None


def test_the_due_date_itself_is_still_current__R_PART_3(cast, django_capture_on_commit_callbacks):
    integration = make_integration(cast.partner_organisation, scanned_on=RED_OVERDUE,
                                   colour=ScanColour.RED)
    assert _check(django_capture_on_commit_callbacks, dt.date(2026, 11, 1)).delisted == 0
    assert _check(django_capture_on_commit_callbacks, dt.date(2026, 11, 2)).delisted == 1
    integration.refresh_from_db()
    assert not integration.is_listed


def test_notice_at_a_month_end_ends_on_the_last_day_of_february__R_PART_3(
        cast, django_capture_on_commit_callbacks):
    integration = make_integration(cast.partner_organisation, scanned_on=dt.date(2027, 8, 1),
                                   colour=ScanColour.RED)
    _check(django_capture_on_commit_callbacks, dt.date(2028, 2, 29))
    integration.refresh_from_db()
    assert integration.subscription_end == dt.date(2029, 2, 28)


def test_partner_contacts_are_emailed_once_in_their_language_html_and_text__R_PART_3(
        cast, django_capture_on_commit_callbacks):
    make_integration(cast.partner_organisation, "Webshop", scanned_on=RED_OVERDUE,
                     colour=ScanColour.RED)
    make_integration(cast.partner_organisation, "Uren", scanned_on=RED_OVERDUE,
                     colour=ScanColour.RED)
    english = make_contact(cast.partner_organisation, email="en@koppeling.example",
                           language="en")
    make_contact(cast.partner_organisation, Role.EMPLOYEE, email="weg@koppeling.example",
                 is_active=False)
    _check(django_capture_on_commit_callbacks)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {cast.partner.user.email, english.user.email}
    dutch = by_address[cast.partner.user.email]
    assert "Webshop" in dutch.body and "Uren" in dutch.body
    assert "van de partnerpagina" in dutch.subject
    assert "25 november 2027" in dutch.body
    html, mimetype = dutch.alternatives[0]
    assert mimetype == "text/html" and "<li><strong>Webshop</strong>" in html
    assert "removed from the partner page" in by_address[english.user.email].subject
    # Nobody of the customers hears of it.
    assert cast.administrator.user.email not in by_address


def test_running_twice_changes_and_sends_nothing_more__R_PART_3(
        cast, django_capture_on_commit_callbacks):
    make_integration(cast.partner_organisation, scanned_on=RED_OVERDUE, colour=ScanColour.RED)
    _check(django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    again = _check(django_capture_on_commit_callbacks)
    assert (again.delisted, again.notices, again.organisations_emailed) == (0, 0, 0)
    assert len(mail.outbox) == sent == 1


def test_it_is_set_based_the_same_queries_for_1_and_30_partners__R_PART_3(
        cast, django_capture_on_commit_callbacks):
    def queries_for(partners: int) -> int:
        for _number in range(partners):
            partner = make_partner()
            make_integration(partner, scanned_on=RED_OVERDUE, colour=ScanColour.RED)
        with CaptureQueriesContext(connection) as queries:
            actions.check_partner_certifications(today=TODAY)  # emails after commit: not here
        return len(queries)

    actions.check_partner_certifications(today=TODAY)  # warm the content-type cache
    assert queries_for(1) == queries_for(30)


def test_emails_leave_only_after_commit__R_PART_3(cast, django_capture_on_commit_callbacks):
    make_integration(cast.partner_organisation, scanned_on=RED_OVERDUE, colour=ScanColour.RED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.check_partner_certifications(today=TODAY)
    assert len(callbacks) == 1 and mail.outbox == []


def test_a_new_scan_relists_and_withdraws_the_notice_for_missing_certification__R_PART_3(
        cast, django_capture_on_commit_callbacks):
    integration = make_integration(cast.partner_organisation, scanned_on=RED_OVERDUE,
                                   colour=ScanColour.RED)
    _check(django_capture_on_commit_callbacks)
    actions.record_scan(integration=integration, scanned_on=TODAY, colour=ScanColour.ORANGE,
                        today=TODAY, actor=partner_manager())
    integration.refresh_from_db()
    assert integration.is_listed
    assert integration.status == IntegrationStatus.ACTIVE
    assert integration.end_reason == "" and integration.subscription_end is None
    assert integration.next_scan_due == dt.date(2027, 11, 25)
    assert list(listed_integrations(today=TODAY)) == [integration]


def test_a_new_scan_keeps_a_notice_given_for_another_reason__R_PART_3(
        cast, django_capture_on_commit_callbacks):
    integration = make_integration(cast.partner_organisation, scanned_on=RED_OVERDUE,
                                   colour=ScanColour.RED)
    actions.give_notice(integration=integration, actor=partner_manager(),
                        today=dt.date(2026, 10, 1))
    _check(django_capture_on_commit_callbacks)
    integration.refresh_from_db()
    assert not integration.is_listed
    assert integration.end_reason == EndReason.NORMAL
    assert integration.subscription_end == dt.date(2027, 10, 1)
    actions.record_scan(integration=integration, scanned_on=TODAY, colour=ScanColour.GREEN,
                        today=TODAY, actor=partner_manager())
    integration.refresh_from_db()
    assert integration.is_listed
    assert integration.status == IntegrationStatus.NOTICE
    assert integration.end_reason == EndReason.NORMAL
    assert integration.subscription_end == dt.date(2027, 10, 1)


def test_an_integration_awaiting_its_first_scan_is_not_overdue_before_its_first_due_date__R_PART_7(
        cast, django_capture_on_commit_callbacks):
    integration = make_integration(cast.partner_organisation, registered_on=dt.date(2026, 9, 1))
    assert integration.next_scan_due == dt.date(2026, 12, 1)  # three months after registration
    assert _check(django_capture_on_commit_callbacks, dt.date(2026, 12, 1)).notices == 0
    integration.refresh_from_db()
    assert integration.status == IntegrationStatus.ACTIVE


def test_a_never_scanned_integration_past_its_first_due_date_gets_notice__R_PART_7(
        cast, django_capture_on_commit_callbacks):
    """No integration escapes the clock: never scanned, it is given notice like any other
    once its first due date has passed, and the partner is emailed."""
    integration = make_integration(cast.partner_organisation, "Nooit gescand",
                                   registered_on=dt.date(2026, 8, 1))
    result = _check(django_capture_on_commit_callbacks, dt.date(2026, 11, 2))
    assert (result.notices, result.organisations_emailed) == (1, 1)
    integration.refresh_from_db()
    assert (integration.status, integration.end_reason, integration.is_listed) == (
        IntegrationStatus.NOTICE, EndReason.MISSING_CERTIFICATION, False)
    assert integration.subscription_end == dt.date(2027, 11, 2)
    lapsed = [message for message in mail.outbox if "Nooit gescand" in message.body]
    assert [message.to for message in lapsed] == [[cast.partner.user.email]]
    # Rerun: nothing more.
    assert _check(django_capture_on_commit_callbacks, dt.date(2026, 11, 3)).notices == 0


@override_settings(PARTNER_FIRST_SCAN_MONTHS=6)
def test_the_first_due_date_follows_the_setting__R_PART_7(cast):
    integration = make_integration(cast.partner_organisation, registered_on=dt.date(2026, 8, 31))
    assert integration.next_scan_due == dt.date(2027, 2, 28)


def test_a_notice_that_has_run_out_ends_the_agreement__R_PART_3(
        cast, django_capture_on_commit_callbacks):
    integration = make_integration(cast.partner_organisation, scanned_on=RED_OVERDUE,
                                   colour=ScanColour.RED)
    _check(django_capture_on_commit_callbacks)
    assert _check(django_capture_on_commit_callbacks, dt.date(2027, 11, 25)).terminated == 0
    assert _check(django_capture_on_commit_callbacks, dt.date(2027, 11, 26)).terminated == 1
    integration.refresh_from_db()
    assert integration.status == IntegrationStatus.TERMINATED


def test_the_command_and_the_beat_task_run_the_check__R_PART_3(
        cast, django_capture_on_commit_callbacks):
    from django.conf import settings

    from partners.tasks import check_partner_certifications

    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "partners.tasks.check_partner_certifications" in schedule
    assert "partners.tasks.check_partner_certifications" in celery_app.tasks
    make_integration(cast.partner_organisation, scanned_on=dt.date(2020, 1, 1),
                     colour=ScanColour.RED)
    with django_capture_on_commit_callbacks(execute=True):
        assert check_partner_certifications.delay().get() == 1
    out = []

    class Out:
        def write(self, text: str) -> None:
            out.append(text)

    call_command("check_partner_certifications", stdout=Out())
    assert "Delisted 0 integrations" in "".join(out)


def test_the_set_based_changes_are_in_the_audit_trail__R_PART_3(
        cast, django_capture_on_commit_callbacks):
    from auditlog.models import LogEntry

    integration = make_integration(cast.partner_organisation, scanned_on=RED_OVERDUE,
                                   colour=ScanColour.RED)
    _check(django_capture_on_commit_callbacks)
    changes = [entry.changes for entry in LogEntry.objects.get_for_object(integration)
               .order_by("timestamp", "pk")]
    assert {"is_listed": ["True", "False"]} in changes
    assert any(change.get("status") == ["active", "notice"]
               and change.get("subscription_end") == ["None", "2027-11-25"]
               for change in changes)


def test_a_partner_contact_whose_login_is_blocked_is_not_emailed__R_PART_3(
        cast, django_capture_on_commit_callbacks):
    make_integration(cast.partner_organisation, "Webshop", scanned_on=RED_OVERDUE,
                     colour=ScanColour.RED)
    make_contact(cast.partner_organisation, user=make_user("blocked@koppeling.example",
                                                           is_active=False))
    _check(django_capture_on_commit_callbacks)
    assert [message.to[0] for message in mail.outbox] == [cast.partner.user.email]


# Through the outbox (R-X-8) ------------------------------------------------------------


def test_the_check_writes_one_outbox_row_and_relaying_it_one_per_recipient__R_PART_3_R_X_8(
        cast, django_capture_on_commit_callbacks):
    from core.models import OutboxItem, OutboxOutcome

    second = make_partner("Tweede Partner BV")
    make_contact(second, Role.ADMINISTRATOR, email="beheer@tweede.example")
    for partner in (cast.partner_organisation, second):
        make_integration(partner, scanned_on=RED_OVERDUE, colour=ScanColour.RED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.check_partner_certifications(today=TODAY)
    [run] = OutboxItem.objects.all()
    assert run.kind == "partners.emails.certification_lapsed_fan_out" and len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()
    rows = OutboxItem.objects.filter(kind="partners.emails.certification_lapsed")
    assert sorted(rows.values_list("to", flat=True)) == ["beheer@tweede.example",
                                                        cast.partner.user.email]
    assert set(rows.values_list("outcome", flat=True)) == {OutboxOutcome.DONE}
    assert sorted(message.to[0] for message in mail.outbox) == ["beheer@tweede.example",
                                                               cast.partner.user.email]


def test_a_contact_who_left_before_the_email_went_out_gets_none__R_PART_3_R_X_8(cast):
    from unittest import mock

    from core import outbox
    from core.models import OutboxItem, OutboxOutcome

    make_integration(cast.partner_organisation, scanned_on=RED_OVERDUE, colour=ScanColour.RED)
    leaving = make_contact(cast.partner_organisation, email="weg@koppeling.example")
    with mock.patch("core.tasks.relay_outbox_item.apply_async"):
        actions.check_partner_certifications(today=TODAY)
        outbox.relay(OutboxItem.objects.get().pk)
    leaving.is_active = False
    leaving.save()
    for item in OutboxItem.objects.filter(done_at__isnull=True):
        outbox.relay(item.pk)
    assert [message.to[0] for message in mail.outbox] == [cast.partner.user.email]
    assert OutboxItem.objects.get(outcome=OutboxOutcome.SKIPPED).payload["to"] == leaving.pk


def test_a_second_run_the_same_day_emails_about_what_it_delisted__R_PART_3_R_X_8(
        cast, django_capture_on_commit_callbacks):
    make_integration(cast.partner_organisation, "Eerste", scanned_on=RED_OVERDUE,
                     colour=ScanColour.RED)
    _check(django_capture_on_commit_callbacks)
    make_integration(cast.partner_organisation, "Tweede", scanned_on=RED_OVERDUE,
                     colour=ScanColour.RED)
    _check(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert "Tweede" in mail.outbox[1].body and "Eerste" not in mail.outbox[1].body


def test_a_broker_that_is_down_keeps_the_check_and_the_sweep_emails_it__R_PART_3_R_X_8(
        cast, django_capture_on_commit_callbacks):
    from unittest import mock

    from django.utils import timezone
    from kombu.exceptions import OperationalError

    from core import outbox
    from core.models import OutboxItem

    make_integration(cast.partner_organisation, scanned_on=RED_OVERDUE, colour=ScanColour.RED)
    with mock.patch("core.tasks.relay_outbox_item.apply_async",
                    side_effect=OperationalError("broker down")):
        result = _check(django_capture_on_commit_callbacks)
    assert result.delisted == 1 and mail.outbox == []
    assert OutboxItem.objects.filter(done_at__isnull=True).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.sweep(now=timezone.now() + dt.timedelta(minutes=2)) == 1
    assert [message.to[0] for message in mail.outbox] == [cast.partner.user.email]


def test_the_same_integration_lapsing_again_later_is_emailed_again__R_PART_3_R_X_8(
        cast, django_capture_on_commit_callbacks):
    integration = make_integration(cast.partner_organisation, "Webshop",
                                   scanned_on=RED_OVERDUE, colour=ScanColour.RED)
    _check(django_capture_on_commit_callbacks)
    actions.record_scan(integration=integration, scanned_on=TODAY, colour=ScanColour.RED,
                        today=TODAY, actor=partner_manager())  # relisted, due again in six months
    _check(django_capture_on_commit_callbacks, today=dt.date(2027, 6, 1))
    assert len(mail.outbox) == 2 and all("Webshop" in message.body for message in mail.outbox)
