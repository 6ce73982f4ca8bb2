from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from contacts.models import ROLE_FIELDS, Contact, Organisation, SeatAllowanceRule

CONTACT_ROLE_FIELDS = tuple(ROLE_FIELDS.values())


class ContactForm(forms.ModelForm):
    """A contact is one user's membership of one organisation: once it exists, neither
    changes (staff who may change contacts could otherwise take over a customer's login or
    move it to another organisation). New contacts choose both."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for name in ("user", "organisation"):
                if name in self.fields:
                    self.fields[name].disabled = True


class ContactInline(admin.TabularInline):
    model = Contact
    form = ContactForm
    extra = 0
    autocomplete_fields = ["user"]
    fields = ("user", *CONTACT_ROLE_FIELDS, "certified_expert", "submission_profile", "is_active")
    show_change_link = True


class ContactOfUserInline(admin.TabularInline):
    model = Contact
    form = ContactForm
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ("organisation", *CONTACT_ROLE_FIELDS, "certified_expert", "is_active")
    show_change_link = True
    verbose_name_plural = _("contacts (memberships of organisations)")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "segment", "employee_count", "service_level",
                    "submitter_seats_max", "submitter_seats_override", "is_active"]
    readonly_fields = ["submitter_seats_max", "submitter_seats_computed_at",
                       "seat_shortage_notified_at"]
    list_filter = ["kind", "service_level", "segment", "is_active"]
    search_fields = ["name", "city", "postal_code", "email"]
    autocomplete_fields = ["invoice_contact"]
    inlines = [ContactInline]
    fieldsets = (
        (None, {"fields": ("name", "kind", "service_level", "is_active")}),
        (_("Address"), {"fields": ("street", "postal_code", "city", "country")}),
        (_("Contact details"), {"fields": ("phone", "email", "invoice_contact")}),
        (_("Size"), {"fields": ("segment", "employee_count")}),
        (_("Submitter seats"), {"fields": ("submitter_seats_override", "submitter_seats_max",
                                           "submitter_seats_computed_at",
                                           "seat_shortage_notified_at")}),
    )


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    form = ContactForm
    list_display = ["user", "organisation", *CONTACT_ROLE_FIELDS, "certified_expert",
                    "is_active", "created_at"]
    list_filter = [*CONTACT_ROLE_FIELDS, "certified_expert", "is_active", "submission_profile",
                   "organisation__kind"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]
    date_hierarchy = "created_at"
    fieldsets = (
        (None, {"fields": ("user", "organisation", "is_active", "created_at")}),
        (_("Roles"), {"fields": CONTACT_ROLE_FIELDS}),
        (_("Flags"), {"fields": ("certified_expert", "submission_profile", "job_title")}),
        (_("Preferences"), {"fields": ("language", "application_management", "release_news")}),
    )


@admin.register(SeatAllowanceRule)
class SeatAllowanceRuleAdmin(admin.ModelAdmin):
    """R-QUOTA-2: the most specific matching rule wins; the nightly recount applies them."""

    list_display = ["__str__", "segment", "min_employees", "max_employees", "seats"]
    list_filter = ["segment"]
    ordering = ["segment", "min_employees"]
