from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Level


class CatalogueFilterForm(forms.Form):
    """The level filter above the catalogue (a GET form)."""

    level = forms.ChoiceField(label=_("Level"), required=False,
                              choices=[("", _("All levels")), *Level.choices])

    def chosen_level(self) -> Level | None:
        """The level to filter on; ``None`` for all, also when the value is not one we know."""
        if not self.is_valid() or not self.cleaned_data["level"]:
            return None
        return Level(self.cleaned_data["level"])
