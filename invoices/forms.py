from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import InvoiceStatus


class InvoiceFilterForm(forms.Form):
    """The status filter above the invoice list (a GET form)."""

    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All invoices")), (InvoiceStatus.OPEN, _("Outstanding")),
                 (InvoiceStatus.PAID, _("Paid"))],
    )

    def chosen_status(self) -> InvoiceStatus | None:
        """The status to filter on; ``None`` for all, also when the value is not one we know."""
        if not self.is_valid() or not self.cleaned_data["status"]:
            return None
        return InvoiceStatus(self.cleaned_data["status"])
