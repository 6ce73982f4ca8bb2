"""The form of a new personal access token (R-API-1): a name and an expiry date, at most a
year ahead (validation only; ``api.actions`` checks the same again)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.forms import LimitedTextField

from .actions import expiry_refusal

DEFAULT_DAYS = 90


class TokenForm(forms.Form):
    name = LimitedTextField(label=_("Name"), max_length=100,
                            help_text=_("What the token is for, e.g. \"Monitoring script\"."))
    expires_on = forms.DateField(
        label=_("Valid until"),
        # ISO, whatever the language: a date input understands no other format.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("At most one year from today."))

    def __init__(self, *args, today: dt.date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        latest = self.today + dt.timedelta(days=settings.API_TOKEN_MAX_DAYS)
        self.fields["expires_on"].initial = self.today + dt.timedelta(days=DEFAULT_DAYS)
        self.fields["expires_on"].widget.attrs.update({
            "min": (self.today + dt.timedelta(days=1)).isoformat(), "max": latest.isoformat()})

    def clean_expires_on(self) -> dt.date:
        expires_on = self.cleaned_data["expires_on"]
        refusal = expiry_refusal(expires_on, today=self.today)
        latest = self.today + dt.timedelta(days=settings.API_TOKEN_MAX_DAYS)
        if refusal == "past":
            raise forms.ValidationError(_("Choose a date after today."))
        if refusal == "too_late":
            raise forms.ValidationError(
                _("A token is valid for at most one year: choose %(date)s or earlier.")
                % {"date": formats.date_format(latest, "DATE_FORMAT")})
        return expires_on
