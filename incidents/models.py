"""Incidents and the support desk (SPEC §5). For now: the staff-entered closure days of the
support desk (R-INC-5); the opening hours themselves live in ``incidents.hours``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClosureDay(models.Model):
    """A whole day the support desk is closed besides weekends and public holidays (R-INC-5)."""

    date = models.DateField(_("date"), unique=True)
    reason = models.CharField(
        _("reason"), max_length=200,
        help_text=_("Shown to customers on the support page, e.g. “Company day”."),
    )

    class Meta:
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}"
