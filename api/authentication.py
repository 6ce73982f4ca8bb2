"""How an API request says who it is (R-API-1): a personal access token in
``Authorization: Bearer kp_…``, or the browser's session with its CSRF token.

A token acts as its contact in the organisation chosen when it was made: authentication sets
``request.portal`` as ``ActiveContactMiddleware`` does for a page, so ``can(contact, …)`` and
the scoped queries work unchanged. A revoked or expired token, one of a deactivated login, or
of a contact no longer active in that organisation answers 401."""
# DRF and drf-spectacular ship no type information (no stubs among the dependencies):

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from contacts.middleware import PortalContext
from incidents.queries import is_active_contact

from .actions import mark_used
from .models import AccessToken
from .queries import token_for

INVALID = _("The token is invalid, expired or revoked.")


class AccessTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[object, AccessToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(INVALID)
        token = token_for(header[1])
        now = timezone.now()
        if token is None or not token.is_usable(now) or not token.user.is_active:
            raise exceptions.AuthenticationFailed(INVALID)
        contact = token.contact
        if contact is None:
            if not token.user.is_staff:  # a staff token of someone who is staff no more
                raise exceptions.AuthenticationFailed(INVALID)
            portal = PortalContext()
        else:
            # An ex-contact (deactivated, removed, organisation closed) has no token any more.
            if not is_active_contact(contact):
                raise exceptions.AuthenticationFailed(INVALID)
            portal = PortalContext(contact=contact, contacts=[contact])
            translation.activate(contact.language)
            request._request.LANGUAGE_CODE = contact.language
        request._request.portal = portal
        mark_used(token=token, now=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class PortalSessionAuthentication(authentication.SessionAuthentication):
    """The browser's login (Swagger UI's "Try it out"), with Django's CSRF check on every
    unsafe method; the active contact is the one the middleware chose for the session."""


class AccessTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.AccessTokenAuthentication"
    name = "accessToken"

    def get_security_definition(self, auto_schema: object) -> dict:
        return {"type": "http", "scheme": "bearer",
                "description": "A personal access token `kp_<prefix>_<secret>` from /profile/."}


class PortalSessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PortalSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: object) -> dict:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
