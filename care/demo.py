"""Demo feedback, complaints and extra support (part of ``seed_demo``, after the contacts).

Demo BV: an answered complaint of insturen@, an open complaint of bekijken@ (its target one
working day after it was seeded), feedback of medewerker@, and an extra-support request of
beheerder@ two weeks ahead. Safe to run again: items are keyed by sender and subject (or
description) and put back as listed here. The answer is written directly, not through
``answer_feedback``: the demo has no Customer Care account and seeding sends no email."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from contacts.models import Contact, ServiceLevel

from .actions import response_due_at
from .models import (
    ExtraSupportRequest, ExtraSupportStatus, Feedback, FeedbackKind, FeedbackStatus,
)

# (sender, kind, subject, message, days ago, answer or "")
FEEDBACK = [
    ("insturen@demo.example", FeedbackKind.COMPLAINT, "Lang gewacht op terugbelverzoek",
     "Ik heb vorige week twee keer gevraagd om teruggebeld te worden, maar niemand belde.",
     3, "Excuses: het terugbelverzoek was bij het verkeerde team beland. Een collega belt je "
        "vandaag nog, en we hebben de verdeling van terugbelverzoeken aangepast."),
    ("bekijken@demo.example", FeedbackKind.COMPLAINT, "Factuur klopt niet met de offerte",
     "Op de laatste factuur staan 25 gebruikers, in de offerte 20.", 0, ""),
    ("medewerker@demo.example", FeedbackKind.FEEDBACK, "Fijne nieuwe kennisbank",
     "De artikelen over salarisverwerking zijn heel duidelijk. Meer voorbeelden graag!", 5, ""),
]

EXTRA_SUPPORT = ("beheerder@demo.example", 14, dt.time(18, 0), 4,
                 "Overstap naar de nieuwe salarisadministratie op vrijdagavond; we willen "
                 "iemand van Support kunnen bellen als de import vastloopt.")


def _feedback(email: str, kind: FeedbackKind, subject: str, message: str, days_ago: int,
              answer: str, now: dt.datetime) -> Feedback:
    contact = Contact.objects.select_related("organisation").get(
        user__email=email, organisation__name="Demo BV")
    received = now - dt.timedelta(days=days_ago)
    item = (Feedback.objects.filter(contact=contact, subject=subject).first()
            or Feedback(contact=contact, subject=subject))
    item.organisation, item.kind, item.message, item.received_at = (
        contact.organisation, kind, message, received)
    item.response_due_at = response_due_at(kind, received)
    item.response = answer
    item.first_response_at = received + dt.timedelta(hours=2) if answer else None
    item.status = FeedbackStatus.ANSWERED if answer else FeedbackStatus.RECEIVED
    item.save()
    return item


def seed(now: dt.datetime | None = None) -> list[Feedback]:
    """Create or reset the demo feedback and the extra-support request."""
    now = now or timezone.now()
    items = [_feedback(*row, now=now) for row in FEEDBACK]
    email, days, start, hours, description = EXTRA_SUPPORT
    administrator = Contact.objects.select_related("organisation").get(
        user__email=email, organisation__name="Demo BV")
    starts = timezone.make_aware(dt.datetime.combine(
        timezone.localdate(now) + dt.timedelta(days=days), start))
    ExtraSupportRequest.objects.update_or_create(
        organisation=administrator.organisation, description=description,
        defaults={"requested_by": administrator, "starts_at": starts,
                  "ends_at": starts + dt.timedelta(hours=hours),
                  "billable": administrator.organisation.service_level
                  != ServiceLevel.FIRST_CLASS,
                  "status": ExtraSupportStatus.REQUESTED, "requested_at": now})
    return items
