"""django-allauth hooks: no public sign-up, and account emails go out through Celery."""

from __future__ import annotations

from functools import partial

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.http import HttpRequest

from portal.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Contacts are added by their organisation's administrators, never by themselves.
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", [])
             if mimetype == "text/html"),
            None,
        )
        transaction.on_commit(
            partial(
                send_email.delay,
                subject=message.subject,
                body=message.body,
                to=list(message.to),
                from_email=message.from_email,
                html=html,
            )
        )
