"""Organisations and contacts in the admin. Staff facts with rules attached go through
``contacts.actions``: the seat override (R-QUOTA-2/6) and certified-expert status with its
certificate dates (R-QUOTA-7)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.roles import OrganisationKind
from accounts.staff import staff_member
from contacts import actions
from contacts.models import ROLE_FIELDS, Contact, Invitation, Organisation, SeatAllowanceRule
from contacts.queries import ACTIVE_ADMINISTRATOR
from contacts.seats import over_maximum

CONTACT_ROLE_FIELDS = tuple(ROLE_FIELDS.values())
EXPERT_FIELDS = ("certified_expert", "expert_certified_on", "expert_certified_until")


class ContactForm(forms.ModelForm):
    """A contact is one user's membership of one organisation: once it exists, neither
    changes (staff who may change contacts could otherwise take over a customer's login or
    move it to another organisation). New contacts choose both. Expert status needs the
    certificate's date and expiry (R-QUOTA-7)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for name in ("user", "organisation"):
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("certified_expert"):
            since, until = data.get("expert_certified_on"), data.get("expert_certified_until")
            if since is None or until is None:
                raise forms.ValidationError(_("A certified expert needs the certificate's date "
                                              "and the date it is valid until."))
            if until < since:
                self.add_error("expert_certified_until",
                               _("The certificate cannot expire before its date."))
        return data


class ContactInline(admin.TabularInline):
    model = Contact
    form = ContactForm
    extra = 0
    autocomplete_fields = ["user"]
    fields = ("user", *CONTACT_ROLE_FIELDS, "certified_expert", "submission_profile", "is_active")
    # Expert status is recorded on the contact's own page, with its certificate dates.
    readonly_fields = ("certified_expert",)
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Contact]:
        return super().get_queryset(request).filter(removed_at__isnull=True)


class ContactOfUserInline(admin.TabularInline):
    model = Contact
    form = ContactForm
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ("organisation", *CONTACT_ROLE_FIELDS, "certified_expert", "is_active")
    readonly_fields = ("certified_expert",)
    show_change_link = True
    verbose_name_plural = _("contacts (memberships of organisations)")


