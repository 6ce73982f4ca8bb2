"""Organisations (customers and partners) and contacts: a user's membership of one
organisation, with roles, flags and preferences (SPEC §1, §2)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import OrganisationKind, Role
from core.validators import HttpsURLField

ROLE_FIELDS: dict[Role, str] = {
    Role.EMPLOYEE: "is_employee",
    Role.ADMINISTRATOR: "is_administrator",
    Role.SUBMIT_INCIDENTS: "can_submit_incidents",
    Role.VIEW_INCIDENTS: "can_view_incidents",
}


class ServiceLevel(models.TextChoices):
    STANDARD = "standard", _("Standard")
    FIRST_CLASS = "first_class", _("First Class")


class Segment(models.TextChoices):
    BUSINESS_SERVICES = "business_services", _("Business services")
    CARE = "care", _("Healthcare")
    EDUCATION = "education", _("Education")
    GOVERNMENT = "government", _("Government")
    INDUSTRY = "industry", _("Industry")
    RETAIL = "retail", _("Retail and wholesale")
    NON_PROFIT = "non_profit", _("Non-profit")
    SOFTWARE = "software", _("Software and IT")


class SubmissionProfile(models.TextChoices):
    """Instuurprofiel: decides which starter course a new submitter needs (R-GATE)."""

    FINANCE = "finance", _("Finance")
    HRM_PAYROLL = "hrm_payroll", _("HRM/Payroll")
    CRM = "crm", _("CRM")
    PROJECTS = "projects", _("Projects")


# The submission profile a new contact gets by default, from the organisation's segment
# (R-GATE-4); the administrator can always choose another.
SEGMENT_DEFAULT_PROFILE: dict[str, str] = {
    Segment.BUSINESS_SERVICES: SubmissionProfile.FINANCE,
    Segment.CARE: SubmissionProfile.HRM_PAYROLL,
    Segment.EDUCATION: SubmissionProfile.HRM_PAYROLL,
    Segment.GOVERNMENT: SubmissionProfile.FINANCE,
    Segment.INDUSTRY: SubmissionProfile.PROJECTS,
    Segment.RETAIL: SubmissionProfile.FINANCE,
    Segment.NON_PROFIT: SubmissionProfile.FINANCE,
    Segment.SOFTWARE: SubmissionProfile.PROJECTS,
}


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices,
        default=OrganisationKind.CUSTOMER,
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True, default="Nederland")
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("general email address"), blank=True)
    segment = models.CharField(_("segment"), max_length=30, choices=Segment.choices, blank=True)
    employee_count = models.PositiveIntegerField(_("number of employees"), default=0)
    service_level = models.CharField(
        _("service level"), max_length=20, choices=ServiceLevel.choices,
        default=ServiceLevel.STANDARD,
    )
    invoice_contact = models.ForeignKey(
        "contacts.Contact",
        verbose_name=_("contact for digital invoices"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Submitter seats (R-QUOTA): the override is staff's; the maximum is the nightly recount's.
    submitter_seats_override = models.PositiveIntegerField(
        _("submitter seats (override)"), null=True, blank=True,
        help_text=_("Leave empty to use the allowance rules."),
    )
    submitter_seats_max = models.PositiveIntegerField(
        _("submitter seats (last computed)"), null=True, blank=True, editable=False
    )
    submitter_seats_computed_at = models.DateTimeField(
        _("submitter seats computed at"), null=True, blank=True, editable=False
    )
    seat_shortage_notified_at = models.DateTimeField(
        _("administrators told about too few seats at"), null=True, blank=True, editable=False
    )
    # Issue 14: a partner's entry on the public register (/partners/ and the Help Center).
    # They belong to the partner, not to each integration: one partner has several
    # integrations and one website and address to reach it. The general email above is not
    # published: only what the partner chose to show here is. Database defaults as well, so
    # rows written by older code (or an older migration state) get "none".
    website = HttpsURLField(
        _("website"), blank=True, db_default="",
        help_text=_("Shown on the public partner page. Only https:// addresses."))
    public_email = models.EmailField(
        _("public contact email"), blank=True, db_default="",
        help_text=_("Shown on the public partner page for visitors who want to get in touch."))
    # R-X-7: the administrators may require a second factor of every contact. A database
    # default as well, so rows written by older code (or an older migration state) get "off".
    require_mfa = models.BooleanField(
        _("require two-factor authentication"), default=False, db_default=False,
        help_text=_("Every contact sets up an authenticator app before using the portal."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="contacts",
    )
    # Roles (SPEC §2): they combine freely; no role at all is valid.
    is_employee = models.BooleanField(_("employee"), default=False)
    is_administrator = models.BooleanField(_("administrator"), default=False)
    can_submit_incidents = models.BooleanField(_("submit incidents"), default=False)
    can_view_incidents = models.BooleanField(_("view incidents"), default=False)
    # Flags. Certified-expert status is the vendor's fact (R-QUOTA-7): staff record it with
    # the certificate's date and expiry, or it follows from a passed expert course; the nightly
    # recount ends it after the expiry. Customer administrators only see it.
    certified_expert = models.BooleanField(
        _("certified expert"), default=False,
        help_text=_("An AFAS Expert with the role Submit incidents does not take a seat."),
    )
    expert_certified_on = models.DateField(_("expert certificate date"), null=True, blank=True)
    expert_certified_until = models.DateField(_("expert certificate valid until"), null=True,
                                              blank=True)
    submission_profile = models.CharField(
        _("submission profile"), max_length=20, choices=SubmissionProfile.choices, blank=True
    )
    # When the contact got SUBMIT_INCIDENTS (administrators see since when a seat holder is
    # blocked by the starter course, R-GATE-5); None while they do not have it.
    submitter_since = models.DateTimeField(_("submits incidents since"), null=True, blank=True)
    # Preferences (R-ROLE-1).
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    application_management = models.BooleanField(
        _("role in the organisation: application management"),
        default=False,
        help_text=_("You receive important notices about the software proactively."),
    )
    release_news = models.BooleanField(
        _("Tips & Tricks / New in the product"),
        default=False,
        help_text=_("You receive an email when a new release is published."),
    )
    # Which incident emails the contact wants (R-MAIL-6), per organisation: everything, one
    # by one, unless they choose otherwise on their profile or unsubscribe from an email.
    notify_status = models.BooleanField(
        _("status changes"), default=True, db_default=True,
        help_text=_("An email when the status of an incident you handle or follow changes."))
    notify_replies = models.BooleanField(
        _("replies from support"), default=True, db_default=True,
        help_text=_("An email with each public reply of support on an incident you handle or "
                    "follow."))
    notify_new_incidents = models.BooleanField(
        _("new incidents in my organisation"), default=True, db_default=True,
        help_text=_("An email when a colleague submits an incident."))
    daily_digest = models.BooleanField(
        _("one daily digest instead of single emails"), default=False, db_default=False,
        help_text=_("The emails you chose above come together in one email each morning."))
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # R-ROLE-18: a contact the administrators deleted. The row stays (inactive) so the
    # incidents they reported keep their reporter, shown as a former contact; the person may
    # be added again later as a new contact.
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    # R-X-6: when the person last worked in this organisation (switched to it, chose it, or
    # used it as their active one): at login the most recent one becomes active again.
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True,
                                        editable=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="contact_unique_user_org",
                                    condition=models.Q(removed_at__isnull=True)),
            models.CheckConstraint(
                condition=models.Q(certified_expert=False)
                | models.Q(expert_certified_on__isnull=False,
                           expert_certified_until__isnull=False),
                name="contact_expert_has_certificate_dates"),
            models.CheckConstraint(
                condition=models.Q(removed_at__isnull=True) | models.Q(is_active=False),
                name="contact_removed_is_inactive"),
        ]
        indexes = [
            models.Index(fields=["organisation", "is_active", "is_administrator"]),
            # Seat holders (R-QUOTA-1), counted live and by the nightly recount.
            models.Index(fields=["organisation"], name="contact_seat_holders",
                         condition=models.Q(is_active=True, can_submit_incidents=True,
                                            certified_expert=False)),
        ]

    def __str__(self) -> str:
        if self.removed_at is not None:
            return f"{_('former contact')} ({self.organisation})"
        return f"{self.user} ({self.organisation})"

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(role for role, field in ROLE_FIELDS.items() if getattr(self, field))

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Invitation(models.Model):
    """A pending membership (R-X-6): an administrator invited an email address to join the
    organisation with these roles. It gives no access at all; only when the person accepts
    does it become a ``Contact`` (and the row goes). Until then the organisation sees only
    ``email`` (the address typed) and the state, never who the person is.

    It is a model of its own rather than a Contact with a state, so that no query of any app
    that lists or counts contacts can ever include someone who has not consented: a pending
    membership is simply not a contact. With the role Submit incidents it reserves a
    submitter seat (``contacts.seats``) until it is accepted, declined or withdrawn."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="invitations",
    )
    # The person (created for an address that had no login yet: ``created_user``). Never
    # shown to the organisation.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("email address"))
    is_employee = models.BooleanField(_("employee"), default=False)
    is_administrator = models.BooleanField(_("administrator"), default=False)
    can_submit_incidents = models.BooleanField(_("submit incidents"), default=False)
    can_view_incidents = models.BooleanField(_("view incidents"), default=False)
    submission_profile = models.CharField(
        _("submission profile"), max_length=20, choices=SubmissionProfile.choices, blank=True
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    # The language of the invitation email to a new person and of their contact.
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    created_user = models.BooleanField(
        _("login created for this invitation"), default=False, editable=False,
        help_text=_("The address had no login yet: choosing a password accepts."),
    )
    invited_by = models.ForeignKey(
        "contacts.Contact", verbose_name=_("invited by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    sent_at = models.DateTimeField(_("last sent at"), default=timezone.now)
    # The person saw it in the portal (shown once after login); the organisation never sees it.
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True, editable=False)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["organisation__name", "email"]
        constraints = [
            # One invitation per person and organisation; inviting again after a decline
            # replaces the declined one.
            models.UniqueConstraint(fields=["organisation", "user"],
                                    name="invitation_unique_user_org"),
        ]
        indexes = [
            # Reserved submitter seats (R-X-6, R-QUOTA-1), counted live with the holders.
            models.Index(fields=["organisation"], name="invitation_reserved_seats",
                         condition=models.Q(can_submit_incidents=True,
                                            declined_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.organisation})"

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(role for role, field in ROLE_FIELDS.items() if getattr(self, field))

    @property
    def is_pending(self) -> bool:
        return self.declined_at is None


class SeatAllowanceRule(models.Model):
    """(segment or any, employee-count range) → submitter seats (R-QUOTA-2)."""

    segment = models.CharField(
        _("segment"), max_length=30, choices=Segment.choices, blank=True,
        help_text=_("Leave empty for any segment; a rule for the segment itself wins."),
    )
    min_employees = models.PositiveIntegerField(_("from number of employees"), default=0)
    max_employees = models.PositiveIntegerField(
        _("up to and including number of employees"), null=True, blank=True,
        help_text=_("Leave empty for no upper limit."),
    )
    seats = models.PositiveIntegerField(_("submitter seats"))

    class Meta:
        verbose_name = _("seat allowance rule")
        verbose_name_plural = _("seat allowance rules")
        ordering = ["segment", "min_employees"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_employees__isnull=True)
                | models.Q(max_employees__gte=models.F("min_employees")),
                name="seat_rule_range_is_ordered",
            ),
        ]

    def __str__(self) -> str:
        segment = self.get_segment_display() if self.segment else _("any segment")
        upper = self.max_employees if self.max_employees is not None else "…"
        return f"{segment}, {self.min_employees}–{upper}: {self.seats}"


class OrganisationCheck(models.Model):
    """A request to an organisation's administrators to check its details (R-CARE-3),
    and the one-click "still correct" confirmation when it comes."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="checks",
    )
    period = models.CharField(_("period"), max_length=7, help_text="YYYY-MM")
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("organisation details check")
        verbose_name_plural = _("organisation details checks")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "period"], name="one_check_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period}"


# R-ROLE-17: roles, flags and organisation details are kept in the audit trail.
auditlog.register(Contact, include_fields=[
    *ROLE_FIELDS.values(), "certified_expert", "expert_certified_on", "expert_certified_until",
    "submission_profile", "job_title", "is_active", "removed_at",
])
# R-X-6: who invited, resent, withdrew; the person's accept or decline.
auditlog.register(Invitation, include_fields=[
    *ROLE_FIELDS.values(), "submission_profile", "job_title", "sent_at", "declined_at",
])
auditlog.register(Organisation, include_fields=[
    "name", "street", "postal_code", "city", "country", "phone", "email", "invoice_contact",
    "segment", "employee_count", "service_level", "submitter_seats_override", "is_active",
    "require_mfa", "website", "public_email",
])
