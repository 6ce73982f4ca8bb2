from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import VERSION_PATTERN, Kind


@dataclass(frozen=True)
class ReleaseFilter:
    kind: Kind | None = None
    version: str | None = None
    search: str | None = None
    since: str | None = None


class ReleaseFilterForm(forms.Form):
    """The filters above the release list (a GET form, R-UPD-2)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All kinds")), *Kind.choices])
    version = forms.RegexField(label=_("Version"), required=False, max_length=27,
                               regex=VERSION_PATTERN,
                               error_messages={"invalid": _("Give a version such as 6.4.")},
                               help_text=_("This version and everything within it, e.g. 6.4."))
    q = forms.CharField(label=_("Search in the release notes"), required=False, max_length=100)
    since = forms.RegexField(label=_("What changed since version"), required=False,
                             max_length=27, regex=VERSION_PATTERN,
                             error_messages={"invalid": _("Give a version such as 6.3.2.")},
                             help_text=_("Every release after it, oldest first."))

    def chosen(self) -> ReleaseFilter:
        """The valid filters; a field with a bad value is left out (the form shows why)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        text = re.sub(r"\s+", " ", data.get("q") or "").strip()
        return ReleaseFilter(kind=Kind(data["kind"]) if data.get("kind") else None,
                             version=data.get("version") or None,
                             search=text or None,
                             since=data.get("since") or None)
