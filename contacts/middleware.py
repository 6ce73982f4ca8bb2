"""Request context: the active contact and organisation (SPEC §1) and the language (R-X-1).

It lives in ``contacts``, not in the kernel (``core``): the context is made of contacts and
their organisations, and the language follows the active contact's preference."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode

from accounts.actions import mark_invitations_seen, remember_organisation
from accounts.models import User
from accounts.permissions import capabilities_of_view
from contacts.models import Contact, Organisation
from contacts.queries import active_contacts_of, has_unseen_invitations, last_used_of

ACTIVE_ORGANISATION_SESSION_KEY = "active_organisation_id"


@dataclass(frozen=True)
class PortalContext:
    """What every view may know about who is asking: set on ``request.portal``."""

    contact: Contact | None = None
    contacts: list[Contact] = field(default_factory=list)
    # Several organisations and none used yet: no active one until the person chooses
    # (R-X-6), never a silent default.
    needs_choice: bool = False

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


# Request types for views and type checkers only: at run time every request is Django's own,
# with ``portal`` set by ``ActiveContactMiddleware``.
class PortalRequest(HttpRequest):
    """Any request past the middleware: the contact may be ``None``."""

    portal: PortalContext


class AuthenticatedRequest(PortalRequest):
    """The request of a view behind ``@login_required``."""

    user: User


class ActivePortal(Protocol):
    """``PortalContext`` as a view behind ``@requires`` sees it: the decorator lets nobody
    through without an active contact."""

    @property
    def contact(self) -> Contact: ...

    @property
    def organisation(self) -> Organisation: ...

    def contact_in(self, organisation_id: object) -> Contact: ...


class ContactRequest(HttpRequest):
    """The request of a view behind ``@requires``: logged in, with an active contact."""

    user: User
    portal: ActivePortal


def build_portal_context(request: HttpRequest) -> PortalContext:
    """The active organisation is the session's; without a valid one, the one the person used
    last (R-X-6); with one organisation, that one; else nobody is active until they choose.
    A person with several organisations who works in one that is not their last used has it
    recorded (one UPDATE when it changes, none otherwise)."""
    user = request.user
    if not user.is_authenticated:
        return PortalContext()
    contacts = active_contacts_of(user)
    if not contacts:
        return PortalContext()
    wanted = request.session.get(ACTIVE_ORGANISATION_SESSION_KEY)
    last_used = last_used_of(contacts)
    active = next((c for c in contacts if c.organisation_id == wanted), last_used)
    if active is None and len(contacts) == 1:
        active = contacts[0]
    if active is None:
        return PortalContext(contacts=contacts, needs_choice=True)
    if len(contacts) > 1 and (last_used is None or last_used.pk != active.pk):
        remember_organisation(contact=active)
    return PortalContext(contact=active, contacts=contacts)


def _needs_contact(request: HttpRequest, view_func: Callable) -> bool:
    """Pages that work on the active organisation: the dashboard and every view that asks
    the role matrix (``accounts.permissions.requires``)."""
    return bool(capabilities_of_view(view_func)) or _url_name(request) == "dashboard"


def _url_name(request: HttpRequest) -> str | None:
    match = request.resolver_match
    return match.url_name if match is not None else None


class ActiveContactMiddleware:
    """Loads the user's active contacts on every request (one query), so a role change
    takes effect on the very next request (R-ROLE-16).

    R-X-6: a person with several organisations and none used yet is sent to the chooser
    before any page that works on an organisation (the header's switcher posts there too);
    a person with invitations they have not seen is shown them once, on the dashboard (where
    a login lands)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: PortalRequest) -> HttpResponse:
        request.portal = build_portal_context(request)
        return self.get_response(request)

    def process_view(self, request: PortalRequest, view_func: Callable, view_args: list,
                     view_kwargs: dict) -> HttpResponse | None:
        portal = request.portal
        if portal.needs_choice and _needs_contact(request, view_func):
            chooser = reverse("choose_organisation")
            if _url_name(request) == "switch_organisation":
                # Choosing in the header is choosing: 307 repeats the POST at the chooser.
                response = HttpResponseRedirect(chooser)
                response.status_code = 307
                return response
            wanted = request.get_full_path() if request.method == "GET" else reverse("dashboard")
            return HttpResponseRedirect(f"{chooser}?{urlencode({'next': wanted})}")
        if (request.method == "GET" and _url_name(request) == "dashboard"
                and request.user.is_authenticated and has_unseen_invitations(request.user)):
            mark_invitations_seen(user=request.user)
            return HttpResponseRedirect(reverse("my_invitations"))
        return None


def language_for(request: PortalRequest) -> str:
    """The active contact's preference, else the visitor's choice (cookie), else Dutch."""
    supported = {code for code, _name in settings.LANGUAGES}
    contact = request.portal.contact
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

    def __call__(self, request: PortalRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
