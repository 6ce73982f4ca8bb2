"""Form pieces every app uses."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models


class LimitedTextField(forms.CharField):
    """A text with a maximum length that is refused with a message, never cut off. A
    ``maxlength`` attribute makes the browser drop the end of a paste without a word; this
    field renders ``data-maxlength`` instead, which ``static/js/portal.js`` turns into a live
    counter, and the server refuses a longer text with Django's message ("at most … characters
    (it has …)") while the form keeps every character that was typed."""

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if "maxlength" in attrs:
            attrs["data-maxlength"] = attrs.pop("maxlength")
        return attrs


def limited_text_formfield(model_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """``Meta.formfield_callback`` for model forms: plain text columns become
    :class:`LimitedTextField` (e-mail, URL and other special text fields keep their own)."""
    if type(model_field) in (models.CharField, models.TextField) and not model_field.choices:
        kwargs.setdefault("form_class", LimitedTextField)
    return model_field.formfield(**kwargs)
