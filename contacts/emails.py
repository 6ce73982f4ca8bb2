"""Emails of the contacts app, each rendered in the recipient's language and sent through
the outbox (``portal.outbox``, R-X-8): queued in the change's transaction, one row per
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
from portal.emails import templated_email
from portal.outbox import enqueue, outbox_handler

from .models import Contact, Organisation
from .queries import ACTIVE_ADMINISTRATOR, administrators_of
from .seats import seat_status

CUSTOMER_CARE_GROUP = "Customer Care"


def send_templated(*, template: str, to: str, language: str, context: dict) -> int:
    """Render the template in ``language`` (see ``portal.emails``) and send one email."""
    return templated_email(template, to=to, language=language, context=context).send()


def portal_url(path: str) -> str:
    return settings.PORTAL_URL + path


def staff_emails(group: str) -> list[str]:
    """The addresses of the active staff of a group (Support, Customer Care, …)."""
    return list(User.objects.filter(is_staff=True, is_active=True, groups__name=group)
                .exclude(email="").order_by("email").values_list("email", flat=True)
                .distinct())


# The invitation of a new contact ---------------------------------------------------------


@outbox_handler
def invitation_email(*, contact: int, new_user: bool) -> list[EmailMessage]:
    """The email that tells a new contact how to log in (and set a password when new)."""
    invited = (Contact.objects.select_related("user", "organisation")
               .filter(pk=contact, is_active=True, user__is_active=True).first())
    if invited is None:
        return []
    user = invited.user
    if new_user and not user.has_usable_password():
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = portal_url(reverse("accept_invitation", args=[uid, token]))
    else:
        link = portal_url(reverse("account_login"))
    return [templated_email("contacts/email/invitation", to=user.email,
                            language=invited.language,
                            context={"contact": invited, "organisation": invited.organisation,
                                     "link": link, "new_user": new_user})]


def queue_invitation(contact: Contact, *, new_user: bool) -> None:
    enqueue(invitation_email, key=f"contact-invitation-{contact.pk}", contact=contact.pk,
            new_user=new_user)


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
    care = None
    for organisation_id, contact_ids in administrators.items():
        for contact_id in contact_ids:
            enqueue(seat_shortage_email, key=f"seat-shortage-{organisation_id}-{stamp}-"
                                             f"{contact_id}",
                    organisation=organisation_id, contact=contact_id)
        if not contact_ids:
            care = staff_emails(CUSTOMER_CARE_GROUP) if care is None else care
            for address in care:
                enqueue(seat_shortage_staff_email,
                        key=f"seat-shortage-{organisation_id}-{stamp}-{address}",
                        organisation=organisation_id, to=address)
