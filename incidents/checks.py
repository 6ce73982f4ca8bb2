"""System check of the email channel (R-MAIL-1): a support mailbox without a support address
fetches mail that can never be a reply (no email carries a reply address), so every message
would be read as a new incident."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register


@register()
def mailbox_needs_reply_address(app_configs=None, **kwargs) -> list[Warning]:
    if settings.INCIDENT_MAILBOX_URL and not settings.INCIDENT_REPLY_ADDRESS:
        return [Warning("INCIDENT_MAILBOX_URL is set but INCIDENT_REPLY_ADDRESS is empty: "
                        "incident emails carry no reply address, so every fetched email is "
                        "read as a new incident.",
                        hint="Set INCIDENT_REPLY_ADDRESS to the mailbox's address.",
                        id="incidents.W001")]
    return []
