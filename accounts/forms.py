from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from contacts.models import Contact
from core.forms import limited_text_formfield


class PersonalDetailsForm(forms.ModelForm):
    class Meta:
        model = User
        formfield_callback = limited_text_formfield
        fields = ["first_name", "last_name", "phone"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        allowed = set("+0123456789 -()")
        if phone and (not set(phone) <= allowed or sum(ch.isdigit() for ch in phone) < 6):
            raise forms.ValidationError(
                _("Enter a phone number with at least 6 digits, e.g. +31 20 123 4567.")
            )
        return phone


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = Contact
        formfield_callback = limited_text_formfield
        fields = ["job_title", "language", "application_management", "release_news"]
