"""Demo integrations of Koppeling BV (part of ``seed_demo``), dated relative to today so the
demo always shows every status (R-PART-8): listed (green), due soon (orange), overdue before
the nightly check (red, "notice follows tonight"), overdue with notice given (never scanned,
its first due date passed: R-PART-7), awaiting its first quickscan, notice given by the
partner, and ended. With an agreement document, two questions (one answered) and the
partner's website and contact email for the public partner page (issue 14). Safe to run
again: it resets these integrations to that state."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from contacts.models import Contact, Organisation
from core.pdf import text_pdf

from .models import (
    AgreementDocument, EndReason, Integration, IntegrationStatus, Question, Scan, ScanColour,
)
from .rules import add_months, first_scan_due, next_review_on, next_scan_due, notice_ends_on

PARTNER = "Koppeling BV"
ASKER = "partner@koppeling.example"
WEBSITE = "https://www.koppeling.example"
PUBLIC_EMAIL = "info@koppeling.example"


def _integrations(today: dt.date) -> list[dict]:
    """(name, description, agreement start, scans as (date, colour), state)."""
    return [
        dict(name="Koppeling Salarisverwerking",
             description="Stuurt loonstroken en journaalposten van de salarisverwerking naar "
                         "het boekhoudpakket.",
             agreement_start=dt.date(2021, 3, 1),
             scans=[(add_months(today, -40), ScanColour.ORANGE),
                    (add_months(today, -28), ScanColour.GREEN)],
             status=IntegrationStatus.ACTIVE, listed=True,
             review_on=today + dt.timedelta(days=14)),  # a review due (admin filter)
        dict(name="Koppeling Urenregistratie",
             description="Zet geschreven uren van de urenapp over naar projecten.",
             agreement_start=dt.date(2023, 9, 1),
             scans=[(add_months(today, -12) + dt.timedelta(days=20), ScanColour.ORANGE)],
             status=IntegrationStatus.ACTIVE, listed=True),
        dict(name="Koppeling Webshop",
             description="Bestellingen en voorraad tussen de webwinkel en de orderverwerking.",
             agreement_start=dt.date(2024, 5, 1),
             scans=[(add_months(today, -7), ScanColour.RED)],
             status=IntegrationStatus.ACTIVE, listed=True),
        dict(name="Koppeling CRM-sync",
             description="Synchroniseert relaties met een extern CRM-pakket.",
             agreement_start=dt.date(2020, 1, 1),
             scans=[(add_months(today, -30), ScanColour.RED)],
             status=IntegrationStatus.TERMINATED, listed=False,
             end_reason=EndReason.CODE_OF_CONDUCT, ended_on=add_months(today, -20),
             subscription_end=add_months(today, -20)),
        # Registered five months ago and never scanned: its first due date passed and the
        # nightly check delisted it and gave notice (R-PART-7).
        dict(name="Koppeling Voorraadbeheer",
             description="Houdt de voorraad van het magazijnsysteem en de administratie gelijk.",
             agreement_start=add_months(today, -5), scans=[],
             next_due=first_scan_due(add_months(today, -5)),
             status=IntegrationStatus.NOTICE, listed=False,
             end_reason=EndReason.MISSING_CERTIFICATION,
             ended_on=first_scan_due(add_months(today, -5)) + dt.timedelta(days=1),
             subscription_end=notice_ends_on(first_scan_due(add_months(today, -5))
                                             + dt.timedelta(days=1))),
        dict(name="Koppeling Declaraties",
             description="Zet declaraties uit de declaratie-app klaar voor betaling.",
             agreement_start=add_months(today, -1), scans=[],
             next_due=first_scan_due(add_months(today, -1)),
             status=IntegrationStatus.ACTIVE, listed=False),
        # The partner's administrator gave notice in the partner portal (R-PART-8); it stays
        # listed while its quickscan is current.
        dict(name="Koppeling Personeelsdossier",
             description="Archiveert documenten uit het personeelsdossier.",
             agreement_start=dt.date(2022, 6, 1),
             scans=[(add_months(today, -10), ScanColour.GREEN)],
             status=IntegrationStatus.NOTICE, listed=True,
             end_reason=EndReason.BY_PARTNER, ended_on=add_months(today, -2),
             subscription_end=add_months(today, 10)),
    ]


def seed(*, today: dt.date | None = None) -> None:
    """Create or reset Koppeling BV's integrations, scans, document and questions."""
    today = today or timezone.localdate()
    partner = Organisation.objects.get(name=PARTNER)
    # Issue 14: the partner page shows where to find and reach the partner.
    partner.website, partner.public_email = WEBSITE, PUBLIC_EMAIL
    partner.save(update_fields=["website", "public_email"])
    for spec in _integrations(today):
        if spec["scans"]:
            last_on, last_colour = spec["scans"][-1]
            due = next_scan_due(last_on, last_colour)
        else:
            last_on, due = None, spec["next_due"]
        integration, _created = Integration.objects.update_or_create(
            organisation=partner, name=spec["name"], defaults={
                "description": spec["description"], "agreement_start": spec["agreement_start"],
                "status": spec["status"], "is_listed": spec["listed"],
                "end_reason": spec.get("end_reason", ""), "ended_on": spec.get("ended_on"),
                "subscription_end": spec.get("subscription_end"),
                "last_scanned_on": last_on, "next_scan_due": due, "notice_months": 12,
                "next_review_on": (None if spec["status"] == IntegrationStatus.TERMINATED
                                   else spec.get("review_on")
                                   or next_review_on(spec["agreement_start"], today)),
            })
        integration.scans.exclude(scanned_on__in=[day for day, _c in spec["scans"]]).delete()
        for day, colour in spec["scans"]:
            Scan.objects.update_or_create(integration=integration, scanned_on=day,
                                          defaults={"colour": colour})
    if not AgreementDocument.objects.filter(organisation=partner).exists():
        document = AgreementDocument(organisation=partner, title="Overeenkomst geregistreerde "
                                     "koppeling 2024")
        document.file.save("overeenkomst-geregistreerde-koppeling.pdf", ContentFile(text_pdf(
            ["Overeenkomst geregistreerde koppeling", PARTNER,
             "Periodieke certificatie: Security Quickscan (rood 6 mnd, oranje 1 jaar, "
             "groen 3 jaar).", "Opzegtermijn: 12 maanden."],
            title="Overeenkomst geregistreerde koppeling")), save=True)
    asker = Contact.objects.filter(organisation=partner, user__email=ASKER).first()
    now = timezone.now()
    Question.objects.update_or_create(
        organisation=partner, subject="Wanneer de volgende quickscan inplannen?", defaults={
            "asked_by": asker, "asked_at": now - dt.timedelta(days=14),
            "text": "Onze webshopkoppeling kreeg rood. Kunnen we de nieuwe scan eerder dan "
                    "over zes maanden laten doen?",
            "answer": "Ja, dat kan: een nieuwe scan mag altijd eerder. Na een nieuwe scan "
                      "geldt de termijn van de nieuwe kleur.",
            "answered_at": now - dt.timedelta(days=12), "answered_by": None})
    Question.objects.update_or_create(
        organisation=partner, subject="Korting op het Succesbeheer Traineeship", defaults={
            "asked_by": asker, "asked_at": now - dt.timedelta(days=2),
            "text": "Hoe vragen we de korting van 20% aan voor onze nieuwe beheerder?",
            "answer": "", "answered_at": None, "answered_by": None})
