"""Courses, their events and material, enrolments with waiting lists, results, and the
starter course each submission profile needs (SPEC §4 R-GATE, §7 R-COURSE)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact, SubmissionProfile
from core.uploads import stored_file_name


class Level(models.TextChoices):
    STARTER = "starter", _("Starter")
    BASIC = "basic", _("Basic")
    ADVANCED = "advanced", _("Advanced")
    EXPERT = "expert", _("Expert")


class Course(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices,
                             default=Level.BASIC)
    description = models.TextField(_("description"), blank=True)
    is_starter = models.BooleanField(
        _("starter course"), default=False,
        help_text=_("A starter course can be required before submitting incidents."),
    )
    is_active = models.BooleanField(_("in the catalogue"), default=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


def material_path(instance: CourseMaterial, filename: str) -> str:
    return f"private/courses/{instance.course_id}/{stored_file_name(filename)}"


class CourseMaterial(models.Model):
    """A file or link for enrolled contacts with EMPLOYEE (R-COURSE-3, R-ROLE-3)."""

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE,
                               related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_path, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("course material")
        verbose_name_plural = _("course material")
        ordering = ["course", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url=""))
                | (~models.Q(file="") & models.Q(url="")),
                name="material_is_a_file_or_a_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Event(models.Model):
    """One run of a course on a date, at a place or online, with a capacity (R-COURSE-1)."""

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE,
                               related_name="events")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    online = models.BooleanField(_("online"), default=False)
    location = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    is_cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gte=models.F("starts_at")),
                                   name="event_ends_after_start"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1),
                                   name="event_has_capacity"),
        ]

    def __str__(self) -> str:
        return f"{self.course.code} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def is_upcoming(self) -> bool:
        return not self.is_cancelled and self.starts_at > timezone.now()


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class CancelledBy(models.TextChoices):
    """Who ended an enrolment, for the staff who read it later."""

    CONTACT = "contact", _("The contact")
    STAFF = "staff", _("Staff")
    # The contact was deleted from the organisation (R-ROLE-18): their places went.
    CONTACT_REMOVED = "contact_removed", _("Removal of the contact")


class Enrolment(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE,
                              related_name="enrolments")
    contact = models.ForeignKey(Contact, verbose_name=_("contact"), on_delete=models.CASCADE,
                                related_name="enrolments")
    status = models.CharField(_("status"), max_length=20, choices=EnrolmentStatus.choices)
    # The waiting list is ordered by the time of enrolling (then id).
    created_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved from the waiting list at"), null=True,
                                       blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.CharField(_("cancelled by"), max_length=20, choices=CancelledBy.choices,
                                    blank=True)
    # The staff member who cancelled it (``CancelledBy.STAFF``).
    cancelled_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cancelled by staff member"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "contact"], condition=~models.Q(status="cancelled"),
                name="one_live_enrolment_per_event",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.contact} – {self.event} ({self.get_status_display()})"


class Result(models.Model):
    """A person's grade for a course, recorded by staff (R-COURSE-2). It belongs to the user,
    so a pass counts in every organisation the person is a contact of (R-GATE-5); ``contact``
    only says through which membership it was recorded."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"),
                             on_delete=models.CASCADE, related_name="course_results")
    contact = models.ForeignKey(Contact, verbose_name=_("recorded for contact"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="results")
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT,
                               related_name="results")
    grade = models.DecimalField(
        _("grade"), max_digits=3, decimal_places=1,
        validators=[MinValueValidator(Decimal("1.0")), MaxValueValidator(Decimal("10.0"))],
    )
    taken_on = models.DateField(_("date"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["-taken_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course", "taken_on"],
                                    name="one_result_per_person_course_and_day"),
            models.CheckConstraint(condition=models.Q(grade__gte=Decimal("1.0"),
                                                      grade__lte=Decimal("10.0")),
                                   name="grade_between_1_and_10"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.course.code}: {self.grade}"

    @property
    def passed(self) -> bool:
        return self.grade >= settings.COURSE_PASSING_GRADE


class StarterCourseRequirement(models.Model):
    """Which starter course a submission profile needs before submitting (R-GATE-3)."""

    submission_profile = models.CharField(_("submission profile"), max_length=20,
                                          choices=SubmissionProfile.choices, unique=True)
    course = models.ForeignKey(Course, verbose_name=_("starter course"),
                               on_delete=models.PROTECT, limit_choices_to={"is_starter": True},
                               related_name="required_for")

    class Meta:
        verbose_name = _("starter course per submission profile")
        verbose_name_plural = _("starter courses per submission profile")
        ordering = ["submission_profile"]

    def __str__(self) -> str:
        return f"{self.get_submission_profile_display()}: {self.course}"
