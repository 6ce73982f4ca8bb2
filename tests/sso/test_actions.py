"""R-SSO-1: the contact an opted-in organisation gets for an unknown person (without roles,
no seat), and the email its administrators get through the outbox, each in their language."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.roles import Role
from contacts.models import Contact
from contacts.seats import seat_status
from core.models import OutboxItem
from sso.actions import AlreadyKnown, add_contact_from_sso
from tests.factories import make_contact
from tests.sso.conftest import set_up_sso

pytestmark = pytest.mark.django_db


def test_an_unknown_person_becomes_a_contact_without_roles_and_takes_no_seat__R_SSO_1(
        cast, django_capture_on_commit_callbacks):
    sso = set_up_sso(cast.organisation, issuer="https://idp.test.example",
                     allow_new_contacts=True)
    english = make_contact(cast.organisation, Role.ADMINISTRATOR, email="boss@test.example",
                           language="en")
    inactive = make_contact(cast.organisation, Role.ADMINISTRATOR, email="gone@test.example",
                            is_active=False)
    seats = seat_status(cast.organisation).in_use
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contact = add_contact_from_sso(single_sign_on=sso, email="Nieuw@Test.example",
                                       first_name="Nieuw", last_name="Mens", language="en")
    assert contact.roles == frozenset() and contact.language == "en"
    assert contact.user.email == "nieuw@test.example" and not contact.user.has_usable_password()
    assert EmailAddress.objects.get(user=contact.user).verified
    assert seat_status(cast.organisation).in_use == seats
    # The active administrators only, one email each, in their own language.
    recipients = sorted(email.to[0] for email in mail.outbox)
    assert recipients == ["admin@test.example", "boss@test.example"]
    assert inactive.user.email not in recipients
    to_english = next(email for email in mail.outbox if email.to == [english.user.email])
    assert to_english.subject.endswith("logged in with single sign-on")
    assert "without any role" in to_english.body
    assert OutboxItem.objects.filter(key__startswith="sso-new-contact-").count() == 2


def test_an_address_that_got_a_login_meanwhile_is_not_made_twice__R_SSO_1(cast):
    sso = set_up_sso(cast.organisation, issuer="https://idp.test.example",
                     allow_new_contacts=True)
    with pytest.raises(AlreadyKnown):
        add_contact_from_sso(single_sign_on=sso, email="employee@test.example",
                             first_name="", last_name="", language="nl")
    assert Contact.objects.filter(user__email="employee@test.example").count() == 1


def test_without_an_active_administrator_customer_care_is_told__R_SSO_1(
        cast, django_capture_on_commit_callbacks):
    from tests.factories import staff_member

    care = staff_member("Customer Care")
    Contact.objects.filter(organisation=cast.organisation, is_administrator=True).update(
        is_active=False)
    sso = set_up_sso(cast.organisation, issuer="https://idp.test.example",
                     allow_new_contacts=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contact = add_contact_from_sso(single_sign_on=sso, email="nieuw@test.example",
                                       first_name="", last_name="", language="nl")
    assert [email.to for email in mail.outbox] == [[care.email]]
    assert f"/admin/contacts/contact/{contact.pk}/change/" in mail.outbox[0].body
