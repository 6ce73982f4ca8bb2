"""Every change to integrations, scans, agreements, reminders and questions (R-PART-2 … 9).

Each action is atomic, checks permission itself (staff through ``require_staff``, partner
contacts through the role matrix), keeps the audit trail and writes its emails to the outbox
(R-X-8). The nightly job is the system's own function and takes no actor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can, require_staff
from contacts.models import Contact, Organisation
from core.validators import validate_https_url

from .emails import (
    queue_certification_lapsed, queue_notice_by_partner, queue_question_answered,
    queue_scan_reminders,
)
from .models import (
    DEFAULT_TESTER, IMMEDIATE_REASONS, EndReason, Integration, IntegrationStatus, Question, Scan,
    ScanColour, ScanReminder, scan_overdue,
)
from .rules import (
    first_scan_due, next_review_on, next_scan_due, notice_ends_on, reminder_windows,
)


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


def register_integration(*, integration: Integration, actor: User,
                         today: dt.date | None = None) -> Integration:
    """Register a new integration (R-PART-1): its first quickscan is due
    ``PARTNER_FIRST_SCAN_MONTHS`` after today, so none escapes the clock (R-PART-7), and its
    first yearly review is the agreement's next anniversary unless staff chose a date (R-PART-8).
    """
    require_staff(actor, "partners.add_integration")
    today = today or timezone.localdate()
    if integration.pk is not None:
        raise ValueError("the integration is registered already")
    integration.next_scan_due = first_scan_due(today)
    if integration.next_review_on is None:
        integration.next_review_on = next_review_on(integration.agreement_start, today)
    with transaction.atomic(), set_actor(actor):
        integration.full_clean()
        integration.save()
    return integration


def record_scan(*, integration: Integration, scanned_on: dt.date, colour: ScanColour | str,
                actor: User, tester: str = DEFAULT_TESTER,
                today: dt.date | None = None) -> Scan:
    """Record a quickscan: the tester, the date and the colour, no report (R-PART-2, R-PART-6).
    The latest scan sets the next due date; while that is not past, the integration is listed
    again and a notice given for missing certification is withdrawn; a notice for any other
    reason stays (R-PART-3)."""
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
                    tester=tester.strip() or DEFAULT_TESTER, recorded_by=actor)
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


def _give_notice(integration: Integration, *, reason: EndReason,
                 today: dt.date) -> Integration:
    """In the caller's transaction: normal notice, the agreement's own period (R-PART-4/8)."""
    integration = _lock(integration)
    if integration.status == IntegrationStatus.TERMINATED:
        raise IntegrationEnded("terminated")
    if not integration.accepts_notice:
        raise NoticeAlreadyGiven("notice given")
    integration.status, integration.end_reason = IntegrationStatus.NOTICE, reason
    integration.ended_on = today
    integration.subscription_end = notice_ends_on(today, integration.notice_months)
    integration.save()
    return integration


def give_notice(*, integration: Integration, actor: User,
                today: dt.date | None = None) -> Integration:
    """End the agreement with normal notice: the subscription ends after the agreement's
    notice period (12 months unless agreed otherwise) and the integration stays listed while
    its certification is current (R-PART-4, R-PART-8)."""
    require_staff(actor, "partners.change_integration")
    today = today or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        return _give_notice(integration, reason=EndReason.NORMAL, today=today)


def give_notice_as_partner(*, contact: Contact, integration: Integration,
                           today: dt.date | None = None) -> Integration:
    """R-PART-8: an administrator of the partner organisation gives notice on one of its
    integrations. The subscription ends after the agreement's notice period; the partner
    managers are emailed (outbox) and the audit trail names the administrator."""
    if not can(contact, Capability.PARTNER_NOTICE):
        raise CapabilityDenied(Capability.PARTNER_NOTICE)
    if integration.organisation_id != contact.organisation_id:
        raise CapabilityDenied(Capability.PARTNER_NOTICE)  # views answer 404 before this
    today = today or timezone.localdate()
    with transaction.atomic(), set_actor(contact.user):
        integration = _give_notice(integration, reason=EndReason.BY_PARTNER, today=today)
        queue_notice_by_partner(integration, contact=contact)
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
    reminders: int


def _audit(rows: list[tuple[int, str, dict[str, list[str]]]]) -> None:
    """Audit-trail rows for a set-based change, which django-auditlog does not see:
    (pk, name, {field: [before, after]}) each."""
    content_type = ContentType.objects.get_for_model(Integration)
    LogEntry.objects.bulk_create([
        LogEntry(content_type=content_type, object_pk=str(pk), object_id=pk,
                 object_repr=name, action=LogEntry.Action.UPDATE, changes=changes)
        for pk, name, changes in rows])


def _send_reminders(today: dt.date) -> int:
    """R-PART-7: a reminder row (unique per integration, due date and step) for each running
    integration whose scan is due within a step's window and that had no reminder for that
    step of that due date; the emails go through the outbox. One query per step, one insert,
    and the outbox's few per thousand emails."""
    new: list[ScanReminder] = []
    for step, first, last in reminder_windows(today):
        sent = ScanReminder.objects.filter(integration=OuterRef("pk"),
                                           due_on=OuterRef("next_scan_due"), days_before=step)
        new.extend(
            ScanReminder(integration_id=pk, due_on=due_on, days_before=step)
            for pk, due_on in (
                Integration.objects.exclude(status=IntegrationStatus.TERMINATED)
                .exclude(subscription_end__lt=today)
                .filter(next_scan_due__range=(first, last)).exclude(Exists(sent))
                .order_by("pk").values_list("pk", "next_scan_due")))
    # Two checks at once: the constraint keeps one row, the outbox key one email.
    ScanReminder.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    queue_scan_reminders([(reminder.integration_id, reminder.due_on, reminder.days_before)
                          for reminder in new])
    return len(new)


