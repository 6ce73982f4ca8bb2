"""Path converters of the incident URLs."""

from __future__ import annotations

from incidents.models import NUMBER_PATTERN


class IncidentNumberConverter:
    """An incident number in a URL (R-INC-10). Anything else matches no URL, so it is a 404
    before a view or the database sees it, and views receive the number as it is stored."""

    regex = NUMBER_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
