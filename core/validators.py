"""Validators for uploaded files, shared by every app that stores them (invoices, partner
agreements and quickscan reports, …)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
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
