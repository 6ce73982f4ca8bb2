from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
