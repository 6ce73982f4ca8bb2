"""State changes of a person's own account and preferences (R-ROLE-1), and of what they
answer to invitations and which organisation they work in (R-X-6)."""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from accounts.models import User
from contacts.models import Contact, Invitation, Language


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
def accept_invitation(*, user: User, password: str,
                      invitation: Invitation | None = None) -> Contact | None:
    """Set the invited user's password and mark their address verified (the link proved it);
    with the invitation the link came with, still pending, the person joins that
    organisation too (R-X-6: choosing a password from its email is the consent)."""
    from contacts.actions import InvitationAnswered, join_organisation

    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
    if invitation is None or invitation.user_id != user.pk or not invitation.is_pending:
        return None
    try:
        return join_organisation(user=user, invitation=invitation)
    except InvitationAnswered:  # withdrawn a moment ago: the password still counts
        return None


def remember_organisation(*, contact: Contact, now: dt.datetime | None = None) -> None:
    """Record that the person works in this organisation now: at their next login it is the
    active one again (R-X-6)."""
    contact.last_used_at = now or timezone.now()
    Contact.objects.filter(pk=contact.pk).update(last_used_at=contact.last_used_at)


def mark_invitations_seen(*, user: User, now: dt.datetime | None = None) -> int:
    """The person has been shown their pending invitations (once after login)."""
    return Invitation.objects.filter(user=user, declined_at__isnull=True,
                                     seen_at__isnull=True).update(seen_at=now or timezone.now())
