from __future__ import annotations

from django import template
from django.utils import translation

from updates.models import Release

register = template.Library()


@register.filter
def release_summary(release: Release) -> str:
    """The start of the release's notes as plain text, in the page's language when the
    notes exist in it (issue 14); stored when the release was saved (issue 15)."""
    return release.summary_in(translation.get_language())
