"""Incidents for tests, made through the real actions."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from contacts.models import Contact
from incidents.actions import submit_incident
from incidents.models import Environment, Incident, IncidentType, ProductArea

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A Monday morning in March 2026, inside opening hours.
MONDAY_10 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=AMSTERDAM)


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def support_user(user: User) -> User:
    """Put a staff user in the Support group (its permissions come from accounts.staff)."""
    user.groups.add(Group.objects.get(name="Support"))
    return User.objects.get(pk=user.pk)  # a fresh permission cache


def pdf(name: str = "screenshot.pdf", content: bytes = b"%PDF-1.4 test") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_incident(contact: Contact, subject: str = "Boeking mislukt", *,
                  incident_type: str = IncidentType.FAULT,
                  product_area: str = ProductArea.FINANCE,
                  environment: str = Environment.PRODUCTION, files=(),
                  now: dt.datetime | None = None) -> Incident:
    return submit_incident(contact=contact, subject=subject,
                           description="Bij het boeken verschijnt een foutmelding.",
                           incident_type=incident_type, product_area=product_area,
                           environment=environment, files=files, now=now)


def colleague(organisation, *roles, email: str, **fields) -> Contact:
    """A contact who joined before the starter-course gate, with a submission profile, so
    giving them the role Submit incidents is refused only by the seat cap."""
    from contacts.models import SubmissionProfile
    from tests.conftest import ESTABLISHED
    from tests.factories import make_contact

    fields.setdefault("created_at", ESTABLISHED)
    fields.setdefault("submission_profile", SubmissionProfile.FINANCE)
    return make_contact(organisation, *roles, email=email, **fields)


def without_role(contact: Contact) -> Contact:
    """The contact lost the role Submit incidents (their administrator took it)."""
    Contact.objects.filter(pk=contact.pk).update(can_submit_incidents=False,
                                                 submitter_since=None)
    return Contact.objects.select_related("user", "organisation").get(pk=contact.pk)
