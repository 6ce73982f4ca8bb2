"""Registered integrations of partner organisations, their security quickscans, agreement
documents, the reminders before a quickscan is due and the partners' questions to the partner
managers (SPEC §9, R-PART-1 … 9)."""

from __future__ import annotations

import datetime as dt

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.roles import OrganisationKind
from contacts.models import Contact, Organisation
from core.uploads import stored_file_name
from core.validators import validate_pdf

# Agreements live in a folder that no URL serves (like the invoice PDFs): only the
# access-checked views hand them out. (Scan reports are not kept at all, R-PART-6.)
PRIVATE_PARTNER_FOLDER = "private/partners"


class IntegrationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    NOTICE = "notice", _("Notice given")
    TERMINATED = "terminated", _("Terminated")


class EndReason(models.TextChoices):
    """Why an agreement ends (R-PART-4): normal notice by the vendor or by the partner
    (R-PART-8), or at once for one of three reasons; the nightly job gives notice for missing
    certification (R-PART-3)."""

    NORMAL = "normal", _("Normal notice")
    BY_PARTNER = "by_partner", _("Notice given by the partner")
    NON_PAYMENT = "non_payment", _("Invoices not paid")
    CODE_OF_CONDUCT = "code_of_conduct", _("Code of conduct not followed")
    MISSING_CERTIFICATION = "missing_certification", _("Periodic certification missing")


# The reasons for ending an agreement at once (R-PART-4).
IMMEDIATE_REASONS = (EndReason.NON_PAYMENT, EndReason.CODE_OF_CONDUCT,
                     EndReason.MISSING_CERTIFICATION)


# The tester the vendor arranged the quickscan with (seed 004); another comparable one may do it.
DEFAULT_TESTER = "Computest"


class ScanColour(models.TextChoices):
    """The quickscan's verdict, as the external tester reports it (R-PART-2)."""

    RED = "red", _("Red")
    ORANGE = "orange", _("Orange")
    GREEN = "green", _("Green")


def scan_overdue(day: dt.date) -> Q:
    """R-PART-3 "scan overdue": the next quickscan was due before ``day``. Every integration
    has a due date from its registration on (R-PART-7), so one never scanned is overdue once
    its first due date has passed. The nightly check, the status and the admin filter ask
    this."""
    return Q(next_scan_due__lt=day)


# R-PART-7/8: a quickscan due within this many days is "due soon": the first reminder goes
# out then too.
DUE_SOON_DAYS = 90


class Standing(models.TextChoices):
    """R-PART-8: the one status of an integration, derived by ``standing`` (never stored), and
    shown alike in the partner portal, the admin and (for the public ones) the register."""

    LISTED = "listed", _("Listed")
    DUE_SOON = "due_soon", _("Quickscan due soon")
    AWAITING_FIRST = "awaiting_first", _("Awaiting its first quickscan")
    NOTICE = "notice", _("Notice given")
    OVERDUE = "overdue", _("Overdue: delisted, notice given")
    ENDED = "ended", _("Ended")


# The standings whose integrations are on the public register (R-PART-3, R-PART-6): their
# certification is current. A normal notice keeps the listing until the subscription ends.
PUBLIC_STANDINGS = (Standing.LISTED, Standing.DUE_SOON, Standing.NOTICE)


def standing(day: dt.date) -> Case:
    """R-PART-8, the one place that derives an integration's status on ``day`` as a query
    expression (``.annotate(standing=standing(today))``): ended once terminated or once its
    subscription ran out (also before the nightly check has caught up); overdue when the scan
    is overdue or notice was given for missing certification; "notice given" for any other
    notice; awaiting its first scan; due soon within ``DUE_SOON_DAYS``; otherwise listed."""
    return Case(
        When(Q(status=IntegrationStatus.TERMINATED) | Q(subscription_end__lt=day),
             then=Value(Standing.ENDED.value)),
        When(scan_overdue(day) | Q(status=IntegrationStatus.NOTICE,
                                   end_reason=EndReason.MISSING_CERTIFICATION),
             then=Value(Standing.OVERDUE.value)),
        When(status=IntegrationStatus.NOTICE, then=Value(Standing.NOTICE.value)),
        When(last_scanned_on__isnull=True, then=Value(Standing.AWAITING_FIRST.value)),
        When(next_scan_due__lte=day + dt.timedelta(days=DUE_SOON_DAYS),
             then=Value(Standing.DUE_SOON.value)),
        default=Value(Standing.LISTED.value),
        output_field=models.CharField(max_length=20, choices=Standing.choices),
    )


