from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .actions import ContactChanges
from .models import ROLE_FIELDS, Contact, Organisation, Role, SubmissionProfile


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
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Administrators manage contacts and the organisation; submitting incidents "
                    "takes one of the organisation's seats, unless the contact is a certified "
                    "expert."),
    )
    certified_expert = forms.BooleanField(
        label=_("Certified expert"), required=False,
        help_text=_("A certified expert with the role Submit incidents does not take a seat."),
    )
    submission_profile = forms.ChoiceField(
        label=_("Submission profile"), required=False,
        choices=[("", "—"), *SubmissionProfile.choices],
    )
    job_title = forms.CharField(label=_("Job title"), max_length=100, required=False)

    @classmethod
    def for_contact(cls, contact: Contact, data=None) -> ContactRolesForm:
        return cls(data, initial={
            "roles": [role.value for role in contact.roles],
            "certified_expert": contact.certified_expert,
            "submission_profile": contact.submission_profile,
            "job_title": contact.job_title,
        })

    def changes(self) -> ContactChanges:
        data = self.cleaned_data
        return ContactChanges(roles=frozenset(Role(value) for value in data["roles"]),
                              certified_expert=data["certified_expert"],
                              submission_profile=data["submission_profile"],
                              job_title=data["job_title"].strip())


class InviteContactForm(ContactRolesForm):
    email = forms.EmailField(label=_("Email address"),
                             widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    field_order = ["email", "first_name", "last_name", "job_title", "roles", "certified_expert",
                   "submission_profile"]


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "street", "postal_code", "city", "country", "phone", "email",
                  "invoice_contact"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        contacts = (Contact.objects.filter(organisation=self.instance, is_active=True)
                    .select_related("user").order_by("user__last_name", "user__email"))
        field = self.fields["invoice_contact"]
        field.queryset = contacts
        field.label_from_instance = lambda contact: f"{contact.user} <{contact.user.email}>"
        field.help_text = _("Receives the digital invoices.")
