from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def euro(amount: Decimal | None) -> str:
    """An amount in euros as the active language writes it: "€ 1.234,56" or "€1,234.56"."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    number = number_format(abs(amount), decimal_pos=2, force_grouping=True)
    return sign + _("€%(amount)s") % {"amount": number}
