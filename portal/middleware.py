"""Request context: the active contact and organisation (SPEC §1) and the language (R-X-1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from contacts.models import Contact, Organisation
from contacts.queries import active_contacts_of

ACTIVE_ORGANISATION_SESSION_KEY = "active_organisation_id"


@dataclass(frozen=True)
class PortalContext:
    """What every view may know about who is asking: set on ``request.portal``."""

    contact: Contact | None = None
    contacts: list[Contact] = field(default_factory=list)

    @property
    def organisation(self) -> Organisation | None:
        return self.contact.organisation if self.contact else None

    @property
    def has_switcher(self) -> bool:
        return len(self.contacts) > 1

    def contact_in(self, organisation_id: object) -> Contact:
        """The user's contact in that organisation; 404 for any other (R-ROLE-14)."""
        for contact in self.contacts:
            if str(contact.organisation_id) == str(organisation_id):
                return contact
        raise Http404


def build_portal_context(request: HttpRequest) -> PortalContext:
    user = request.user
    if not user.is_authenticated:
        return PortalContext()
    contacts = active_contacts_of(user)
    if not contacts:
        return PortalContext()
    wanted = request.session.get(ACTIVE_ORGANISATION_SESSION_KEY)
    active = next((c for c in contacts if c.organisation_id == wanted), contacts[0])
    return PortalContext(contact=active, contacts=contacts)


class ActiveContactMiddleware:
    """Loads the user's active contacts on every request (one query), so a role change
    takes effect on the very next request (R-ROLE-16)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.portal = build_portal_context(request)  # type: ignore[attr-defined]
        return self.get_response(request)


def language_for(request: HttpRequest) -> str:
    """The active contact's preference, else the visitor's choice (cookie), else Dutch."""
    supported = {code for code, _name in settings.LANGUAGES}
    contact = request.portal.contact  # type: ignore[attr-defined]
    if contact is not None and contact.language in supported:
        return contact.language
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in supported:
        return chosen
    return settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Replaces Django's LocaleMiddleware: Dutch is the default whatever the browser says."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
