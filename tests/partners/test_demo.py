"""The demo data of Koppeling BV: every state of an integration, idempotent."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from contacts import demo as contacts_demo
from partners import actions
from partners import demo as partners_demo
from partners.models import (
    AgreementDocument, EndReason, Integration, IntegrationStatus, Question, Scan, Standing,
)
from partners.queries import listed_integrations, with_standing

pytestmark = pytest.mark.django_db


def _seed() -> None:
    contacts_demo.seed()
    partners_demo.seed()


def test_it_shows_every_state_and_runs_again():
    _seed()
    counts = (Integration.objects.count(), Scan.objects.count(),
              AgreementDocument.objects.count(), Question.objects.count())
    _seed()
    assert (Integration.objects.count(), Scan.objects.count(),
            AgreementDocument.objects.count(), Question.objects.count()) == counts
    today = timezone.localdate()
    by_name = {integration.name: integration for integration in Integration.objects.all()}
    green, orange = by_name["Koppeling Salarisverwerking"], by_name["Koppeling Urenregistratie"]
    red, ended = by_name["Koppeling Webshop"], by_name["Koppeling CRM-sync"]
    assert green.is_listed and green.next_scan_due > today
    assert orange.is_listed and 0 <= (orange.next_scan_due - today).days <= 90
    assert red.is_listed and red.next_scan_due < today  # until the nightly check
    assert ended.status == IntegrationStatus.TERMINATED and not ended.is_listed
    assert {question.is_answered for question in Question.objects.all()} == {True, False}
    # R-PART-8: every status is in the demo.
    standings = dict(with_standing(Integration.objects.all(), today)
                     .values_list("name", "standing"))
    assert standings == {
        "Koppeling Salarisverwerking": Standing.LISTED,
        "Koppeling Urenregistratie": Standing.DUE_SOON,
        "Koppeling Webshop": Standing.OVERDUE,  # until the nightly check gives notice
        "Koppeling Voorraadbeheer": Standing.OVERDUE,  # never scanned, notice given
        "Koppeling Declaraties": Standing.AWAITING_FIRST,
        "Koppeling Personeelsdossier": Standing.NOTICE,
        "Koppeling CRM-sync": Standing.ENDED,
    }
    never = by_name["Koppeling Voorraadbeheer"]
    assert never.last_scanned_on is None and never.subscription_end > today
    assert never.end_reason == EndReason.MISSING_CERTIFICATION
    assert by_name["Koppeling Salarisverwerking"].next_review_on <= today + dt.timedelta(days=30)
    assert AgreementDocument.objects.get().file.read().startswith(b"%PDF-")


def test_the_nightly_check_delists_the_overdue_demo_integration_and_seed_resets_it():
    _seed()
    actions.check_partner_certifications()
    assert "Koppeling Webshop" not in {i.name for i in listed_integrations()}
    _seed()
    assert Integration.objects.get(name="Koppeling Webshop").is_listed  # reset: flagged again


def test_seed_demo_includes_the_partners():
    call_command("seed_demo", allow_without_debug=True, stdout=StringIO())
    assert Integration.objects.filter(organisation__name="Koppeling BV").count() == 7
