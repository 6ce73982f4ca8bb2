"""Incidents and the support desk (SPEC §5): incidents with their owner, messages,
attachments, status history and hand-overs (R-INC-13), routing to support teams,
remote assistance (grants, one-time support codes with their screen-sharing sessions, backup
permissions), the satisfaction survey, and the desk's opening hours as staff keep
them: weekly schedules and exceptions per date (R-INC-5, R-INC-16; ``incidents.calendar``
reads them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact, Organisation
from core.uploads import DISPLAY_NAME_MAX_CHARS, upload_path

if TYPE_CHECKING:
    from incidents.queries import ThreadPage


WEEKDAY_FIELDS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class OpeningSchedule(models.Model):
    """The support desk's weekly opening hours from ``valid_from`` on (R-INC-16): the
    schedule in force on a day is the one with the latest ``valid_from`` on or before it. A
    weekday without hours is closed."""

    valid_from = models.DateField(
        _("valid from"), unique=True,
        error_messages={"unique": _("A schedule already starts on this date; change that one.")})
    monday_opens = models.TimeField(_("Monday opens"), null=True, blank=True)
    monday_closes = models.TimeField(_("Monday closes"), null=True, blank=True)
    tuesday_opens = models.TimeField(_("Tuesday opens"), null=True, blank=True)
    tuesday_closes = models.TimeField(_("Tuesday closes"), null=True, blank=True)
    wednesday_opens = models.TimeField(_("Wednesday opens"), null=True, blank=True)
    wednesday_closes = models.TimeField(_("Wednesday closes"), null=True, blank=True)
    thursday_opens = models.TimeField(_("Thursday opens"), null=True, blank=True)
    thursday_closes = models.TimeField(_("Thursday closes"), null=True, blank=True)
    friday_opens = models.TimeField(_("Friday opens"), null=True, blank=True)
    friday_closes = models.TimeField(_("Friday closes"), null=True, blank=True)
    saturday_opens = models.TimeField(_("Saturday opens"), null=True, blank=True)
    saturday_closes = models.TimeField(_("Saturday closes"), null=True, blank=True)
    sunday_opens = models.TimeField(_("Sunday opens"), null=True, blank=True)
    sunday_closes = models.TimeField(_("Sunday closes"), null=True, blank=True)

    class Meta:
        verbose_name = _("opening schedule")
        verbose_name_plural = _("opening schedules")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return gettext("Opening hours from %(date)s") % {"date": f"{self.valid_from:%Y-%m-%d}"}

    def hours(self) -> dict[int, tuple[dt.time, dt.time]]:
        """{weekday: (opens, closes)} of the open weekdays (Monday is 0)."""
        week = {}
        for weekday, name in enumerate(WEEKDAY_FIELDS):
            opens, closes = getattr(self, f"{name}_opens"), getattr(self, f"{name}_closes")
            if opens is not None and closes is not None:
                week[weekday] = (opens, closes)
        return week

    def clean(self) -> None:
        errors = {}
        for name in WEEKDAY_FIELDS:
            opens, closes = getattr(self, f"{name}_opens"), getattr(self, f"{name}_closes")
            if (opens is None) != (closes is None):
                errors[f"{name}_closes" if closes is None else f"{name}_opens"] = _(
                    "Give both the opening and the closing time, or neither for a closed day.")
            elif opens is not None and closes <= opens:
                errors[f"{name}_closes"] = _("The closing time must be after the opening time.")
        if errors:
            raise ValidationError(errors)


class OpeningException(models.Model):
    """One date the desk keeps other hours than its schedule (R-INC-5, R-INC-16): closed all
    day (no times; weekends and public holidays need none), or open from ``opens`` to
    ``closes`` — a shorter day or a longer evening."""

    date = models.DateField(
        _("date"), unique=True,
        error_messages={"unique": _(
            "There is already an exception for this date; change that one instead.")})
    reason = models.CharField(
        _("reason"), max_length=200,
        help_text=_("Shown to customers on the support page, e.g. “Company day”."),
    )
    opens = models.TimeField(
        _("opens"), null=True, blank=True,
        help_text=_("Leave both times empty when the desk is closed all day."))
    closes = models.TimeField(_("closes"), null=True, blank=True)

    class Meta:
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}"

    @property
    def closed(self) -> bool:
        return self.opens is None

    def clean(self) -> None:
        if (self.opens is None) != (self.closes is None):
            raise ValidationError({"closes" if self.closes is None else "opens": _(
                "Give both the opening and the closing time, or neither when the desk is "
                "closed all day.")})
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": _(
                "The closing time must be after the opening time.")})


class IncidentType(models.TextChoices):
    FAULT = "fault", _("Fault")
    OUTAGE = "outage", _("Outage")
    WISH = "wish", _("Wish")
    QUESTION = "question", _("Question")


class ProductArea(models.TextChoices):
    FINANCE = "finance", _("Finance")
    HRM_PAYROLL = "hrm_payroll", _("HRM/Payroll")
    CRM = "crm", _("CRM")
    PROJECTS = "projects", _("Projects")
    ONLINE = "online", _("Online environment")
    OTHER = "other", _("Other")


class Environment(models.TextChoices):
    PRODUCTION = "production", _("Production")
    TEST = "test", _("Test")


class Channel(models.TextChoices):
    """How an incident came in (R-MAIL-3): staff see it in the admin."""

    WEB = "web", _("Portal")
    EMAIL = "email", _("Email")


class Status(models.TextChoices):
    """R-INC-6: submitted → in progress ⇄ waiting for customer → resolved → closed."""

    SUBMITTED = "submitted", _("Submitted")
    IN_PROGRESS = "in_progress", _("In progress")
    # What staff see; customer pages and emails say "Waiting for you" to the owner and
    # "Waiting for the reporter" to everyone else (``customer_status_label``, R-INC-14).
    WAITING = "waiting", _("Waiting for the customer")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


def customer_status_label(status: str, *, for_owner: bool) -> str:
    """The name of a status on a customer page or in an email: only the owner, who is the one
    to answer, reads "Waiting for you" (R-INC-14)."""
    if status == Status.WAITING:
        return str(_("Waiting for you") if for_owner else _("Waiting for the reporter"))
    return str(Status(status).label)


class ChangeReason(models.TextChoices):
    """Why a status changed, when it was not support's call (R-INC-14, R-INC-15)."""

    SOLVED_BY_CUSTOMER = "solved_by_customer", _("Marked solved by the customer")
    WITHDRAWN = "withdrawn", _("Withdrawn by the customer")
    NO_ANSWER = "no_answer", _("Resolved automatically: no answer from the customer")
    REOPEN_PERIOD_OVER = "reopen_period_over", _("Closed automatically: the period to "
                                                 "reopen it has ended")


