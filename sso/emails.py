"""Emails of single sign-on (R-SSO-1), rendered in the recipient's language and sent
through the outbox (R-X-8): queued in the transaction of the change they tell about."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from accounts.models import User
from contacts.emails import CUSTOMER_CARE_GROUP, staff_emails
from contacts.models import Contact
from contacts.queries import administrators_of, language_of
from core.mail import portal_url, templated_email
from core.outbox import enqueue, outbox_handler


@outbox_handler
def new_contact_email(*, contact: int, administrator: int) -> list[EmailMessage]:
    """One administrator: a person logged in with the organisation's identity provider for
    the first time and became a contact without roles."""
    new = Contact.objects.select_related("user", "organisation").filter(pk=contact).first()
    if new is None:
        return []
    admin = administrators_of(new.organisation).filter(pk=administrator).first()
    if admin is None:
        return []
    link = portal_url(reverse("contact_detail", args=[new.pk]))
    return [templated_email("sso/email/new_contact", to=admin.user.email,
                            language=admin.language,
                            context={"organisation": new.organisation, "person": new.user,
                                     "link": link})]


@outbox_handler
def new_contact_staff_email(*, contact: int, to: str) -> list[EmailMessage]:
    """Customer Care, when the organisation has no active administrator to tell."""
    new = Contact.objects.select_related("user", "organisation").filter(pk=contact).first()
    if new is None:
        return []
    link = portal_url(reverse("admin:contacts_contact_change", args=[new.pk]))
    return [templated_email("sso/email/new_contact_staff", to=to,
                            language=settings.LANGUAGE_CODE,
                            context={"organisation": new.organisation, "person": new.user,
                                     "link": link})]


def queue_new_contact_notices(contact: Contact) -> None:
    """One email to each active administrator of the contact's organisation; to Customer Care
    when it has none, so a new contact never goes unnoticed."""
    administrators = list(administrators_of(contact.organisation))
    for administrator in administrators:
        enqueue(new_contact_email, key=f"sso-new-contact-{contact.pk}-{administrator.pk}",
                contact=contact.pk, administrator=administrator.pk)
    if not administrators:
        for address in staff_emails(CUSTOMER_CARE_GROUP):
            enqueue(new_contact_staff_email, key=f"sso-new-contact-{contact.pk}-{address}",
                    contact=contact.pk, to=address)


@outbox_handler
def use_single_sign_on_email(*, user: int, organisation: str) -> list[EmailMessage]:
    """Instead of a password-reset link: the person's organisation requires single sign-on,
    so a password would not open the portal; the email says how to log in."""
    person = User.objects.filter(pk=user, is_active=True).first()
    if person is None:
        return []
    return [templated_email("sso/email/use_single_sign_on", to=person.email,
                            language=language_of(person, default=settings.LANGUAGE_CODE),
                            context={"organisation": organisation, "person": person,
                                     "link": portal_url(reverse("sso_login"))})]


def queue_use_single_sign_on(user: User, organisation: str, *, request_id: str) -> None:
    enqueue(use_single_sign_on_email, key=f"sso-use-{user.pk}-{request_id}", user=user.pk,
            organisation=organisation)
