"""Reads of integrations, scans, documents and questions: the public register for everyone
(the partner page and the Help Center read the same query), the rest scoped in SQL to the
active contact's partner organisation (R-PART-3, R-PART-5, R-PART-6, R-PART-8)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.permissions import Capability, CapabilityDenied, can
from contacts.models import Contact
from core.queries import count_of

from .models import (
    PUBLIC_STANDINGS, AgreementDocument, Integration, Question, Scan, Standing, standing,
)


def with_standing(integrations: QuerySet[Integration], today: dt.date) -> QuerySet[Integration]:
    """Each integration with its one derived status on ``today`` (R-PART-8) as ``standing``."""
    return integrations.annotate(standing=standing(today))


def listed_integrations(*, search: str = "", today: dt.date | None = None
                        ) -> QuerySet[Integration]:
    """The public register (R-PART-3, R-PART-6): the integrations whose standing is public
    (listed, due soon, or under a normal notice while the certification is current), with
    their partner, filtered by a word in the name, description or partner's name. An
    integration whose due date has passed is left out before the nightly check delists it."""
    today = today or timezone.localdate()
    integrations = (with_standing(Integration.objects.all(), today)
                    .filter(standing__in=PUBLIC_STANDINGS)  # type: ignore[misc]  # annotated
                    .select_related("organisation"))
    if search:
        integrations = integrations.filter(Q(name__icontains=search)
                                           | Q(description__icontains=search)
                                           | Q(organisation__name__icontains=search))
    return integrations.order_by("name", "organisation__name", "pk")


def _partner_of(contact: Contact) -> int:
    if not can(contact, Capability.PARTNER_PORTAL):
        raise CapabilityDenied(Capability.PARTNER_PORTAL)
    return contact.organisation_id


def integrations_of(contact: Contact, *, today: dt.date) -> list[Integration]:
    """The partner's own integrations, current ones first, each with its ``history`` of
    scans (newest first), its ``standing`` on ``today`` (R-PART-8), and ``days_left`` until
    the next scan is due (``days_overdue`` after it, R-PART-7): two queries however many
    there are (R-PART-5, R-X-3)."""
    scans = Scan.objects.order_by("-scanned_on", "-pk")
    integrations: list[Integration] = list(
        with_standing(Integration.objects.filter(organisation_id=_partner_of(contact)), today)
        .prefetch_related(Prefetch("scans", queryset=scans, to_attr="history"))
        .order_by("status", "name", "pk"))
    for integration in integrations:
        days_left = (integration.next_scan_due - today).days
        integration.days_left = days_left  # type: ignore[attr-defined]
        integration.days_overdue = -days_left  # type: ignore[attr-defined]
    return integrations


def get_integration_for(contact: Contact, pk: int, *, today: dt.date) -> Integration:
    """One of the partner's integrations with its standing; 404 for another partner's
    (R-ROLE-14)."""
    try:
        return with_standing(Integration.objects.filter(
            organisation_id=_partner_of(contact)), today).select_related("organisation").get(
            pk=pk)
    except Integration.DoesNotExist:
        raise Http404 from None


def documents_of(contact: Contact) -> QuerySet[AgreementDocument]:
    """The partner's agreement documents, newest first."""
    return (AgreementDocument.objects.filter(organisation_id=_partner_of(contact))
            .select_related("integration").order_by("-uploaded_at", "-pk"))


def questions_of(contact: Contact) -> QuerySet[Question]:
    """The questions of the partner's contacts, newest first, with who asked them."""
    return (Question.objects.filter(organisation_id=_partner_of(contact))
            .select_related("asked_by__user").order_by("-asked_at", "-pk"))


def get_document_for(contact: Contact, pk: int) -> AgreementDocument:
    """One of the partner's agreement documents; 404 for another partner's (R-ROLE-14)."""
    try:
        return documents_of(contact).get(pk=pk)
    except AgreementDocument.DoesNotExist:
        raise Http404 from None


def attention_counts(organisation_id: int, *, today: dt.date) -> dict[str, object]:
    """Issue 14, the partner's dashboard: integrations whose quickscan is due soon or awaited
    for the first time, and those overdue (delisted, notice given), by the one status."""
    integrations = with_standing(Integration.objects.filter(organisation_id=organisation_id),
                                 today)
    return {
        "scans_due": count_of(integrations.filter(  # type: ignore[misc]  # annotated
            standing__in=[Standing.DUE_SOON, Standing.AWAITING_FIRST])),
        "scans_overdue": count_of(integrations.filter(  # type: ignore[misc]  # annotated
            standing=Standing.OVERDUE)),
    }