class SeatShortageFilter(admin.SimpleListFilter):
    """R-QUOTA-6: organisations with more seat holders than seats, and the ones among them
    nobody at the organisation can act on (no active administrator)."""

    title = _("submitter seats")
    parameter_name = "seats"

    def lookups(self, request, model_admin):
        return [("over", _("Over seat maximum")),
                ("over_no_admin", _("Over seat maximum, no administrator"))]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() not in ("over", "over_no_admin"):
            return queryset
        short = queryset.filter(pk__in=over_maximum(Organisation.objects.all()).values("pk"))
        if self.value() == "over_no_admin":
            administrators = Contact.objects.filter(ACTIVE_ADMINISTRATOR,
                                                    organisation=OuterRef("pk"))
            short = short.exclude(Exists(administrators))
        return short


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "segment", "employee_count", "service_level",
                    "submitter_seats_max", "submitter_seats_override", "is_active"]
    # The organisation's administrators decide whether their contacts need a second factor
    # (R-X-7); staff see it.
    readonly_fields = ["submitter_seats_max", "submitter_seats_computed_at",
                       "seat_shortage_notified_at", "require_mfa"]
    list_filter = [SeatShortageFilter, "kind", "service_level", "segment", "is_active"]
    search_fields = ["name", "city", "postal_code", "email"]
    autocomplete_fields = ["invoice_contact"]
    inlines = [ContactInline]
    fieldsets = (
        (None, {"fields": ("name", "kind", "service_level", "is_active")}),
        (_("Address"), {"fields": ("street", "postal_code", "city", "country")}),
        (_("Contact details"), {"fields": ("phone", "email", "invoice_contact")}),
        (_("Security"), {"fields": ("require_mfa",)}),
        (_("Size"), {"fields": ("segment", "employee_count")}),
        (_("Submitter seats"), {"fields": ("submitter_seats_override", "submitter_seats_max",
                                           "submitter_seats_computed_at",
                                           "seat_shortage_notified_at")}),
    )
    # Issue 14: what the public register shows of a partner; Partner management keeps it
    # here, the partner's administrators on /partner/details/.
    partner_fieldset = (_("Public partner page"), {
        "fields": ("website", "public_email"),
        "description": _("Shown beside the partner's listed integrations on the public "
                         "partner page and in the Help Center."),
    })

    def get_fieldsets(self, request: HttpRequest, obj: Organisation | None = None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.kind == OrganisationKind.PARTNER:
            return [*fieldsets[:3], self.partner_fieldset, *fieldsets[3:]]
        return fieldsets

    def save_model(self, request: HttpRequest, obj: Organisation, form, change) -> None:
        """A changed override (or size) goes through ``set_seat_override``: the maximum is
        recomputed at once and a shortage is told now, not at 02:00 (R-QUOTA-6)."""
        seat_fields = {"submitter_seats_override", "segment", "employee_count"}
        if not (change and seat_fields & set(form.changed_data)):
            super().save_model(request, obj, form, change)
            return
        override = obj.submitter_seats_override
        obj.submitter_seats_override = form.initial.get("submitter_seats_override")
        super().save_model(request, obj, form, change)
        try:
            actions.set_seat_override(actor=staff_member(request), organisation=obj, seats=override)
        except PermissionDenied:
            messages.error(request, _("You may not change the submitter seats."))
        obj.refresh_from_db()


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    form = ContactForm
    list_display = ["user", "organisation", *CONTACT_ROLE_FIELDS, "certified_expert",
                    "expert_certified_until", "is_active", "created_at"]
    list_filter = [*CONTACT_ROLE_FIELDS, "certified_expert", "is_active", "submission_profile",
                   "organisation__kind"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]
    date_hierarchy = "created_at"
    readonly_fields = ["removed_at"]
    fieldsets = (
        (None, {"fields": ("user", "organisation", "is_active", "created_at", "removed_at")}),
        (_("Roles"), {"fields": CONTACT_ROLE_FIELDS}),
        (_("Certified expert"), {
            "fields": EXPERT_FIELDS,
            "description": _("Recorded by AFAS: a certified expert with the role Submit "
                             "incidents takes no seat until the certificate expires."),
        }),
        (_("Flags"), {"fields": ("submission_profile", "job_title")}),
        (_("Preferences"), {"fields": ("language", "application_management", "release_news")}),
    )

    def save_model(self, request: HttpRequest, obj: Contact, form, change) -> None:
        """Expert status goes through the actions, which recount the seats at once."""
        expert = {field: getattr(obj, field) for field in EXPERT_FIELDS}
        if change and any(field in form.changed_data for field in EXPERT_FIELDS):
            for field in EXPERT_FIELDS:
                setattr(obj, field, form.initial.get(field))
        elif not change and expert["certified_expert"]:
            obj.certified_expert = False  # recorded by the action below, with its checks
            obj.expert_certified_on = obj.expert_certified_until = None
        super().save_model(request, obj, form, change)
        changed = obj.certified_expert != expert["certified_expert"] or any(
            getattr(obj, field) != expert[field] for field in EXPERT_FIELDS[1:])
        if not changed:
            return
        try:
            if expert["certified_expert"]:
                actions.record_expert_certificate(
                    actor=staff_member(request), contact=obj,
                    certified_on=expert["expert_certified_on"],
                    valid_until=expert["expert_certified_until"])
            else:
                actions.end_expert_certificate(actor=staff_member(request), contact=obj)
        except PermissionDenied:
            messages.error(request, _("You may not change certified-expert status."))
        obj.refresh_from_db()


@admin.register(SeatAllowanceRule)
class SeatAllowanceRuleAdmin(admin.ModelAdmin):
    """R-QUOTA-2: the most specific matching rule wins; the nightly recount applies them."""

    list_display = ["__str__", "segment", "min_employees", "max_employees", "seats"]
    list_filter = ["segment"]
    ordering = ["segment", "min_employees"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Pending invitations to join an organisation (R-X-6): staff look, the person decides."""

    list_display = ["email", "organisation", "invited_at", "declined_at", "can_submit_incidents"]
    list_filter = [("declined_at", admin.EmptyFieldListFilter), "can_submit_incidents"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return [field.name for field in Invitation._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
