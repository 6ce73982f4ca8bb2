"""Emails of the contacts app, each rendered in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from portal.emails import templated_email

from .models import Contact, Organisation
from .queries import administrators_of
from .seats import seat_status


def send_templated(*, template: str, to: str, language: str, context: dict) -> int:
    """Render the template in ``language`` (see ``portal.emails``) and send one email."""
    return templated_email(template, to=to, language=language, context=context).send()


def portal_url(path: str) -> str:
    return settings.PORTAL_URL + path


def send_invitation(contact_id: int, *, new_user: bool) -> int:
    contact = Contact.objects.select_related("user", "organisation").get(pk=contact_id)
    user = contact.user
    if new_user and not user.has_usable_password():
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = portal_url(reverse("accept_invitation", args=[uid, token]))
    else:
        link = portal_url(reverse("account_login"))
    return send_templated(template="contacts/email/invitation", to=user.email, language=contact.language,
                 context={"contact": contact, "organisation": contact.organisation,
                          "link": link, "new_user": new_user})


def send_seat_shortage(organisation_id: int) -> int:
    organisation = Organisation.objects.get(pk=organisation_id)
    status = seat_status(organisation)
    sent = 0
    for administrator in administrators_of(organisation):
        sent += send_templated(template="contacts/email/seat_shortage", to=administrator.user.email,
                      language=administrator.language,
                      context={"organisation": organisation, "status": status,
                               "link": portal_url(reverse("contacts"))})
    return sent
