"""Registered integrations (R-PART-1): of partner organisations only, with status, agreement
start and subscription end; a terminated integration is never listed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partners.models import AgreementDocument, Integration, IntegrationStatus, scan_overdue
from tests.partners.factories import make_integration, make_partner

pytestmark = pytest.mark.django_db


def test_an_integration_has_the_fields_of_the_spec__R_PART_1(cast):
    integration = make_integration(cast.partner_organisation, "Salarisexport",
                                   agreement_start=dt.date(2025, 1, 1))
    assert integration.status == IntegrationStatus.ACTIVE
    assert integration.agreement_start == dt.date(2025, 1, 1)
    assert integration.subscription_end is None and not integration.is_listed
    assert list(cast.partner_organisation.integrations.all()) == [integration]
    assert {choice.value for choice in IntegrationStatus} == {"active", "notice", "terminated"}


def test_only_partner_organisations_have_integrations__R_PART_1(cast):
    integration = Integration(organisation=cast.organisation, name="Klant",
                              agreement_start=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        integration.full_clean()
    assert "organisation" in error.value.message_dict
    document = AgreementDocument(organisation=cast.organisation, title="Contract")
    with pytest.raises(ValidationError):
        document.clean()


def test_an_agreement_document_names_only_the_partners_own_integration__R_PART_1(cast):
    other = make_integration(make_partner())
    document = AgreementDocument(organisation=cast.partner_organisation, integration=other,
                                 title="Contract")
    with pytest.raises(ValidationError) as error:
        document.clean()
    assert "integration" in error.value.message_dict


def test_a_terminated_integration_cannot_be_listed__R_PART_1(cast):
    integration = make_integration(cast.partner_organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Integration.objects.filter(pk=integration.pk).update(
            status=IntegrationStatus.TERMINATED, is_listed=True)


def test_names_are_unique_per_partner__R_PART_1(cast):
    make_integration(cast.partner_organisation, "Webshop")
    make_integration(make_partner(), "Webshop")
    with pytest.raises(ValidationError):  # registering says so in words
        make_integration(cast.partner_organisation, "Webshop")
    with pytest.raises(IntegrityError), transaction.atomic():  # and the database holds it
        Integration.objects.create(organisation=cast.partner_organisation, name="Webshop",
                                   agreement_start=dt.date(2025, 1, 1),
                                   next_scan_due=dt.date(2025, 4, 1))


def test_scan_overdue_is_one_rule_in_sql_and_for_a_loaded_integration__R_PART_3(cast):
    today = dt.date(2026, 11, 25)
    awaiting_first = make_integration(cast.partner_organisation, "Nog geen scan")
    due_today = make_integration(cast.partner_organisation, "Vandaag")
    overdue = make_integration(cast.partner_organisation, "Te laat")
    Integration.objects.filter(pk=due_today.pk).update(next_scan_due=today)
    Integration.objects.filter(pk=overdue.pk).update(next_scan_due=today - dt.timedelta(days=1))
    loaded = list(Integration.objects.all())
    assert list(Integration.objects.filter(scan_overdue(today))) == [overdue]
    assert [item for item in loaded if item.is_overdue_on(today)] == [overdue]
    assert awaiting_first in loaded and due_today in loaded
