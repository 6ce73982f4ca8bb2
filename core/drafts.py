"""What was typed survives a login (issue 14).

When a session has expired, the reply, incident or complaint someone sends arrives without a
user: the page's guard sends them to the login page. Before it does, ``login_redirect``
keeps the typed text in the (anonymous) session, keyed by the page the form was on, and
sends them back to that page, never to a POST-only address that would answer 405. Django's
login keeps an anonymous session's data, so after logging in the page finds the draft
(``take_draft``) and fills the form with it. Only text travels: files cannot be kept in a
session, and the notice says to add them again. Drafts are small, few and short-lived.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

SESSION_KEY = "portal_drafts"
# Longer texts than the forms accept are not kept: the form would refuse them anyway.
MAX_DRAFT_CHARACTERS = 60_000
MAX_DRAFTS = 5
DRAFT_LIFETIME = dt.timedelta(hours=2)
NOT_KEPT = frozenset({"csrfmiddlewaretoken", "password"})


def _return_path(request: HttpRequest) -> str:
    """The page the form was on: the referring page of this site, else the form's own URL."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()},
                                                   request.is_secure()):
        parsed = urlparse(referer)
        return parsed.path + (f"?{parsed.query}" if parsed.query else "")
    return request.path


def _keep(request: HttpRequest, page: str) -> None:
    fields: dict[str, str | list[str]] = {}
    for name, values in request.POST.lists():
        if name in NOT_KEPT:
            continue
        fields[name] = values if len(values) > 1 else values[0]
    size = sum(len(value) if isinstance(value, str) else sum(map(len, value))
               for value in fields.values())
    if not fields or size > MAX_DRAFT_CHARACTERS:
        return
    drafts = dict(request.session.get(SESSION_KEY, {}))
    drafts.pop(page, None)
    drafts[page] = {"fields": fields, "files": bool(request.FILES),
                    "at": timezone.now().isoformat()}
    request.session[SESSION_KEY] = dict(list(drafts.items())[-MAX_DRAFTS:])


def login_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """To the login page, and afterwards back to the page: for a POST, the page its form was
    on, with what was typed kept for it."""
    if request.method != "POST":
        return redirect_to_login(request.get_full_path())
    page = _return_path(request)
    _keep(request, urlparse(page).path)
    return redirect_to_login(page)


def take_draft(request: HttpRequest, form_class: type[forms.Form]) -> dict[str, object]:
    """The text kept for this page before a login, as ``initial`` for ``form_class`` (only
    its fields), and a notice that says so; empty when there is none. A draft is given once."""
    drafts = request.session.get(SESSION_KEY)
    if not drafts or request.path not in drafts:
        return {}
    drafts = dict(drafts)
    entry = drafts.pop(request.path)
    request.session[SESSION_KEY] = drafts
    try:
        fresh = timezone.now() - dt.datetime.fromisoformat(entry["at"]) <= DRAFT_LIFETIME
    except (KeyError, TypeError, ValueError):
        return {}
    initial = {name: value for name, value in entry.get("fields", {}).items()
               if name in form_class.base_fields}
    if not fresh or not initial:
        return {}
    notice = _("You had to log in again: what you typed is back in the form. Check it and "
               "send it again.")
    if entry.get("files"):
        notice += " " + _("Files cannot be kept: add your attachments again.")
    messages.info(request, notice)
    return initial
