"""django-allauth hooks: no public sign-up, and account emails (password reset, email
verification) go through the outbox (R-X-8), so a broker that is down neither loses them nor
makes the request wait.

These emails carry secrets: a password-reset link opens the account. An outbox row stays in
the database and staff see its payload in the admin, so the rendered message is kept there
sealed (Fernet, with a key derived from ``SECRET_KEY``): staff see whom it went to, never the
link. After a key rotation ``SECRET_KEY_FALLBACKS`` still open waiting rows; a row no key opens
is skipped, since the links in it were signed with a key that no longer counts either."""

from __future__ import annotations

import base64
import json
import logging
import re
import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from core.outbox import enqueue, outbox_handler

logger = logging.getLogger(__name__)

SEAL_SALT = "accounts.adapter.account_email"


def _fernet() -> MultiFernet:
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([
        Fernet(base64.urlsafe_b64encode(
            salted_hmac(SEAL_SALT, "fernet", secret=key, algorithm="sha256").digest()))
        for key in keys])


def seal(message: EmailMessage) -> str:
    """The message as an encrypted token for the outbox payload."""
    html = next((content for content, mimetype in getattr(message, "alternatives", [])
                 if mimetype == "text/html"), None)
    fields = {"subject": message.subject, "body": message.body, "to": list(message.to),
              "from_email": message.from_email, "html": html,
              "content_subtype": message.content_subtype, "headers": message.extra_headers}
    return _fernet().encrypt(json.dumps(fields).encode()).decode()


@outbox_handler
def account_email(*, sealed: str) -> list[EmailMessage]:
    """Send one account email rendered (and sealed) when allauth asked for it."""
    try:
        fields = json.loads(_fernet().decrypt(sealed.encode()))
    except InvalidToken:
        logger.warning("An account email could not be unsealed (SECRET_KEY changed without "
                       "a fallback); it is skipped.")
        return []
    message = EmailMultiAlternatives(subject=fields["subject"], body=fields["body"],
                                     from_email=fields["from_email"], to=fields["to"],
                                     headers=fields["headers"])
    message.content_subtype = fields["content_subtype"]
    if fields["html"] is not None:
        message.attach_alternative(fields["html"], "text/html")
    return [message]


_PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def login_wait_minutes() -> int:
    """How long failed logins stay refused at most: the longest period among the
    ``login_failed`` rate limits ("10/m/ip,5/5m/key" → 5), in whole minutes (issue 14)."""
    longest = 60
    for rate in str(settings.ACCOUNT_RATE_LIMITS.get("login_failed") or "").split(","):
        parts = rate.strip().split("/")
        match = re.fullmatch(r"(\d*)([smhd])", parts[1]) if len(parts) > 1 else None
        if match:
            longest = max(longest, int(match.group(1) or 1) * _PERIOD_SECONDS[match.group(2)])
    return max(1, -(-longest // 60))


class AccountAdapter(DefaultAccountAdapter):
    def validation_error(self, code: str, *args: object) -> ValidationError:
        """The message for too many failed logins says how long to wait (issue 14)."""
        if code == "too_many_login_attempts":
            minutes = login_wait_minutes()
            return ValidationError(ngettext(
                "Too many failed login attempts. Wait %(minutes)s minute and try again, or "
                "reset your password.",
                "Too many failed login attempts. Wait %(minutes)s minutes and try again, or "
                "reset your password.", minutes) % {"minutes": minutes}, code=code)
        return super().validation_error(code, *args)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Contacts are added by their organisation's administrators, never by themselves.
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render as allauth does, then write the email to the outbox instead of sending."""
        request = allauth_context.request
        message = self.render_mail(template_prefix, email, {
            "request": request, "email": email, "current_site": get_current_site(request),
            **context})
        enqueue(account_email, key=f"account-email-{uuid.uuid4().hex}", sealed=seal(message))
