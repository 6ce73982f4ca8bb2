"""Two nightly checks at the same moment delist and email once (R-PART-3), on PostgreSQL
with one connection per thread."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from partners import actions
from partners.models import IntegrationStatus, ScanColour, ScanReminder
from tests.concurrency import run_together
from tests.partners.factories import make_integration

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_checks_give_one_notice_and_one_email__R_PART_3(cast):
    integration = make_integration(cast.partner_organisation, scanned_on=dt.date(2026, 1, 1),
                                   colour=ScanColour.RED)
    outcomes = run_together([
        lambda: actions.check_partner_certifications(today=dt.date(2026, 11, 25))
        for _ in range(4)
    ])
    assert sorted(outcome.notices for outcome in outcomes) == [0, 0, 0, 1]
    assert [message.to for message in mail.outbox] == [[cast.partner.user.email]]
    integration.refresh_from_db()
    assert integration.status == IntegrationStatus.NOTICE and not integration.is_listed


def test_simultaneous_checks_send_each_reminder_once__R_PART_7(cast):
    make_integration(cast.partner_organisation, "Webshop", scanned_on=dt.date(2026, 6, 1),
                     colour=ScanColour.RED)  # due 1 December 2026
    outcomes = run_together([
        lambda: actions.check_partner_certifications(today=dt.date(2026, 11, 24))
        for _ in range(4)
    ])
    assert all(outcome.notices == 0 for outcome in outcomes)
    assert ScanReminder.objects.get().days_before == 7
    assert [message.to for message in mail.outbox] == [[cast.partner.user.email]]
