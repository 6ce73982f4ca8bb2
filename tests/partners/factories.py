"""Integrations, documents and questions for tests; integrations and scans go through the
real actions (``partners.actions.register_integration`` and ``record_scan``)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from contacts.models import Organisation, OrganisationKind
from core.pdf import text_pdf
from partners.actions import record_scan, register_integration
from partners.models import AgreementDocument, Integration, Question, ScanColour
from tests.factories import make_organisation, staff_member

_numbers = itertools.count(1)


def partner_manager() -> User:
    """The staff member who records scans, ends agreements and answers questions
    (R-PART-2 … R-PART-5)."""
    return staff_member("Partner management")


def make_partner(name: str | None = None) -> Organisation:
    return make_organisation(name or f"Partner {next(_numbers)}", kind=OrganisationKind.PARTNER)


def make_integration(organisation: Organisation, name: str | None = None, *,
                     scanned_on: dt.date | None = None, colour: ScanColour = ScanColour.GREEN,
                     registered_on: dt.date | None = None, **fields) -> Integration:
    """An integration registered on ``registered_on`` (today), so its first quickscan is due
    three months later (R-PART-7); with ``scanned_on`` also a scan recorded on that day (so
    listed while that scan's due date is not past)."""
    fields.setdefault("agreement_start", dt.date(2024, 1, 1))
    fields.setdefault("description", "Een koppeling voor tests.")
    integration = register_integration(
        integration=Integration(organisation=organisation,
                                name=name or f"Koppeling {next(_numbers)}", **fields),
        actor=partner_manager(), today=registered_on or timezone.localdate())
    if scanned_on is not None:
        record_scan(integration=integration, scanned_on=scanned_on, colour=colour,
                    actor=partner_manager(), today=scanned_on)
        integration.refresh_from_db()
    return integration


def make_document(organisation: Organisation, title: str = "Overeenkomst", **fields
                  ) -> AgreementDocument:
    document = AgreementDocument(organisation=organisation, title=title, **fields)
    document.file.save(f"overeenkomst-{next(_numbers)}.pdf",
                       ContentFile(text_pdf([title])), save=True)
    return document


def make_question(organisation: Organisation, **fields) -> Question:
    fields.setdefault("subject", "Een vraag")
    fields.setdefault("text", "Hoe werkt dit?")
    return Question.objects.create(organisation=organisation, **fields)
