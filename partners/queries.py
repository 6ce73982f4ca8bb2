"""Reads of integrations, scans, documents and questions: the public list for everyone, the
rest scoped in SQL to the active contact's partner organisation (R-PART-3, R-PART-5)."""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.permissions import Capability, CapabilityDenied, can
from contacts.models import Contact

from .models import (
    AgreementDocument, Integration, IntegrationStatus, Question, Scan, scan_overdue,
)


def listed_integrations(*, search: str = "") -> QuerySet[Integration]:
    """The integrations on the public partner page (certification current, R-PART-3), with
    their partner, filtered by a word in the name, description or partner's name."""
    # Also not once the due date has passed, before the nightly check has delisted it.
    integrations = (Integration.objects.filter(is_listed=True)
                    .exclude(scan_overdue(timezone.localdate()))
                    .exclude(status=IntegrationStatus.TERMINATED)
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


def integrations_of(contact: Contact, *, today: dt.date) -> QuerySet[Integration]:
    """The partner's own integrations, current ones first, each with its ``history`` of
    scans (newest first) and whether its scan is ``scan_overdue`` on ``today``: two queries
    however many there are (R-PART-5, R-X-3)."""
    scans = Scan.objects.order_by("-scanned_on", "-pk")
    return (Integration.objects.filter(organisation_id=_partner_of(contact))
            .annotate(scan_overdue=ExpressionWrapper(scan_overdue(today),
                                                     output_field=BooleanField()))
            .prefetch_related(Prefetch("scans", queryset=scans, to_attr="history"))
            .order_by("status", "name", "pk"))


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


def get_scan_report_for(contact: Contact, pk: int) -> Scan:
    """A scan of one of the partner's integrations that has a report; 404 otherwise."""
    try:
        return (Scan.objects.filter(integration__organisation_id=_partner_of(contact))
                .exclude(report="").get(pk=pk))
    except Scan.DoesNotExist:
        raise Http404 from None
