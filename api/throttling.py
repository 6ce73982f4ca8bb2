"""Rate limits of the API (R-API-2): per token (its id), else per login (the session), else
per address; counted in the default cache, shared by the processes in production. A request
over the limit answers 429 with ``Retry-After`` (api.problems)."""
# DRF and drf-spectacular ship no type information (no stubs among the dependencies):

from __future__ import annotations

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from .models import AccessToken


class PerTokenThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self) -> str:
        # Read at every request, so a test (or a setting changed on reload) is obeyed.
        return settings.API_RATE

    def get_cache_key(self, request: Request, view: object) -> str:
        if isinstance(request.auth, AccessToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