def check_partner_certifications(*, today: dt.date | None = None) -> CertificationCheck:
    """The nightly job (R-PART-3, R-PART-7), set-based and idempotent: delist integrations
    whose scan is overdue (a never-scanned one too, once its first due date has passed), give
    active ones 12 months' notice for missing certification, end those whose notice has run
    out, email each partner once about what was delisted today, and remind partners 90, 30
    and 7 days before a scan is due."""
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
        reminders = _send_reminders(today)
    return CertificationCheck(delisted=len(to_delist), notices=len(to_notice),
                              terminated=len(ran_out), organisations_emailed=len(changed),
                              reminders=reminders)


def ask_question(*, contact: Contact, subject: str, text: str) -> Question:
    """A partner contact asks the partner managers a question (R-PART-5)."""
    if not can(contact, Capability.PARTNER_PORTAL):
        raise CapabilityDenied(Capability.PARTNER_PORTAL)
    with transaction.atomic():
        question = Question(organisation_id=contact.organisation_id, asked_by=contact,
                            subject=subject.strip(), text=text.strip())
        question.full_clean()
        question.save()
        if question.asked_by_id is not None:
            queue_question_answered(question)
    return question


def answer_question(*, question: Question, answer: str, actor: User) -> Question:
    """Staff answer a partner's question once; the partner sees the answer in the portal and
    the contact who asked gets it by email, through the outbox (R-PART-5, R-PART-9)."""
    require_staff(actor, "partners.change_question")
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.is_answered:
            raise AlreadyAnswered("answered")
        question.answer, question.answered_by = answer.strip(), actor
        question.answered_at = timezone.now()
        question.full_clean()
        question.save()
        if question.asked_by_id is not None:
            queue_question_answered(question)
    return question


@transaction.atomic
def update_partner_details(*, actor: Contact, organisation: Organisation, website: str,
                           public_email: str) -> Organisation:
    """The partner's administrator changes the website and contact email that the public
    register shows (issue 14, R-PART-5); only of their own partner organisation, https only,
    audited (R-ROLE-17)."""
    if actor.organisation_id != organisation.pk or not can(actor, Capability.PARTNER_DETAILS):
        raise CapabilityDenied(Capability.PARTNER_DETAILS)
    if website:
        validate_https_url(website)
    with set_actor(actor.user):
        organisation.website, organisation.public_email = website, public_email
        organisation.save(update_fields=["website", "public_email"])
    return organisation
