"""Feedback and complaints with a first-response target, and requests for extra support
outside working hours (SPEC §6 R-CARE-1, R-CARE-2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact, Organisation
from incidents.models import Incident


class FeedbackKind(models.TextChoices):
    FEEDBACK = "feedback", _("Feedback")
    COMPLAINT = "complaint", _("Complaint")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Feedback(models.Model):
    """Feedback or a complaint sent by a contact; a complaint must get a first response
    within one working day (R-CARE-1)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="feedback")
    contact = models.ForeignKey(Contact, verbose_name=_("sent by"), on_delete=models.CASCADE,
                                related_name="feedback")
    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    status = models.CharField(_("status"), max_length=20, choices=FeedbackStatus.choices,
                              default=FeedbackStatus.RECEIVED)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    response_due_at = models.DateTimeField(
        _("first response due"), null=True, blank=True,
        help_text=_("Complaints: one working day after receipt."))
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    response = models.TextField(_("our response"), blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"),
                                     on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback or complaint")
        verbose_name_plural = _("feedback and complaints")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-received_at"]),
                   models.Index(fields=["kind", "first_response_at", "response_due_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="complaint", response_due_at__isnull=False)
                | models.Q(kind="feedback", response_due_at__isnull=True),
                name="only_complaints_have_a_response_target"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def is_complaint(self) -> bool:
        return self.kind == FeedbackKind.COMPLAINT

    def is_overdue(self, now=None) -> bool:
        """A complaint without a first response after its target (R-CARE-1)."""
        return (self.response_due_at is not None and self.first_response_at is None
                and self.response_due_at < (now or timezone.now()))


class ExtraSupportStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class ExtraSupportRequest(models.Model):
    """An administrator's request for support outside opening hours, at least five days
    ahead; billable afterwards unless the organisation is First Class. For an outage (an
    incident of the organisation) the window may fall within opening hours and is not
    billable (R-CARE-2)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.CASCADE,
                                     related_name="extra_support_requests")
    requested_by = models.ForeignKey(Contact, verbose_name=_("requested by"),
                                     on_delete=models.CASCADE,
                                     related_name="extra_support_requests")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    description = models.TextField(_("what is happening"))
    outage = models.ForeignKey(Incident, verbose_name=_("outage"), on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="+",
                               help_text=_("The incident of the outage this support is for."))
    billable = models.BooleanField(
        _("billable"),
        help_text=_("Charged afterwards; First Class organisations and outages are not."))
    status = models.CharField(_("status"), max_length=20, choices=ExtraSupportStatus.choices,
                              default=ExtraSupportStatus.REQUESTED)
    staff_note = models.TextField(_("note to the customer"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handled by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("extra support request")
        verbose_name_plural = _("extra support requests")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-starts_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="extra_support_ends_after_start"),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        return f"{self.organisation} {start:%Y-%m-%d %H:%M}"
