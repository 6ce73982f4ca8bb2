"""Email, the one way the portal writes it: rendered from templates in the recipient's
language, with links to the portal, sent over one connection.

A template is three files: ``<template>_subject.txt``, ``<template>_body.txt`` and, when it
exists, ``<template>_body.html``. An email whose loss matters is not sent from a request or
an action but returned by an outbox handler (``core.outbox``), which sends it with
``send_all`` and retries it by the one policy of ``core.retry``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def portal_url(path: str) -> str:
    """The absolute address of a path of the portal, for links in emails (which are sent
    outside a request, so the host comes from ``PORTAL_URL``)."""
    return settings.PORTAL_URL + path


def templated_email(template: str, *, to: str, language: str, context: dict,
                    headers: dict[str, str] | None = None, unsubscribe: str | None = None,
                    connection=None) -> EmailMultiAlternatives:
    """One email to ``to``, rendered in ``language`` (not sent). With ``unsubscribe`` (the
    address of a signed one-click link) it carries the RFC 8058 headers and a footer with
    the link (``email/_unsubscribe``), after the template's own text."""
    headers = dict(headers or {})
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body: str = render_to_string(f"{template}_body.txt", context)
        html: str | None
        try:
            html = render_to_string(f"{template}_body.html", context)
        except TemplateDoesNotExist:
            html = None
        if unsubscribe is not None:
            footer = {"unsubscribe": unsubscribe}
            body = (body.rstrip("\n") + "\n\n"
                    + render_to_string("email/_unsubscribe.txt", footer))
            if html is not None:
                html = _before_body_end(html, render_to_string("email/_unsubscribe.html",
                                                               footer))
            headers |= {"List-Unsubscribe": f"<{unsubscribe}>",
                        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    email = EmailMultiAlternatives(subject=subject, body=body, to=[to], headers=headers,
                                   connection=connection)
    if html is not None:
        email.attach_alternative(html, "text/html")
    return email


def _before_body_end(html: str, footer: str) -> str:
    """The footer inside the HTML body, as its last part (or at the end without one)."""
    end = html.lower().rfind("</body>")
    return html + footer if end < 0 else html[:end] + footer + html[end:]


def send_all(messages: Sequence[EmailMessage]) -> int:
    """Send the messages over one connection; a failure raises (the caller's retry policy
    decides what happens next). Returns the number sent."""
    return get_connection().send_messages(list(messages)) or 0
