"""Consultancy (SPEC §12): projects with the vendor, the appointments of its consultants,
the hours booked on a project, and administrators' requests for a visit (R-CONS-1 … 3).

Hours spent and a project's next appointment are not stored: they follow from the bookings
and the appointments (``queries``), so the project page and the chart can never disagree."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact, Organisation

# A consultant is one of the vendor's staff (SPEC §11: consultant@portal.example).
STAFF_ONLY = Q(is_staff=True, is_active=True)
MAX_HOURS_A_DAY = Decimal("24")


class Phase(models.TextChoices):
    INTAKE = "intake", _("Intake")
    DESIGN = "design", _("Design")
    IMPLEMENTATION = "implementation", _("Implementation")
    GO_LIVE = "go_live", _("Go-live")
    AFTERCARE = "aftercare", _("Aftercare")
    COMPLETED = "completed", _("Completed")


class Project(models.Model):
    """A deployment project of the vendor's consultants at an organisation (R-CONS-1)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.CASCADE,
                                     related_name="consultancy_projects")
    name = models.CharField(_("name"), max_length=200)
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("consultant"),
                                   on_delete=models.PROTECT, related_name="+",
                                   limit_choices_to=STAFF_ONLY)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices,
                             default=Phase.INTAKE)
    starts_on = models.DateField(_("start"))
    planned_end_on = models.DateField(_("planned end"))
    budget_hours = models.DecimalField(_("budget (hours)"), max_digits=7, decimal_places=2,
                                       validators=[MinValueValidator(Decimal("0"))])
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "-starts_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(planned_end_on__gte=models.F("starts_on")),
                                   name="project_ends_after_start"),
            models.CheckConstraint(condition=Q(budget_hours__gte=0),
                                   name="project_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation_id else self.name

    def clean(self) -> None:
        if self.starts_on and self.planned_end_on and self.planned_end_on < self.starts_on:
            raise ValidationError({"planned_end_on": _("The planned end is before the start.")})


class AppointmentKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    ONLINE = "online", _("Online session")


def upcoming(now: dt.datetime) -> Q:
    """An appointment that has not ended yet: one in progress is still upcoming (R-CONS-2)."""
    return Q(ends_at__gt=now)


class Appointment(models.Model):
    """A consultant's visit or online session with an organisation, for one of its projects
    or for the organisation as a whole (R-CONS-2)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.CASCADE,
                                     related_name="consultancy_appointments")
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                null=True, blank=True, related_name="appointments",
                                help_text=_("Empty: an appointment with the organisation, "
                                            "not for one project."))
    kind = models.CharField(_("kind"), max_length=20, choices=AppointmentKind.choices)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("consultant"),
                                   on_delete=models.PROTECT, related_name="+",
                                   limit_choices_to=STAFF_ONLY)
    agenda = models.TextField(_("agenda"))

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["organisation", "ends_at"]),
                   models.Index(fields=["project", "ends_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                   name="appointment_ends_after_start"),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at) if self.starts_at else None
        return f"{self.get_kind_display()} {start:%Y-%m-%d %H:%M}" if start else str(
            self.get_kind_display())

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if (self.project is not None and self.organisation_id
                and self.project.organisation_id != self.organisation_id):
            errors["project"] = _("This project is of another organisation.")
        if errors:
            raise ValidationError(errors)


class HoursBooking(models.Model):
    """Hours a consultant worked on a project on one day: in an appointment, preparing it or
    remotely. Their sum is the hours spent; per month they make the project's chart
    (R-CONS-1, R-CONS-2)."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="bookings")
    worked_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0.25")),
                                            MaxValueValidator(MAX_HOURS_A_DAY)])
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("consultant"),
                                   on_delete=models.PROTECT, related_name="+",
                                   limit_choices_to=STAFF_ONLY)
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hours booking")
        verbose_name_plural = _("hours bookings")
        ordering = ["-worked_on", "-pk"]
        indexes = [models.Index(fields=["project", "worked_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=MAX_HOURS_A_DAY),
                                   name="booking_hours_within_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.worked_on} {self.hours}"


class VisitKind(models.TextChoices):
    CONSULTANT = "consultant", _("A consultant's visit")
    ADVISER = "adviser", _("An adviser's visit")


class VisitRequestState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    PLANNED = "planned", _("Planned")
    DECLINED = "declined", _("Declined")


class VisitRequest(models.Model):
    """An administrator asks for a consultant's or an adviser's visit in one of the weeks
    they prefer; staff plan or decline it with an answer (R-CONS-3)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="visit_requests")
    requested_by = models.ForeignKey(Contact, verbose_name=_("requested by"),
                                     on_delete=models.CASCADE, related_name="visit_requests")
    kind = models.CharField(_("kind"), max_length=20, choices=VisitKind.choices)
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="visit_requests")
    subject = models.CharField(_("subject"), max_length=200)
    details = models.TextField(_("details"), blank=True)
    # The Monday of each preferred week, ISO dates ("2026-03-30"), in order.
    preferred_weeks = models.JSONField(_("preferred weeks"), default=list)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    state = models.CharField(_("state"), max_length=20, choices=VisitRequestState.choices,
                             default=VisitRequestState.REQUESTED)
    answer = models.TextField(_("our answer"), blank=True)
    appointment = models.ForeignKey(Appointment, verbose_name=_("appointment"),
                                    on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+",
                                    help_text=_("The appointment made for this visit."))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"),
                                    on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("visit request")
        verbose_name_plural = _("visit requests")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-requested_at"]),
                   models.Index(fields=["state", "requested_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def weeks(self) -> list[dt.date]:
        """The Mondays of the preferred weeks."""
        return [dt.date.fromisoformat(day) for day in self.preferred_weeks]


# Changes by staff and customers are kept in the audit trail (who, when, before, after).
auditlog.register(Project)
auditlog.register(Appointment)
auditlog.register(HoursBooking)
auditlog.register(VisitRequest)
