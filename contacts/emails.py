"""Emails of the contacts app, each rendered in the recipient's language and sent through
the outbox (``core.outbox``, R-X-8): queued in the change's transaction, one row per
recipient."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from core.mail import portal_url, templated_email
from core.outbox import enqueue, enqueue_many, outbox_handler

from .models import Contact, Invitation, Organisation
from .queries import ACTIVE_ADMINISTRATOR, administrators_of, language_of
from .seats import seat_status

CUSTOMER_CARE_GROUP = "Customer Care"


def staff_emails(group: str) -> list[str]:
    """The addresses of the active staff of a group (Support, Customer Care, …)."""
    return list(User.objects.filter(is_staff=True, is_active=True, groups__name=group)
                .exclude(email="").order_by("email").values_list("email", flat=True)
                .distinct())


# Invitations to join (R-X-6) -------------------------------------------------------------


def _choose_password_link(user: User, invitation: int | None = None) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = portal_url(reverse("accept_invitation", args=[uid, token]))
    return f"{link}?invitation={invitation}" if invitation is not None else link


@outbox_handler
def invitation_to_join_email(*, invitation: int, sent: str) -> list[EmailMessage]:
    """The person is invited to join an organisation: someone without a password yet gets
    a link to choose one (which accepts), anyone else a link to accept or decline after
    logging in. Nothing is sent for an invitation answered or withdrawn meanwhile."""
    invited = (Invitation.objects.select_related("user", "organisation", "invited_by__user")
               .filter(pk=invitation, declined_at__isnull=True, user__is_active=True).first())
    if invited is None:
        return []
    user = invited.user
    choose_password = not user.has_usable_password()
    link = (_choose_password_link(user, invited.pk) if choose_password
            else portal_url(reverse("my_invitations")))
    inviter = invited.invited_by.user if invited.invited_by is not None else None
    return [templated_email("contacts/email/invitation", to=user.email,
                            language=language_of(user, default=invited.language),
                            context={"invitation": invited, "organisation": invited.organisation,
                                     "person": user, "inviter": inviter, "link": link,
                                     "choose_password": choose_password})]


def queue_invitation(invitation: Invitation) -> None:
    sent = invitation.sent_at.strftime("%Y%m%d%H%M%S%f")
    enqueue(invitation_to_join_email, key=f"invitation-{invitation.pk}-{sent}",
            invitation=invitation.pk, sent=sent)


@outbox_handler
def invitation_email(*, contact: int, new_user: bool) -> list[EmailMessage]:
    """Rows queued before joining needed consent (R-X-6): the person was made a contact at
    once and is told so. Kept so that an upgrade loses none of them (R-X-8)."""
    invited = (Contact.objects.select_related("user", "organisation")
               .filter(pk=contact, is_active=True, user__is_active=True).first())
    if invited is None:
        return []
    user = invited.user
    choose_password = new_user and not user.has_usable_password()
    link = _choose_password_link(user) if choose_password else portal_url(reverse("account_login"))
    return [templated_email("contacts/email/invitation", to=user.email,
                            language=invited.language,
                            context={"invitation": None, "organisation": invited.organisation,
                                     "person": user, "link": link,
                                     "choose_password": choose_password})]


# Too few seats (R-QUOTA-6) ---------------------------------------------------------------


@outbox_handler
def seat_shortage_email(*, organisation: int, contact: int) -> list[EmailMessage]:
    """One administrator: the maximum fell below the seats in use."""
    administrator = administrators_of(Organisation(pk=organisation)).filter(pk=contact).first()
    if administrator is None:
        return []
    org = Organisation.objects.get(pk=organisation)
    return [templated_email("contacts/email/seat_shortage", to=administrator.user.email,
                            language=administrator.language,
                            context={"organisation": org, "status": seat_status(org),
                                     "link": portal_url(reverse("contacts"))})]


@outbox_handler
def seat_shortage_staff_email(*, organisation: int, to: str) -> list[EmailMessage]:
    """Customer Care, when the organisation has no active administrator to tell."""
    org = Organisation.objects.get(pk=organisation)
    link = portal_url(reverse("admin:contacts_organisation_change", args=[org.pk]))
    return [templated_email("contacts/email/seat_shortage_staff", to=to,
                            language=settings.LANGUAGE_CODE,
                            context={"organisation": org, "status": seat_status(org),
                                     "link": link})]


def queue_seat_shortage_notices(organisation_ids: list[int], *, now: dt.datetime) -> None:
    """One email to each active administrator of each organisation; to Customer Care for an
    organisation without one, so a shortage never goes unreported."""
    if not organisation_ids:
        return
    stamp = now.strftime("%Y%m%d%H%M%S")
    administrators: dict[int, list[int]] = {pk: [] for pk in organisation_ids}
    for contact_id, organisation_id in (
            Contact.objects.filter(ACTIVE_ADMINISTRATOR, organisation_id__in=organisation_ids)
            .order_by("pk").values_list("pk", "organisation_id")):
        administrators[organisation_id].append(contact_id)
    # In bulk (issue 15: at 10,000 organisations the first nightly recount wrote its 9,800
    # notices one row and one broker connection at a time).
    to_administrators: list[tuple[str, dict[str, object]]] = []
    to_care: list[tuple[str, dict[str, object]]] = []
    care = None
    for organisation_id, contact_ids in administrators.items():
        to_administrators += [
            (f"seat-shortage-{organisation_id}-{stamp}-{contact_id}",
             {"organisation": organisation_id, "contact": contact_id})
            for contact_id in contact_ids]
        if not contact_ids:
            care = staff_emails(CUSTOMER_CARE_GROUP) if care is None else care
            to_care += [(f"seat-shortage-{organisation_id}-{stamp}-{address}",
                         {"organisation": organisation_id, "to": address})
                        for address in care]
    enqueue_many(seat_shortage_email, to_administrators)
    enqueue_many(seat_shortage_staff_email, to_care)
