"""Registered integrations of partner organisations, their security quickscans, agreement
documents and the partners' questions to the partner managers (SPEC §9, R-PART-1 … 5)."""

from __future__ import annotations

import datetime as dt

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import OrganisationKind
from contacts.models import Contact, Organisation
from core.uploads import stored_file_name
from core.validators import validate_pdf

# Reports and agreements live in a folder that no URL serves (like the invoice PDFs): only
# the access-checked views hand them out.
PRIVATE_PARTNER_FOLDER = "private/partners"


class IntegrationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    NOTICE = "notice", _("Notice given")
    TERMINATED = "terminated", _("Terminated")


class EndReason(models.TextChoices):
    """Why an agreement ends (R-PART-4): normal notice, or at once for one of three reasons;
    the nightly job gives notice for missing certification (R-PART-3)."""

    NORMAL = "normal", _("Normal notice")
    NON_PAYMENT = "non_payment", _("Invoices not paid")
    CODE_OF_CONDUCT = "code_of_conduct", _("Code of conduct not followed")
    MISSING_CERTIFICATION = "missing_certification", _("Periodic certification missing")


# The reasons for ending an agreement at once (R-PART-4).
IMMEDIATE_REASONS = (EndReason.NON_PAYMENT, EndReason.CODE_OF_CONDUCT,
                     EndReason.MISSING_CERTIFICATION)


class ScanColour(models.TextChoices):
    """The quickscan's verdict, as the external tester reports it (R-PART-2)."""

    RED = "red", _("Red")
    ORANGE = "orange", _("Orange")
    GREEN = "green", _("Green")


def scan_overdue(day: dt.date) -> Q:
    """R-PART-3 "scan overdue": the next quickscan was due before ``day``. An integration
    without any scan yet awaits its first one: not overdue, and never listed. The nightly
    check, the public list, the admin filter and the partner portal all ask this."""
    return Q(next_scan_due__lt=day)


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
    next_scan_due = models.DateField(_("next quickscan due"), null=True, blank=True,
                                     editable=False)
    is_listed = models.BooleanField(_("on the partner page"), default=False, editable=False)
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
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        organisation = getattr(self, "organisation", None)
        if organisation is not None and organisation.kind != OrganisationKind.PARTNER:
            raise ValidationError({"organisation": _(
                "Only a partner organisation can have registered integrations.")})

    def is_overdue_on(self, day: dt.date) -> bool:
        """``scan_overdue(day)`` for this one loaded integration."""
        return self.next_scan_due is not None and self.next_scan_due < day


def scan_report_path(scan: Scan, filename: str) -> str:
    return f"{PRIVATE_PARTNER_FOLDER}/scans/{scan.integration_id}/{scan.scanned_on}.pdf"


class Scan(models.Model):
    """A security quickscan by the external tester: a date and a colour (R-PART-2); the full
    report is for the partner."""

    integration = models.ForeignKey(Integration, verbose_name=_("integration"),
                                    on_delete=models.CASCADE, related_name="scans")
    scanned_on = models.DateField(_("date of the scan"))
    colour = models.CharField(_("colour"), max_length=10, choices=ScanColour.choices)
    report = models.FileField(
        _("report (PDF)"), upload_to=scan_report_path, blank=True, max_length=200,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
    )
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
    "ended_on", "is_listed", "next_scan_due",
])
