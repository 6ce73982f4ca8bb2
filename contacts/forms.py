from __future__ import annotations

from typing import cast

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.forms import LimitedTextField, limited_text_formfield

from .actions import ContactChanges
from .models import ROLE_FIELDS, SEGMENT_DEFAULT_PROFILE, Contact, Organisation, SubmissionProfile


class ContactFilter(django_filters.FilterSet):
    """Search and filters of "My contacts"."""

    q = django_filters.CharFilter(label=_("Search"), method="search",
                                  widget=forms.TextInput(attrs={"type": "search"}))
    role = django_filters.ChoiceFilter(
        label=_("Role"), method="with_role", empty_label=_("Any role"),
        choices=[*Role.choices, ("none", _("No role"))],
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), method="with_status", empty_label=_("Active and inactive"),
        choices=[("active", _("Active")), ("inactive", _("Inactive"))],
    )

    class Meta:
        model = Contact
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(user__email__icontains=word)
                                       | Q(user__first_name__icontains=word)
                                       | Q(user__last_name__icontains=word)
                                       | Q(job_title__icontains=word))
        return queryset

    def with_role(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "none":
            return queryset.filter(**{field: False for field in ROLE_FIELDS.values()})
        return queryset.filter(**{ROLE_FIELDS[Role(value)]: True})

    def with_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_active=value == "active")


class ContactRolesForm(forms.Form):
    """What an administrator sets for a contact: roles, submission profile and job title.
    Certified-expert status is not here: it is the vendor's fact (R-QUOTA-7), shown read only;
    a POST that carries it anyway changes nothing."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Administrators manage contacts and the organisation; submitting incidents "
                    "takes one of the organisation's seats, unless the contact is a certified "
                    "expert."),
    )
    submission_profile = forms.ChoiceField(
        label=_("Submission profile"), required=False,
        choices=[("", "—"), *SubmissionProfile.choices],
    )
    job_title = LimitedTextField(label=_("Job title"), max_length=100, required=False)

    def __init__(self, *args, gated: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.gated = gated  # whether the starter-course gate applies to this contact
        self.fields["submission_profile"].help_text = (
            _("Decides which starter course the contact needs before submitting incidents; "
              "required with the role Submit incidents.") if gated else
            _("Decides which starter course the contact is advised to take."))

    @classmethod
    def for_contact(cls, contact: Contact, data=None) -> ContactRolesForm:
        from courses.gate import gate_applies_to

        return cls(data, gated=gate_applies_to(contact), initial={
            "roles": [role.value for role in contact.roles],
            "submission_profile": contact.submission_profile,
            "job_title": contact.job_title,
        })

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if (self.gated and Role.SUBMIT_INCIDENTS.value in data.get("roles", [])
                and not data.get("submission_profile")
                and "submission_profile" not in self.errors):
            self.add_error("submission_profile", PROFILE_REQUIRED)
        return data

    def changes(self) -> ContactChanges:
        data = self.cleaned_data
        return ContactChanges(roles=frozenset(Role(value) for value in data["roles"]),
                              submission_profile=data["submission_profile"],
                              job_title=data["job_title"].strip())


PROFILE_REQUIRED = _("Choose a submission profile: it decides which starter course this contact "
                     "needs before they can submit incidents.")


class InviteContactForm(ContactRolesForm):
    email = forms.EmailField(label=_("Email address"),
                             widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    first_name = LimitedTextField(label=_("First name"), max_length=150)
    last_name = LimitedTextField(label=_("Last name"), max_length=150)
    field_order = ["email", "first_name", "last_name", "job_title", "roles",
                   "submission_profile"]

    @classmethod
    def for_organisation(cls, organisation: Organisation, data=None) -> InviteContactForm:
        """A new contact is created today, so the gate applies; the profile defaults to the
        one that fits the organisation's segment (R-GATE-4)."""
        return cls(data, gated=timezone.localdate() >= settings.SUBMIT_COURSE_GATE_FROM,
                   initial={"submission_profile": SEGMENT_DEFAULT_PROFILE.get(
                       organisation.segment, "")})


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Contact) -> str:
        return f"{obj.user} <{obj.user.email}>"


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        formfield_callback = limited_text_formfield
        fields = ["name", "street", "postal_code", "city", "country", "phone", "email",
                  "invoice_contact", "require_mfa"]
        field_classes = {"invoice_contact": ContactChoiceField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        contacts = (Contact.objects.filter(organisation=self.instance, is_active=True,
                                           removed_at__isnull=True)
                    .select_related("user").order_by("user__last_name", "user__email"))
        field = cast(ContactChoiceField, self.fields["invoice_contact"])
        field.queryset = contacts
        field.help_text = _("Receives the digital invoices.")
