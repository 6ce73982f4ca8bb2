"""seed_demo makes every demo account of SPEC §11 and can run again."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.permissions import Capability, can
from accounts.roles import Role
from contacts.models import Contact, Organisation

pytestmark = pytest.mark.django_db

EXPECTED = {
    # email: (organisation, roles, certified expert)
    "beheerder@demo.example": ("Demo BV", {Role.ADMINISTRATOR}, False),
    "insturen@demo.example": ("Demo BV", {Role.EMPLOYEE, Role.SUBMIT_INCIDENTS}, False),
    "nieuw@demo.example": ("Demo BV", {Role.EMPLOYEE, Role.SUBMIT_INCIDENTS}, False),
    "bekijken@demo.example": ("Demo BV", {Role.EMPLOYEE, Role.VIEW_INCIDENTS}, False),
    "medewerker@demo.example": ("Demo BV", {Role.EMPLOYEE}, False),
    "geenrol@demo.example": ("Demo BV", set(), False),
    "expert@demo.example": ("Demo BV", {Role.SUBMIT_INCIDENTS}, True),
    "beheerder@andere.example": ("Andere BV", {Role.ADMINISTRATOR, Role.SUBMIT_INCIDENTS}, False),
    "partner@koppeling.example": ("Koppeling BV", {Role.ADMINISTRATOR}, False),
}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", allow_without_debug=True, stdout=out)
    return out.getvalue()


def test_it_makes_every_demo_account_of_the_spec():
    output = seed()
    for email, (organisation, roles, expert) in EXPECTED.items():
        contact = Contact.objects.select_related("organisation").get(user__email=email)
        assert contact.organisation.name == organisation
        assert contact.roles == roles
        assert contact.certified_expert is expert
        assert authenticate(email=email, password="Demo-portal-2026") is not None
        assert email in output
    staff = User.objects.get(email="support@portal.example")
    assert staff.is_staff and not staff.contacts.exists()
    assert list(staff.groups.values_list("name", flat=True)) == ["Support"]
    assert Organisation.objects.get(name="Koppeling BV").is_partner
    assert "Demo-portal-2026" in output


def test_creation_dates_match_the_spec():
    seed()
    assert Contact.objects.get(user__email="nieuw@demo.example").created_at.date() == dt.date(
        2026, 2, 1)
    assert Contact.objects.get(user__email="insturen@demo.example").created_at.year == 2025


def test_it_is_idempotent_and_repairs_changes():
    seed()
    counts = (User.objects.count(), Contact.objects.count(), Organisation.objects.count())
    medewerker = Contact.objects.get(user__email="medewerker@demo.example")
    medewerker.is_employee = False
    medewerker.save()
    seed()
    assert (User.objects.count(), Contact.objects.count(), Organisation.objects.count()) == counts
    assert can(Contact.objects.get(user__email="medewerker@demo.example"),
               Capability.ORGANISATION_BRIEF)


def test_it_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
