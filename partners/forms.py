from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation

SEARCH_MAX_LENGTH = 100


class PartnerSearchForm(forms.Form):
    """The search box above the public partner page (a GET form)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH,
                        strip=True)

    def search(self) -> str:
        """The words to look for; empty (show all) when the input is not usable."""
        if not self.is_valid():
            return ""
        return self.cleaned_data["q"]


class QuestionForm(forms.Form):
    """A question to the partner managers (R-PART-5)."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("Your question"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 5}))


class PartnerDetailsForm(forms.ModelForm):
    """The partner's website and public contact email on the register (issue 14); the model
    field refuses any address that is not https."""

    class Meta:
        model = Organisation
        fields = ["website", "public_email"]
        help_texts = {
            "website": _("For example https://www.example.nl. Only https:// addresses."),
            "public_email": _("Visitors of the partner page write to this address."),
        }