class Integration(models.Model):
    """A registered integration (R-PART-1). ``is_listed`` says whether it is on the public
    partner page; the nightly check and new scans change it (R-PART-3)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("partner"), on_delete=models.PROTECT,
        related_name="integrations", limit_choices_to={"kind": OrganisationKind.PARTNER},
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=IntegrationStatus.choices,
                              default=IntegrationStatus.ACTIVE, editable=False)
    agreement_start = models.DateField(_("agreement start"))
    subscription_end = models.DateField(
        _("subscription end"), null=True, blank=True, editable=False,
        help_text=_("Empty while the subscription runs on."),
    )
    end_reason = models.CharField(_("reason for ending"), max_length=30,
                                  choices=EndReason.choices, blank=True, editable=False)
    ended_on = models.DateField(_("notice given or ended on"), null=True, blank=True,
                                editable=False)
    # Kept from the latest scan by partners.actions.record_scan.
    last_scanned_on = models.DateField(_("last quickscan"), null=True, blank=True,
                                       editable=False)
    # Set at registration (R-PART-7: ``PARTNER_FIRST_SCAN_MONTHS`` later), then by each scan.
    next_scan_due = models.DateField(_("next quickscan due"), editable=False)
    is_listed = models.BooleanField(_("on the partner page"), default=False, editable=False)
    # R-PART-8: the agreement's notice period (either side) and its yearly review.
    notice_months = models.PositiveSmallIntegerField(
        _("notice period (months)"), default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("A normal notice ends the subscription this many months later."))
    next_review_on = models.DateField(
        _("next yearly review"), null=True, blank=True,
        help_text=_("After a review, set the date of the next one (a year later)."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("integration")
        verbose_name_plural = _("integrations")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"],
                                    name="integration_name_unique_per_partner"),
            models.CheckConstraint(condition=~Q(status="terminated", is_listed=True),
                                   name="terminated_integration_is_not_listed"),
        ]
        indexes = [
            models.Index(fields=["is_listed", "name"]),
            models.Index(fields=["status", "next_scan_due"]),
            models.Index(fields=["next_review_on"]),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        organisation = getattr(self, "organisation", None)
        if organisation is not None and organisation.kind != OrganisationKind.PARTNER:
            raise ValidationError({"organisation": _(
                "Only a partner organisation can have registered integrations.")})

    @property
    def standing_text(self) -> str:
        """R-PART-8: the annotated ``standing`` (``partners.queries.with_standing``) in words,
        with the date that goes with it; the partner portal, the notice page and the admin
        list all show this."""
        def day(value: dt.date | None) -> str:
            return date_format(value, "j F Y") if value else "–"

        match Standing(self.standing):  # type: ignore[attr-defined]
            case Standing.ENDED:
                return _("Ended on %(date)s") % {"date": day(self.subscription_end)}
            case Standing.OVERDUE if self.subscription_end:
                return _("Overdue: delisted, notice given, ends on %(date)s") % {
                    "date": day(self.subscription_end)}
            case Standing.OVERDUE:
                return _("Overdue since %(date)s: delisted, notice follows tonight") % {
                    "date": day(self.next_scan_due + dt.timedelta(days=1))}
            case Standing.NOTICE:
                return _("Notice given, ends on %(date)s") % {"date": day(self.subscription_end)}
            case Standing.AWAITING_FIRST:
                return _("Not listed yet: first quickscan due by %(date)s") % {
                    "date": day(self.next_scan_due)}
            case Standing.DUE_SOON:
                return _("Listed; quickscan due soon, by %(date)s") % {
                    "date": day(self.next_scan_due)}
        return str(_("Listed"))

    @property
    def accepts_notice(self) -> bool:
        """Normal notice can still be given: the agreement runs on (R-PART-4, R-PART-8)."""
        return self.status == IntegrationStatus.ACTIVE

    def is_overdue_on(self, day: dt.date) -> bool:
        """``scan_overdue(day)`` for this one loaded integration."""
        return self.next_scan_due < day


def scan_report_path(scan: Scan, filename: str) -> str:
    """Where migration 0001 stored scan reports; kept only because that migration names it
    (the reports themselves are gone since 0002, R-PART-6)."""
    return f"{PRIVATE_PARTNER_FOLDER}/scans/{scan.integration_id}/{scan.scanned_on}.pdf"


class Scan(models.Model):
    """A security quickscan by the external tester: the tester, a date and a colour (R-PART-2).
    The full report stays with the partner (R-PART-6): the portal keeps no copy."""

    integration = models.ForeignKey(Integration, verbose_name=_("integration"),
                                    on_delete=models.CASCADE, related_name="scans")
    scanned_on = models.DateField(_("date of the scan"))
    colour = models.CharField(_("colour"), max_length=10, choices=ScanColour.choices)
    tester = models.CharField(_("tester"), max_length=200, default=DEFAULT_TESTER,
                              help_text=_("The independent security tester who did the scan."))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )

    class Meta:
        verbose_name = _("quickscan")
        verbose_name_plural = _("quickscans")
        ordering = ["-scanned_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["integration", "scanned_on"],
                                    name="one_scan_per_integration_and_day"),
        ]

    def __str__(self) -> str:
        return f"{self.integration} {self.scanned_on} ({self.get_colour_display()})"


class ReminderStep(models.IntegerChoices):
    """R-PART-7: partner contacts are reminded this many days before a quickscan is due."""

    DAYS_90 = 90, _("90 days before")
    DAYS_30 = 30, _("30 days before")
    DAYS_7 = 7, _("7 days before")


class ScanReminder(models.Model):
    """One reminder sent for one due date of one integration at one step (R-PART-7). The
    unique constraint makes a rerun of the nightly check, or two at once, send it once; the
    emails themselves go through the outbox."""

    integration = models.ForeignKey(Integration, verbose_name=_("integration"),
                                    on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField(_("quickscan due"))
    days_before = models.PositiveSmallIntegerField(_("step"), choices=ReminderStep.choices)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("quickscan reminder")
        verbose_name_plural = _("quickscan reminders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["integration", "due_on", "days_before"],
                                    name="one_reminder_per_integration_due_date_and_step"),
        ]

    def __str__(self) -> str:
        return f"{self.integration_id} {self.due_on} −{self.days_before}"


def agreement_document_path(document: AgreementDocument, filename: str) -> str:
    return (f"{PRIVATE_PARTNER_FOLDER}/agreements/{document.organisation_id}/"
            f"{stored_file_name(filename)}")


class AgreementDocument(models.Model):
    """A signed agreement or annex, for the partner's contacts to download (R-PART-5)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("partner"), on_delete=models.PROTECT,
        related_name="agreement_documents", limit_choices_to={"kind": OrganisationKind.PARTNER},
    )
    integration = models.ForeignKey(
        Integration, verbose_name=_("integration"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="documents",
        help_text=_("Leave empty for an agreement about the partnership as a whole."),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=agreement_document_path, max_length=200,
                            validators=[FileExtensionValidator(["pdf"]), validate_pdf])
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        organisation = getattr(self, "organisation", None)
        if organisation is not None and organisation.kind != OrganisationKind.PARTNER:
            raise ValidationError({"organisation": _(
                "Only a partner organisation can have agreement documents.")})
        if (self.integration is not None and organisation is not None
                and self.integration.organisation_id != organisation.pk):
            raise ValidationError({"integration": _(
                "This integration belongs to another partner.")})


class Question(models.Model):
    """A partner contact's question to the partner managers, answered by staff (R-PART-5)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("partner"),
                                     on_delete=models.CASCADE, related_name="partner_questions")
    # Kept when the contact is deleted later: the question stays the partner's.
    asked_by = models.ForeignKey(Contact, verbose_name=_("asked by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="partner_questions")
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("question"), max_length=5000)
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True, max_length=5000)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("partner question")
        verbose_name_plural = _("partner questions")
        ordering = ["-asked_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-asked_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


# Agreement changes are kept in the audit trail (who, when, before, after).
auditlog.register(Integration, include_fields=[
    "name", "description", "status", "agreement_start", "subscription_end", "end_reason",
    "ended_on", "is_listed", "next_scan_due", "notice_months", "next_review_on",
])
