"""One-click unsubscribe links (RFC 8058), one mechanism for every kind of email that has
them (release news R-UPD-4, incident emails R-MAIL-6).

A link carries a signed token that names a contact and the choice to switch off. It does not
expire: an unsubscribe link must keep working for as long as the email is kept. The token is
the proof, with no login and no session, so the page answers mail providers' one-click POST
without a CSRF token; GET only asks. Each app keeps its own salt, payload key and choices
(links already sent keep working) and reads its own contact; this module imports no domain
app."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation


class InvalidUnsubscribeLink(Exception):
    """The link was altered or cut off, names an unknown choice, or its contact is gone."""


def sign(*, salt: str, key: str, contact_id: int, choice: str) -> str:
    return signing.dumps({"contact": contact_id, key: choice}, salt=salt)


def read(token: str, *, salt: str, key: str, choices: Collection[str]) -> tuple[int, str]:
    """The contact's id and the choice of a token, or InvalidUnsubscribeLink."""
    try:
        payload = signing.loads(token, salt=salt)
        contact_id, choice = int(payload["contact"]), str(payload[key])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvalidUnsubscribeLink from None
    if choice not in choices:
        raise InvalidUnsubscribeLink
    return contact_id, choice


def page(request: HttpRequest, token: str, *, read_token: Callable[[str], tuple[Any, str]],
         switch_off: Callable[[Any, str], object], url_name: str, template: str,
         context: Callable[[Any, str], dict[str, object]]) -> HttpResponse:
    """The unsubscribe page: GET asks for confirmation and changes nothing, POST switches
    the choice off and shows the page again; a bad link is a 400 that says so. The page
    speaks the language of the email that carried the link (the contact's)."""
    try:
        contact, choice = read_token(token)
    except InvalidUnsubscribeLink:
        return render(request, "unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        switch_off(contact, choice)
        return redirect(url_name, token=token)
    with translation.override(contact.language):
        response = render(request, template, context(contact, choice))
    response["Content-Language"] = contact.language
    response["X-Robots-Tag"] = "noindex"
    return response
