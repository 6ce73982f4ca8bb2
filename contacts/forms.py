from __future__ import annotations

from collections.abc import Callable
from typing import cast

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
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


# Issue 15: above this many colleagues a select helps nobody choose and costs 50 ms and
# 100 KiB to render (1,000 contacts); the person types the colleague's email address instead.
COLLEAGUE_CHOICES = 100
StrOrPromise = str | Promise


def colleague_label(contact: Contact) -> str:
    name = contact.user.get_full_name()
    return f"{name} ({contact.user.email})" if name else contact.user.email


class ColleagueField(forms.Field):
    """One of ``candidates`` (a query of contacts with their users), set by the form: a
    select of them when there are at most ``COLLEAGUE_CHOICES``, else an email address that
    must be one of theirs. Either way one query to show the form; anyone else is "not one of
    the choices", never an error page (R-X-2)."""

    default_error_messages = {
        "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"],
        "unknown_email": _("%(email)s is not one of the colleagues you can choose here."),
    }

    def __init__(self, *, empty_label: StrOrPromise,
                 describe: Callable[[Contact], str] = colleague_label, **kwargs) -> None:
        super().__init__(**kwargs)
        self.empty_label, self.describe = empty_label, describe
        self.candidates: QuerySet[Contact] = Contact.objects.none()
        self.shown: dict[str, Contact] | None = {}
        self.current: Contact | None = None

    def set_candidates(self, candidates: QuerySet[Contact], *,
                       current: Contact | None = None) -> None:
        """``current``: the contact the form starts with (its user loaded), shown by address
        when the address is typed."""
        self.candidates, self.current = candidates, current
        rows = list(candidates[:COLLEAGUE_CHOICES + 1])
        if len(rows) <= COLLEAGUE_CHOICES:
            self.shown = {str(contact.pk): contact for contact in rows}
            self.widget = forms.Select(choices=[("", self.empty_label)] + [
                (pk, self.describe(contact)) for pk, contact in self.shown.items()])
        else:
            self.shown = None
            self.widget = forms.EmailInput(attrs={"autocomplete": "off"})
            self.help_text = _("Type your colleague's email address.")
        self.widget.is_required = self.required

    def prepare_value(self, value: object) -> object:
        if (self.shown is None and self.current is not None
                and str(value) == str(self.current.pk)):
            return self.current.user.email
        return value

    def to_python(self, value: object) -> Contact | None:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if self.shown is not None:
            contact = self.shown.get(text)
            if contact is None:
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice")
            return contact
        contact = self.candidates.filter(user__email__iexact=text).first()
        if contact is None:
            raise ValidationError(self.error_messages["unknown_email"], code="unknown_email",
                                  params={"email": text[:254]})
        return contact


def invoice_contact_label(contact: Contact) -> str:
    return f"{contact.user} <{contact.user.email}>"


class OrganisationForm(forms.ModelForm):
    """``invoice_contact``: the stored one, its user loaded (the instance is changed by an
    invalid POST, so the view reads it separately)."""

    invoice_contact = ColleagueField(label=capfirst(Organisation._meta.get_field(
                                         "invoice_contact").verbose_name), required=False,
                                     empty_label="---------", describe=invoice_contact_label)

    class Meta:
        model = Organisation
        formfield_callback = limited_text_formfield
        fields = ["name", "street", "postal_code", "city", "country", "phone", "email",
                  "invoice_contact", "require_mfa"]

    def __init__(self, *args, invoice_contact: Contact | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        contacts = (Contact.objects.filter(organisation=self.instance, is_active=True,
                                           removed_at__isnull=True)
                    .select_related("user").order_by("user__last_name", "user__email"))
        field = cast(ColleagueField, self.fields["invoice_contact"])
        field.set_candidates(contacts, current=invoice_contact)
        field.help_text = (_("Receives the digital invoices.") if field.shown is not None else
                           _("Receives the digital invoices. Type the contact's email address."))
