"""Every change to integrations, scans, agreements and questions (R-PART-2 … R-PART-5).

Each action is atomic, checks permission itself (staff through ``require_staff``, partner
contacts through the role matrix), keeps the audit trail and writes its emails to the outbox
(R-X-8). The nightly job is the system's own function and takes no actor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can, require_staff
from contacts.models import Contact

from .emails import queue_certification_lapsed
from .models import (
    IMMEDIATE_REASONS, EndReason, Integration, IntegrationStatus, Question, Scan, ScanColour,
    scan_overdue,
)
from .rules import next_scan_due, notice_ends_on


class PartnerError(Exception):
    """A change the rules refuse; the admin or view turns it into a message."""


class IntegrationEnded(PartnerError):
    """The agreement of this integration has ended: nothing more can change."""


class NoticeAlreadyGiven(PartnerError):
    """Normal notice was asked for an integration that is already ending."""


class ScanInTheFuture(PartnerError):
    """A scan cannot be dated after today."""


class ScanExists(PartnerError):
    """There is already a scan of this integration on that date."""


class AlreadyAnswered(PartnerError):
    """The question was answered before."""


def _lock(integration: Integration) -> Integration:
    return Integration.objects.select_for_update().get(pk=integration.pk)


def record_scan(*, integration: Integration, scanned_on: dt.date, colour: ScanColour | str,
                actor: User, report: UploadedFile | None = None,
                today: dt.date | None = None) -> Scan:
    """Record a quickscan (R-PART-2). The latest scan sets the next due date; while that is
    not past, the integration is listed again and a notice given for missing certification
    is withdrawn; a notice for any other reason stays (R-PART-3)."""
    require_staff(actor, "partners.add_scan")
    today = today or timezone.localdate()
    colour = ScanColour(colour)
    if scanned_on > today:
        raise ScanInTheFuture("scan in the future")
    with transaction.atomic(), set_actor(actor):
        integration = _lock(integration)
        if integration.status == IntegrationStatus.TERMINATED:
            raise IntegrationEnded("terminated")
        if integration.scans.filter(scanned_on=scanned_on).exists():
            raise ScanExists("scan exists")
        scan = Scan(integration=integration, scanned_on=scanned_on, colour=colour,
                    recorded_by=actor)
        if report is not None:
            scan.report.save(report.name or "report", report, save=False)
        scan.save()
        latest = integration.scans.latest("scanned_on", "pk")
        integration.last_scanned_on = latest.scanned_on
        integration.next_scan_due = next_scan_due(latest.scanned_on, latest.colour)
        integration.is_listed = not integration.is_overdue_on(today)
        if (integration.is_listed and integration.status == IntegrationStatus.NOTICE
                and integration.end_reason == EndReason.MISSING_CERTIFICATION):
            integration.status = IntegrationStatus.ACTIVE
            integration.end_reason, integration.ended_on = "", None
            integration.subscription_end = None
        integration.save()
    return scan


def give_notice(*, integration: Integration, actor: User,
                today: dt.date | None = None) -> Integration:
    """End the agreement with normal notice: the subscription ends 12 months later and the
    integration stays listed while its certification is current (R-PART-4)."""
    require_staff(actor, "partners.change_integration")
    today = today or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        integration = _lock(integration)
        if integration.status == IntegrationStatus.TERMINATED:
            raise IntegrationEnded("terminated")
        if integration.status == IntegrationStatus.NOTICE:
            raise NoticeAlreadyGiven("notice given")
        integration.status, integration.end_reason = IntegrationStatus.NOTICE, EndReason.NORMAL
        integration.ended_on, integration.subscription_end = today, notice_ends_on(today)
        integration.save()
    return integration


def terminate_integration(*, integration: Integration, reason: EndReason, actor: User,
                          today: dt.date | None = None) -> Integration:
    """End the agreement at once for non-payment, the code of conduct or missing
    certification (R-PART-4): the subscription ends today and the listing goes."""
    require_staff(actor, "partners.change_integration")
    if reason not in IMMEDIATE_REASONS:
        raise ValueError(f"{reason!r} is not a reason to end an agreement at once")
    today = today or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        integration = _lock(integration)
        if integration.status == IntegrationStatus.TERMINATED:
            raise IntegrationEnded("terminated")
        integration.status, integration.end_reason = IntegrationStatus.TERMINATED, reason
        integration.ended_on, integration.subscription_end = today, today
        integration.is_listed = False
        integration.save()
    return integration


@dataclass(frozen=True)
class CertificationCheck:
    delisted: int
    notices: int
    terminated: int
    organisations_emailed: int


def _audit(rows: list[tuple[int, str, dict[str, list[str]]]]) -> None:
    """Audit-trail rows for a set-based change, which django-auditlog does not see:
    (pk, name, {field: [before, after]}) each."""
    content_type = ContentType.objects.get_for_model(Integration)
    LogEntry.objects.bulk_create([
        LogEntry(content_type=content_type, object_pk=str(pk), object_id=pk,
                 object_repr=name, action=LogEntry.Action.UPDATE, changes=changes)
        for pk, name, changes in rows])


def check_partner_certifications(*, today: dt.date | None = None) -> CertificationCheck:
    """The nightly job (R-PART-3), set-based and idempotent: delist integrations whose scan is
    overdue, give active ones 12 months' notice for missing certification, end those whose
    notice has run out, and email each partner once about what was delisted today."""
    today = today or timezone.localdate()
    ends_on = notice_ends_on(today)
    overdue = scan_overdue(today)
    with transaction.atomic():
        live = (Integration.objects.exclude(status=IntegrationStatus.TERMINATED)
                .select_for_update().order_by("pk"))
        to_delist = list(live.filter(overdue, is_listed=True)
                         .values_list("pk", "organisation_id", "name"))
        to_notice = list(live.filter(overdue, status=IntegrationStatus.ACTIVE)
                         .values_list("pk", "organisation_id", "name", "subscription_end"))
        ran_out = list(live.filter(status=IntegrationStatus.NOTICE, subscription_end__lt=today)
                       .values_list("pk", "name", "is_listed"))
        Integration.objects.filter(pk__in=[row[0] for row in to_delist]).update(is_listed=False)
        Integration.objects.filter(pk__in=[row[0] for row in to_notice]).update(
            status=IntegrationStatus.NOTICE, end_reason=EndReason.MISSING_CERTIFICATION,
            ended_on=today, subscription_end=ends_on)
        Integration.objects.filter(pk__in=[row[0] for row in ran_out]).update(
            status=IntegrationStatus.TERMINATED, is_listed=False)
        _audit([(pk, name, {"is_listed": ["True", "False"]}) for pk, _o, name in to_delist]
               + [(pk, name, {"status": [IntegrationStatus.ACTIVE, IntegrationStatus.NOTICE],
                              "end_reason": ["", EndReason.MISSING_CERTIFICATION],
                              "subscription_end": [str(before or "None"), str(ends_on)]})
                  for pk, _o, name, before in to_notice]
               + [(pk, name, {"status": [IntegrationStatus.NOTICE,
                                         IntegrationStatus.TERMINATED]})
                  for pk, name, _listed in ran_out])
        changed: dict[int, set[int]] = {}
        for pk, organisation_id, *_rest in to_delist + to_notice:
            changed.setdefault(organisation_id, set()).add(pk)
        queue_certification_lapsed(changed, today=today)
    return CertificationCheck(delisted=len(to_delist), notices=len(to_notice),
                              terminated=len(ran_out), organisations_emailed=len(changed))


def ask_question(*, contact: Contact, subject: str, text: str) -> Question:
    """A partner contact asks the partner managers a question (R-PART-5)."""
    if not can(contact, Capability.PARTNER_PORTAL):
        raise CapabilityDenied(Capability.PARTNER_PORTAL)
    with transaction.atomic():
        question = Question(organisation_id=contact.organisation_id, asked_by=contact,
                            subject=subject.strip(), text=text.strip())
        question.full_clean()
        question.save()
    return question


def answer_question(*, question: Question, answer: str, actor: User) -> Question:
    """Staff answer a partner's question; the partner sees the answer in the portal."""
    require_staff(actor, "partners.change_question")
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.is_answered:
            raise AlreadyAnswered("answered")
        question.answer, question.answered_by = answer.strip(), actor
        question.answered_at = timezone.now()
        question.full_clean()
        question.save()
    return question
