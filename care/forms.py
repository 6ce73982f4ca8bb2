from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import LimitedTextField
from incidents.models import NUMBER_PATTERN

from .models import FeedbackKind

MESSAGE_MAX_LENGTH = 5000
# Extra support is planned at most this far ahead, for a window of at most this long.
PLAN_AHEAD_DAYS = 366
MAX_WINDOW = dt.timedelta(days=7)
INCIDENT_NUMBER = re.compile(rf"#? *({NUMBER_PATTERN})")


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you want to send?"), choices=FeedbackKind.choices,
                             widget=forms.RadioSelect, initial=FeedbackKind.FEEDBACK)
    subject = LimitedTextField(label=_("Subject"), max_length=200)
    message = LimitedTextField(label=_("Message"), max_length=MESSAGE_MAX_LENGTH,
                              widget=forms.Textarea(attrs={"rows": 6}))


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class ExtraSupportForm(forms.Form):
    """The window in Amsterdam time; whether it is far enough ahead, outside opening hours or
    for an outage of the organisation are the action's rules."""

    starts_at = forms.DateTimeField(label=_("From"), widget=DateTimeLocalInput)
    ends_at = forms.DateTimeField(label=_("Until"), widget=DateTimeLocalInput)
    description = LimitedTextField(
        label=_("What is happening, and what support do you need?"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}))
    outage_number = LimitedTextField(
        label=_("Incident number of the outage (only for an outage)"), required=False,
        max_length=20,
        help_text=_("For an outage, extra support can also be given within opening hours, "
                    "and it is not charged."))

    def clean_outage_number(self) -> str | None:
        """Only the form of the number: whether the organisation has that outage is the
        action's rule. Empty is None: not for an outage."""
        value = self.cleaned_data["outage_number"].strip()
        if not value:
            return None
        match = INCIDENT_NUMBER.fullmatch(value)
        if match is None:
            raise forms.ValidationError(_("An incident number has 8 digits, for example "
                                          "12345678."))
        return match.group(1)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and starts > timezone.now() + dt.timedelta(days=PLAN_AHEAD_DAYS):
            self.add_error("starts_at", _("Extra support can be requested up to a year ahead."))
        if starts and ends:
            if ends <= starts:
                self.add_error("ends_at", _("The end must be after the start."))
            elif ends - starts > MAX_WINDOW:
                self.add_error("ends_at", _("A window can last at most 7 days; send a request "
                                            "per window."))
        return cleaned
