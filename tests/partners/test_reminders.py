"""R-PART-7: partner contacts are emailed 90, 30 and 7 days before a quickscan is due, each
once (a ScanReminder row per integration, due date and step; the emails via the outbox), by
the nightly check; the partner portal shows the same countdown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from core.models import OutboxItem
from partners import actions
from partners.models import ReminderStep, ScanColour, ScanReminder
from partners.rules import reminder_step
from tests.factories import make_contact
from tests.partners.factories import make_integration, make_partner, partner_manager

pytestmark = pytest.mark.django_db

SCANNED = dt.date(2026, 6, 1)       # red: due 1 December 2026
DUE = dt.date(2026, 12, 1)


def _check(callbacks, today: dt.date):
    with callbacks(execute=True):
        return actions.check_partner_certifications(today=today)


@pytest.mark.parametrize(("days", "step"), [
    (91, None), (90, ReminderStep.DAYS_90), (31, ReminderStep.DAYS_90),
    (30, ReminderStep.DAYS_30), (8, ReminderStep.DAYS_30), (7, ReminderStep.DAYS_7),
    (0, ReminderStep.DAYS_7), (-1, None),
])
def test_the_step_of_each_day_before_the_due_date__R_PART_7(days, step):
    assert reminder_step(DUE, DUE - dt.timedelta(days=days)) == step


def test_each_step_is_emailed_once_and_not_again_on_a_rerun__R_PART_7(
        cast, django_capture_on_commit_callbacks):
    integration = make_integration(cast.partner_organisation, "Webshop", scanned_on=SCANNED,
                                   colour=ScanColour.RED)
    english = make_contact(cast.partner_organisation, Role.EMPLOYEE, email="en@koppeling.example",
                           language="en")
    sent: list[int] = []
    day = DUE - dt.timedelta(days=100)
    while day <= DUE + dt.timedelta(days=1):
        for _run in range(2):  # a rerun the same night adds nothing
            sent.append(_check(django_capture_on_commit_callbacks, day).reminders)
        day += dt.timedelta(days=1)
    assert sum(sent) == 3
    assert sorted(ScanReminder.objects.values_list("due_on", "days_before")) == [
        (DUE, 7), (DUE, 30), (DUE, 90)]
    reminders = [message for message in mail.outbox if "Webshop" in message.subject]
    assert len(reminders) == 6  # three steps, two contacts
    english_ones = sorted(message.subject for message in reminders
                          if message.to == [english.user.email])
    assert english_ones == ["Security quickscan of Webshop due in 30 days",
                            "Security quickscan of Webshop due in 7 days",
                            "Security quickscan of Webshop due in 90 days"]
    assert all("1 December 2026" in message.body for message in reminders
               if message.to == [english.user.email])
    assert {message.to[0] for message in reminders} == {cast.partner.user.email,
                                                        english.user.email}
    assert integration.reminders.count() == 3


def test_a_missed_night_sends_only_the_step_now_due__R_PART_7(
        cast, django_capture_on_commit_callbacks):
    make_integration(cast.partner_organisation, scanned_on=SCANNED, colour=ScanColour.RED)
    # The check did not run between 100 and 20 days before: the 90-day reminder is overtaken.
    assert _check(django_capture_on_commit_callbacks, DUE - dt.timedelta(days=20)).reminders == 1
    assert list(ScanReminder.objects.values_list("days_before", flat=True)) == [30]


def test_a_new_scan_starts_a_new_round_for_the_new_due_date__R_PART_7(
        cast, django_capture_on_commit_callbacks):
    integration = make_integration(cast.partner_organisation, scanned_on=SCANNED,
                                   colour=ScanColour.RED)
    _check(django_capture_on_commit_callbacks, DUE - dt.timedelta(days=80))
    actions.record_scan(integration=integration, scanned_on=DUE - dt.timedelta(days=40),
                        colour=ScanColour.RED, actor=partner_manager(),
                        today=DUE - dt.timedelta(days=40))
    integration.refresh_from_db()  # due again six months after that scan
    new_due = integration.next_scan_due
    _check(django_capture_on_commit_callbacks, new_due - dt.timedelta(days=89))
    assert sorted(ScanReminder.objects.values_list("due_on", "days_before")) == [
        (DUE, 90), (new_due, 90)]


def test_a_reminder_row_never_doubles__R_PART_7(cast):
    integration = make_integration(cast.partner_organisation, scanned_on=SCANNED,
                                   colour=ScanColour.RED)
    ScanReminder.objects.create(integration=integration, due_on=DUE, days_before=30)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScanReminder.objects.create(integration=integration, due_on=DUE, days_before=30)


def test_ended_integrations_and_customers_get_no_reminder__R_PART_7(
        cast, django_capture_on_commit_callbacks):
    from partners.models import EndReason

    ended = make_integration(cast.partner_organisation, scanned_on=SCANNED,
                             colour=ScanColour.RED)
    actions.terminate_integration(integration=ended, reason=EndReason.NON_PAYMENT,
                                  actor=partner_manager(), today=SCANNED)
    assert _check(django_capture_on_commit_callbacks, DUE - dt.timedelta(days=7)).reminders == 0
    assert mail.outbox == []


def test_the_reminders_go_through_the_outbox_one_row_per_contact_and_step__R_PART_7_R_X_8(
        cast, django_capture_on_commit_callbacks):
    make_integration(cast.partner_organisation, scanned_on=SCANNED, colour=ScanColour.RED)
    with django_capture_on_commit_callbacks(execute=False):
        actions.check_partner_certifications(today=DUE - dt.timedelta(days=30))
    rows = OutboxItem.objects.filter(kind="partners.emails.scan_reminder")
    assert rows.count() == 1 and mail.outbox == []  # sent after the commit, by a worker
    assert rows.get().payload["days_before"] == 30


def test_a_scan_recorded_before_the_email_went_out_stops_it__R_PART_7_R_X_8(cast):
    from unittest import mock

    from core import outbox
    from core.models import OutboxOutcome

    integration = make_integration(cast.partner_organisation, scanned_on=SCANNED,
                                   colour=ScanColour.RED)
    with mock.patch("core.tasks.relay_outbox_item.apply_async"):
        actions.check_partner_certifications(today=DUE - dt.timedelta(days=7))
        actions.record_scan(integration=integration, scanned_on=DUE - dt.timedelta(days=7),
                            colour=ScanColour.GREEN, actor=partner_manager(),
                            today=DUE - dt.timedelta(days=7))
    item = OutboxItem.objects.get(kind="partners.emails.scan_reminder")
    outbox.relay(item.pk)
    item.refresh_from_db()
    assert item.outcome == OutboxOutcome.SKIPPED and mail.outbox == []


def test_the_check_queries_do_not_grow_with_the_integrations_to_remind__R_PART_7(cast):
    """The nightly check, reminders included, is set-based: the same number of queries for 1
    and for 30 integrations (each of another partner) that all get a reminder; the outbox
    adds two queries per 1,000 emails, no more."""
    today = DUE - dt.timedelta(days=30)

    def queries_for(number: int) -> int:
        ScanReminder.objects.all().delete()
        for _index in range(number):
            partner = make_partner()
            make_contact(partner, Role.ADMINISTRATOR)
            make_integration(partner, scanned_on=SCANNED, colour=ScanColour.RED)
        with CaptureQueriesContext(connection) as queries:
            result = actions.check_partner_certifications(today=today)
        assert result.reminders == ScanReminder.objects.count()
        return len(queries)

    actions.check_partner_certifications(today=today)  # warm the content-type cache
    assert queries_for(1) == queries_for(30)


def test_the_portal_counts_down_to_the_due_date_as_the_reminders_do__R_PART_7(cast):
    from django.utils import timezone

    from tests.conftest import client_for

    today = timezone.localdate()
    integration = make_integration(cast.partner_organisation, "Webshop", colour=ScanColour.RED,
                                   scanned_on=today - dt.timedelta(days=150))
    cast.partner.language = "en"
    cast.partner.save()
    page = client_for(cast.partner.user).get("/partner/").content.decode()
    days = (integration.next_scan_due - today).days
    assert f'data-days="{days}"' in page and f"(in {days} days)" in page
    assert "We email your contacts 90, 30 and 7 days before a quickscan is due." in page