# Statuses in which the SLA clock runs (R-INC-4); "waiting for customer" pauses it.
CLOCK_RUNNING = (Status.SUBMITTED, Status.IN_PROGRESS)
OPEN_STATUSES = (Status.SUBMITTED, Status.IN_PROGRESS, Status.WAITING)


class Priority(models.IntegerChoices):
    P1 = 1, _("1 – production-disrupting (First Class)")
    P2 = 2, _("2 – production-disrupting")
    P3 = 3, _("3 – not production-disrupting")
    P4 = 4, _("4 – informative question")
    P5 = 5, _("5 – wish")


class SupportTeam(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("support team")
        verbose_name_plural = _("support teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Incidents of a product area (and type, or any type) go to a team (R-INC-3)."""

    product_area = models.CharField(_("product area"), max_length=20, choices=ProductArea.choices)
    incident_type = models.CharField(
        _("type"), max_length=20, choices=IncidentType.choices, blank=True,
        help_text=_("Leave empty for every type of this product area."),
    )
    team = models.ForeignKey(SupportTeam, verbose_name=_("team"), on_delete=models.CASCADE,
                             related_name="routing_rules")

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["product_area", "incident_type"]
        constraints = [models.UniqueConstraint(fields=["product_area", "incident_type"],
                                               name="routing_rule_unique")]

    def __str__(self) -> str:
        kind = self.get_incident_type_display() or _("any type")
        return f"{self.get_product_area_display()} / {kind} → {self.team}"


# What an incident number looks like (R-INC-1, R-INC-10): eight digits, read out on the
# phone and typed into forms, URLs and the admin's search.
NUMBER_PATTERN = "[0-9]{8}"


class Incident(models.Model):
    number = models.CharField(_("number"), max_length=8, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="incidents")
    # Who submitted it: never changes. The owner is who can reply and gets the emails; an
    # administrator can hand the incident over to another contact (R-INC-13).
    reporter = models.ForeignKey(Contact, verbose_name=_("reporter"), on_delete=models.PROTECT,
                                 related_name="incidents")
    owner = models.ForeignKey(Contact, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="owned_incidents")
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    incident_type = models.CharField(_("type"), max_length=20, choices=IncidentType.choices)
    product_area = models.CharField(_("product area"), max_length=20, choices=ProductArea.choices)
    environment = models.CharField(_("environment"), max_length=20, choices=Environment.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.SUBMITTED)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices,
                                                null=True, blank=True)
    team = models.ForeignKey(SupportTeam, verbose_name=_("team"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="incidents")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assignee"),
                                 on_delete=models.SET_NULL, null=True, blank=True,
                                 limit_choices_to={"is_staff": True},
                                 related_name="assigned_incidents")
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    # Issue 14/15: the moment of the last public message or status change (the submission's
    # own to start with), what a customer calls "last activity"; internal notes are not
    # (R-INC-8). Kept by the actions that write them (empty: the submission's moment), so the
    # dashboard counts the incidents with news from an index instead of every message.
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True,
                                            editable=False)
    # The SLA clock (R-INC-4): the target and the moment 75% of its working time is used,
    # both moved on by the working time spent waiting for the customer.
    target_at = models.DateTimeField(_("target"), null=True, blank=True)
    at_risk_at = models.DateTimeField(_("at risk from"), null=True, blank=True)
    paused_since = models.DateTimeField(_("waiting for the customer since"), null=True,
                                        blank=True)
    paused_working_time = models.DurationField(_("working time waiting for the customer"),
                                               default=dt.timedelta)
    # R-INC-14: the owner was reminded during the current wait (cleared when it ends).
    waiting_reminded_at = models.DateTimeField(_("reminded of the wait at"), null=True,
                                               blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices,
                               default=Channel.WEB)

    # Only on an incident loaded by ``queries.incident_thread`` (the detail page's lists).
    thread: ThreadPage  # the newest public messages (issue 15)
    history: list[StatusChange]
    handovers: list[OwnerChange]
    grants: list[RemoteAccessGrant]
    codes: list[SupportCode]
    sessions: list[RemoteSession]
    backups: list[BackupPermission]
    all_followers: list[Follower]  # R-MAIL-5: removed ones too, for the history
    current_followers: list[Follower]
    timeline: list[StatusChange | OwnerChange | RemoteStep | FollowerStep]

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # Issue 15: in the list's order (-created_at, -pk), so a page's ids and the count
            # are read from the index alone (incidents.views.incident_list, NarrowPaginator).
            models.Index(fields=["organisation", "-created_at", "-id"],
                         include=["last_activity_at"], name="incident_org_newest"),
            # Issue 15: the dashboard's counts by status and past target, from the index.
            models.Index(fields=["organisation", "status", "target_at"],
                         name="incident_org_status"),
            models.Index(fields=["reporter", "-created_at"]),
            models.Index(fields=["owner", "-created_at"]),
            models.Index(fields=["status", "target_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(priority__isnull=True)
                                   | Q(priority__gte=1, priority__lte=5),
                                   name="incident_priority_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_paused(self) -> bool:
        return self.status == Status.WAITING

    @property
    def waiting_since(self) -> dt.datetime | None:
        """When the current wait for the customer began (only submitted and in progress lead
        to waiting, so the clock stopped exactly then), or None when not waiting."""
        return self.paused_since if self.status == Status.WAITING else None


class BusyNotice(models.Model):
    """Support announces it is exceptionally busy, for one product area or all (R-INC-17):
    from ``starts_at`` until it is ended, or by itself at its expected end. The support
    page and the incident form show it while it holds; the open P4 incidents in its scope
    get one message and one email that their target may not be met (``Message.busy_notice``
    keeps it to one per incident)."""

    product_area = models.CharField(
        _("product area"), max_length=20, choices=ProductArea.choices, blank=True,
        help_text=_("Leave empty when Support as a whole is exceptionally busy."))
    message = models.TextField(
        _("message"), blank=True,
        help_text=_("Optional: shown to customers with the notice and in the messages on "
                    "priority 4 incidents."))
    starts_at = models.DateTimeField(_("starts at"), default=timezone.now, editable=False)
    expected_end = models.DateTimeField(
        _("expected end"),
        help_text=_("The notice ends by itself at this moment; change it to extend it."))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("busyness notice")
        verbose_name_plural = _("busyness notices")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["ended_at", "expected_end"])]

    def __str__(self) -> str:
        area = self.get_product_area_display() or gettext("all product areas")
        return gettext("Exceptionally busy (%(area)s) from %(date)s") % {
            "area": area, "date": f"{timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"}

    def is_active(self, at: dt.datetime) -> bool:
        return (self.starts_at <= at < self.expected_end
                and (self.ended_at is None or at < self.ended_at))

    def covers(self, product_area: str) -> bool:
        return not self.product_area or self.product_area == product_area

    def clean(self) -> None:
        if self.expected_end is not None and self.expected_end <= timezone.now():
            raise ValidationError({"expected_end": _("The expected end must be in the future.")})


