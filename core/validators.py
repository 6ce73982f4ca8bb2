"""Validators for uploaded files, shared by every app that stores them (invoices, partner
agreements and quickscan reports, …), and for the web addresses the portal shows to others."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_pdf(file) -> None:
    """Refuse uploads that do not start like a PDF, whatever their name says."""
    if getattr(file, "_committed", False):
        return  # already stored: it was checked when it was uploaded
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    header = file.read(5)
    file.seek(position)
    if header != b"%PDF-":
        raise ValidationError(_("This file is not a PDF."), code="not_pdf")


# Web addresses the portal shows to others (the public partner register, issue 14) link only
# to secure sites: an "http://" address is refused with a message that says why.
validate_https_url = URLValidator(
    schemes=["https"], code="https_only",
    message=_("Enter a full web address that starts with https://, e.g. https://www.example.nl."),
)


class HttpsURLField(models.URLField):
    """A web address that must use https (``validate_https_url``). Its form field reads
    "www.example.nl" as "https://www.example.nl", so the common way of typing it passes."""

    default_validators = [validate_https_url]

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"assume_scheme": "https", **kwargs})
