"""Forms of webhooks: validation only (R-HOOK-1, R-X-2)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EventType
from .ssrf import NameNotResolved, TargetRefused, check_url, private_targets_allowed


class EndpointForm(forms.Form):
    url = forms.URLField(label=_("Address (URL)"), max_length=500, assume_scheme="https",
                         help_text=_("An https address of your own system that receives the "
                                     "events as a signed POST request."))
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    events = forms.MultipleChoiceField(label=_("Events"), choices=EventType.choices,
                                       widget=forms.CheckboxSelectMultiple,
                                       error_messages={"required": _("Choose at least one "
                                                                     "event.")})

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        if not private_targets_allowed() and not url.lower().startswith("https://"):
            raise forms.ValidationError(_("Use an https address."))
        try:
            check_url(url)
        except NameNotResolved as refused:
            raise forms.ValidationError(_("This host name does not exist: check the "
                                          "address.")) from refused
        except TargetRefused as refused:
            raise forms.ValidationError(
                _("This address cannot receive webhooks: it must be reachable on the public "
                  "internet, not on a private network or this server.")) from refused
        return url