def active_busy_notices(at: dt.datetime) -> Q:
    """The notices that hold at ``at`` (R-INC-17)."""
    return (Q(starts_at__lte=at, expected_end__gt=at)
            & (Q(ended_at__isnull=True) | Q(ended_at__gt=at)))


class MessageKind(models.TextChoices):
    CUSTOMER = "customer", _("Reply from the customer")
    PUBLIC = "public", _("Reply from support")
    INTERNAL = "internal", _("Internal note")
    # Written by the portal itself, e.g. when a wait ends without an answer (R-INC-14).
    PORTAL = "portal", _("Message from the portal")


class PublicMessageManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().exclude(kind=MessageKind.INTERNAL)


class Message(models.Model):
    """A reply on an incident; internal notes never reach the customer (R-INC-8)."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="messages")
    kind = models.CharField(_("kind"), max_length=20, choices=MessageKind.choices)
    author_contact = models.ForeignKey(Contact, verbose_name=_("contact"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    author_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("support staff"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # The portal's message that the target may not be met: one per incident and notice.
    busy_notice = models.ForeignKey(BusyNotice, verbose_name=_("busyness notice"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")

    objects = models.Manager()
    public = PublicMessageManager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        base_manager_name = "objects"
        constraints = [models.UniqueConstraint(
            fields=["incident", "busy_notice"], condition=Q(busy_notice__isnull=False),
            name="message_one_per_busy_notice")]
        # Issue 15: a thread's pages by time (incidents.queries.thread_page).
        indexes = [models.Index(fields=["incident", "created_at", "id"], name="message_thread")]

    def __str__(self) -> str:
        return f"{self.incident.number}: {self.get_kind_display()}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random folder: the stored name reveals nothing and never collides; the stored name
    # is short and safe (core.uploads), the name as uploaded is kept in ``name``.
    # MEDIA_ROOT is outside the static root (R-INC-9).
    return upload_path("private/incidents", filename)


class Attachment(models.Model):
    """A file on an incident, served only through an access-checked view (R-INC-9)."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="attachments")
    message = models.ForeignKey(Message, verbose_name=_("message"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=DISPLAY_NAME_MAX_CHARS)
    size = models.PositiveIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(Contact, verbose_name=_("uploaded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name


class StatusChange(models.Model):
    """Who changed the status, when, from what to what (R-INC-6)."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    by_contact = models.ForeignKey(Contact, verbose_name=_("by contact"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    by_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by support staff"),
                                null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    reason = models.CharField(_("reason"), max_length=30, choices=ChangeReason.choices,
                              blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    # The incident's history shows status and owner changes in one list.
    is_owner_change = False
    is_remote_step = False

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.incident.number}: {self.from_status or '–'} → {self.to_status}"


class OwnerChange(models.Model):
    """An administrator handed the incident over to another contact (R-INC-13)."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="owner_changes")
    from_owner = models.ForeignKey(Contact, verbose_name=_("from"), on_delete=models.PROTECT,
                                   related_name="+")
    to_owner = models.ForeignKey(Contact, verbose_name=_("to"), on_delete=models.PROTECT,
                                 related_name="+")
    by_contact = models.ForeignKey(Contact, verbose_name=_("by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    is_owner_change = True
    is_remote_step = False

    class Meta:
        verbose_name = _("owner change")
        verbose_name_plural = _("owner changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.incident.number}: {self.from_owner_id} → {self.to_owner_id}"


class RemoteStepKind(models.TextChoices):
    """A step of remote assistance in the incident's history (R-INC-11), read from the
    timestamps of the grant, code, session and backup-permission rows."""

    ACCESS_REQUESTED = "access_requested", _("Support asked for access to your environment")
    ACCESS_GRANTED = "access_granted", _("Access granted to support")
    ACCESS_REVOKED = "access_revoked", _("Access for support ended")
    ACCESS_EXPIRED = "access_expired", _("Access for support expired")
    CODE_CREATED = "code_created", _("Support created a one-time support code")
    CODE_LOCKED = "code_locked", _("Support code refused after too many wrong tries")
    SESSION_STARTED = "session_started", _("Screen-sharing session started")
    SESSION_ENDED = "session_ended", _("Screen-sharing session ended")
    BACKUP_REQUESTED = "backup_requested", _("Support asked for permission to request a backup")
    BACKUP_GRANTED = "backup_granted", _("Permission to request a backup granted")
    BACKUP_REVOKED = "backup_revoked", _("Permission to request a backup revoked")
    BACKUP_EXPIRED = "backup_expired", _("Permission to request a backup expired")


@dataclass(frozen=True)
class RemoteStep:
    """One line of remote assistance in the history: what, when, and who (a contact, a
    staff member, or neither for an expiry)."""

    kind: str
    at: dt.datetime
    by_contact: Contact | None = None
    by_user: AbstractBaseUser | None = None
    detail: str = ""  # the reason of a request, the level of access
    until: dt.datetime | None = None  # a grant's or code's expiry
    with_user: AbstractBaseUser | None = None  # the engineer of a session

    is_owner_change = False
    is_remote_step = True

    @property
    def label(self) -> str:
        return str(RemoteStepKind(self.kind).label)


class AccessLevel(models.TextChoices):
    """How far support may go in the customer's environment (R-INC-11)."""

    SCREEN = "screen", _("Watch my screen")
    READ = "read", _("Log in as a read-only user")
    WRITE = "write", _("Log in as a user who may change data")


class CustomerPermission(models.Model):
    """What a customer allows support on one incident until ``expires_at`` (R-INC-11):
    support may ask first (``requested_*``), the customer grants it and may revoke it.
    Temporary user access (way a) and backup permission (way c) are such permissions."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_at = models.DateTimeField(_("requested at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    granted_by = models.ForeignKey(Contact, verbose_name=_("granted by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(_("granted at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(Contact, verbose_name=_("revoked by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True

    def is_active(self, now: dt.datetime) -> bool:
        return (self.granted_at is not None and self.revoked_at is None
                and self.expires_at is not None and now < self.expires_at)

    @property
    def is_pending(self) -> bool:
        return self.granted_at is None and self.revoked_at is None


class RemoteAccessGrant(CustomerPermission):
    """Support asks for access; the customer grants it with a level and expiry, and may
    revoke it (R-INC-11)."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="access_grants")
    level = models.CharField(_("access level"), max_length=20, choices=AccessLevel.choices,
                             blank=True)

    class Meta:
        verbose_name = _("remote-access grant")
        verbose_name_plural = _("remote-access grants")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.incident.number}: {self.get_level_display() or _('requested')}"


class SupportCode(models.Model):
    """A one-time code a support engineer reads out to the customer to start a screen-sharing
    session (R-INC-11, way b): 6 digits, kept only as a keyed hash, valid for
    ``SUPPORT_CODE_MINUTES``, used once, dead after ``SUPPORT_CODE_TRIES`` wrong tries."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="support_codes")
    # salted_hmac of the incident and the digits (``incidents.remote.hash_code``): the
    # database never holds the code itself.
    code_hash = models.CharField(_("code (hashed)"), max_length=64, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    failed_tries = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    locked_at = models.DateTimeField(_("refused after wrong tries at"), null=True, blank=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("support code")
        verbose_name_plural = _("support codes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return gettext("Support code for %(number)s") % {"number": self.incident.number}

    def is_live(self, now: dt.datetime) -> bool:
        return self.used_at is None and self.locked_at is None and now < self.expires_at

    def state(self, now: dt.datetime) -> str:
        if self.used_at is not None:
            return gettext("used")
        if self.locked_at is not None:
            return gettext("refused after wrong tries")
        return gettext("valid") if now < self.expires_at else gettext("expired")


class RemoteSession(models.Model):
    """A screen-sharing session the customer started with a support code (R-INC-11): who
    confirmed it, with which engineer, from when to when."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="remote_sessions")
    code = models.OneToOneField(SupportCode, verbose_name=_("support code"),
                                on_delete=models.RESTRICT, related_name="session")
    engineer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("engineer"),
                                 null=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_by = models.ForeignKey(Contact, verbose_name=_("confirmed by"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by_contact = models.ForeignKey(Contact, verbose_name=_("ended by contact"),
                                         null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    ended_by_user = models.ForeignKey(settings.AUTH_USER_MODEL,
                                      verbose_name=_("ended by support staff"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("screen-sharing session")
        verbose_name_plural = _("screen-sharing sessions")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return gettext("Session on %(number)s") % {"number": self.incident.number}

    @property
    def is_running(self) -> bool:
        return self.ended_at is None


class BackupPermission(CustomerPermission):
    """The customer allows support to request a backup of their environment for this
    incident until ``expires_at`` (R-INC-11, way c); support may ask first, the customer may
    revoke it."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="backup_permissions")

    class Meta:
        verbose_name = _("backup permission")
        verbose_name_plural = _("backup permissions")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return gettext("Backup permission for %(number)s") % {"number": self.incident.number}

    def state(self, now: dt.datetime) -> str:
        if ran_out_at(self, now) is not None:
            return gettext("expired")
        if self.revoked_at is not None:
            return gettext("revoked") if self.granted_at else gettext("declined")
        return gettext("active") if self.granted_at else gettext("requested")


def ran_out_at(permit: CustomerPermission,
               now: dt.datetime) -> dt.datetime | None:
    """When a granted access or backup permission expired, if it ran out by ``now`` before
    anyone revoked it; None otherwise (R-INC-11)."""
    expires_at = permit.expires_at if permit.granted_at is not None else None
    if expires_at is not None and expires_at <= now and (
            permit.revoked_at is None or expires_at <= permit.revoked_at):
        return expires_at
    return None


class SatisfactionSurvey(models.Model):
    """One question after resolution: 1–5 and a comment; staff see the results."""

    incident = models.OneToOneField(Incident, verbose_name=_("incident"),
                                    on_delete=models.CASCADE, related_name="survey")
    contact = models.ForeignKey(Contact, verbose_name=_("contact"), null=True,
                                on_delete=models.SET_NULL, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-answered_at"]
        constraints = [models.CheckConstraint(condition=Q(score__gte=1, score__lte=5),
                                              name="survey_score_1_to_5")]

    def __str__(self) -> str:
        return f"{self.incident.number}: {self.score}"


class IncidentVisit(models.Model):
    """When a contact last opened an incident (issue 14): the incident list marks the ones
    with public replies or status changes since, per contact (stored, not a cookie)."""

    contact = models.ForeignKey(Contact, verbose_name=_("contact"), on_delete=models.CASCADE,
                                related_name="+")
    incident = models.ForeignKey(Incident, verbose_name=_("incident"),
                                 on_delete=models.CASCADE, related_name="visits")
    seen_at = models.DateTimeField(_("last opened at"))

    class Meta:
        verbose_name = _("incident visit")
        verbose_name_plural = _("incident visits")
        constraints = [models.UniqueConstraint(fields=["contact", "incident"],
                                               name="one_visit_per_contact_and_incident")]

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.contact_id}"


class Follower(models.Model):
    """A colleague who follows an incident (R-MAIL-5): they read it and get its status and
    reply emails. Added by the reporter or owner, or by themselves (administrators and
    viewers); a removal keeps the row (``removed_at``), so the history shows both."""

    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="followers")
    contact = models.ForeignKey(Contact, verbose_name=_("follower"), on_delete=models.CASCADE,
                                related_name="+")
    added_by = models.ForeignKey(Contact, verbose_name=_("added by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    removed_by = models.ForeignKey(Contact, verbose_name=_("removed by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        ordering = ["added_at", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["incident", "contact"], condition=Q(removed_at__isnull=True),
            name="one_current_follow_per_contact_and_incident")]

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.contact_id}"


@dataclass(frozen=True)
class FollowerStep:
    """A follower added or removed, as the incident's history shows it (R-MAIL-5)."""

    added: bool
    at: dt.datetime
    contact: Contact
    by_contact: Contact | None

    is_owner_change = False
    is_remote_step = False
    is_follower_step = True

    @property
    def by_themselves(self) -> bool:
        return self.by_contact is not None and self.by_contact.pk == self.contact.pk


class NotificationKind(models.TextChoices):
    """What an incident email is about, as a contact chooses to get it (R-MAIL-6)."""

    STATUS = "status", _("status changes")
    REPLY = "reply", _("replies from support")
    NEW_INCIDENT = "new_incident", _("new incidents in my organisation")


class DigestEntry(models.Model):
    """An incident email a contact chose to get in the daily digest instead (R-MAIL-6): kept
    until the digest of the next morning takes it (``sent_on``)."""

    contact = models.ForeignKey(Contact, verbose_name=_("contact"), on_delete=models.CASCADE,
                                related_name="+")
    incident = models.ForeignKey(Incident, verbose_name=_("incident"), on_delete=models.CASCADE,
                                 related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    subject = models.CharField(_("subject"), max_length=300)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_on = models.DateField(_("sent in the digest of"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["contact", "created_at"], name="digest_entry_pending",
                                condition=Q(sent_on__isnull=True))]

    def __str__(self) -> str:
        return self.subject


# The email channel (R-MAIL-1 … 4) ---------------------------------------------------------


class InboundOutcome(models.TextChoices):
    REPLY = "reply", _("Posted as a reply")
    NEW_INCIDENT = "new_incident", _("New incident")
    REFUSED = "refused", _("Refused")
    DROPPED = "dropped", _("Dropped: automatic mail")


def inbound_path(instance: InboundEmail, filename: str) -> str:
    # Private like attachments: the original as it came in, for staff only (R-MAIL-1).
    return upload_path("private/inbound", filename)


class InboundEmail(models.Model):
    """One email fetched from the support mailbox, by its Message-ID: written in the same
    transaction as what it did, so the same message fetched twice does it once (R-MAIL-1)."""

    message_id_header = models.CharField(_("Message-ID"), max_length=400, unique=True)
    sender = models.EmailField(_("sender"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("fetched at"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=20, choices=InboundOutcome.choices)
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    # A refusal or confirmation was queued (R-MAIL-4 counts these per sender and hour).
    answered = models.BooleanField(_("answered"), default=False)
    incident = models.ForeignKey(Incident, verbose_name=_("incident"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="inbound_emails")
    message = models.OneToOneField(Message, verbose_name=_("message"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="inbound_email")
    raw = models.FileField(_("original email"), upload_to=inbound_path, max_length=300,
                           blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)

    class Meta:
        verbose_name = _("incoming email")
        verbose_name_plural = _("incoming emails")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["sender", "received_at"])]

    def __str__(self) -> str:
        return f"{self.sender}: {self.subject}"
