"""Endpoints made directly (no SSRF check: tests choose their own addresses)."""

from __future__ import annotations

from webhooks.actions import new_secret
from webhooks.models import Endpoint, EventType


def make_endpoint(organisation, url: str = "https://hooks.example.com/portal", *,
                  events: list[str] | None = None, **fields) -> Endpoint:
    return Endpoint.objects.create(organisation=organisation, url=url,
                                   events=events if events is not None else list(EventType.values),
                                   secret=new_secret(), **fields)
