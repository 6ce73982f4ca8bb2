"""State changes of a person's own account and preferences (R-ROLE-1)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from accounts.models import User
from contacts.models import Contact, Language


@transaction.atomic
def update_own_details(
    *,
    user: User,
    first_name: str,
    last_name: str,
    phone: str,
    contact: Contact | None,
    job_title: str = "",
    language: str = Language.DUTCH,
    application_management: bool = False,
    release_news: bool = False,
) -> None:
    """Save a person's own details and, when they have one, their active contact's preferences."""
    user.first_name, user.last_name, user.phone = first_name, last_name, phone
    user.save(update_fields=["first_name", "last_name", "phone"])
    if contact is None:
        return
    if contact.user_id != user.pk:
        raise PermissionError("A contact's preferences are changed only by its own user.")
    contact.job_title = job_title
    contact.language = language
    contact.application_management = application_management
    contact.release_news = release_news
    contact.save(
        update_fields=["job_title", "language", "application_management", "release_news"]
    )


def set_language(*, contact: Contact, language: str) -> None:
    """Remember the language chosen in the header switcher as the contact's preference."""
    if language not in Language.values:
        raise ValueError(f"Unsupported language {language!r}")
    if contact.language != language:
        contact.language = language
        contact.save(update_fields=["language"])


def invited_user(*, uidb64: str, token: str) -> User | None:
    """The user an invitation link is for, while the link is valid (one use, a few days)."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True)
    except (User.DoesNotExist, TypeError, ValueError, OverflowError):
        return None
    return user if default_token_generator.check_token(user, token) else None


@transaction.atomic
def accept_invitation(*, user: User, password: str) -> None:
    """Set the invited user's password and mark their address verified (the link proved it)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
