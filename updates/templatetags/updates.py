from __future__ import annotations

from django import template
from django.utils import translation
from django.utils.safestring import SafeString

from updates.models import Release
from updates.notes import notes_summary, render_notes

register = template.Library()


@register.filter
def release_notes(text: str) -> SafeString:
    """Release notes rendered from Markdown and sanitized (R-UPD-1)."""
    return render_notes(text)


@register.filter
def release_summary(release: Release) -> str:
    """The start of the release's notes as plain text, in the page's language when the
    notes exist in it (issue 14)."""
    text, _language = release.notes_in(translation.get_language())
    return notes_summary(text)
