from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from updates.notes import notes_summary, render_notes

register = template.Library()


@register.filter
def release_notes(text: str) -> SafeString:
    """Release notes rendered from Markdown and sanitized (R-UPD-1)."""
    return render_notes(text)


@register.filter
def release_summary(text: str) -> str:
    """The start of the release notes as plain text."""
    return notes_summary(text)
