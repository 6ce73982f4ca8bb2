"""Fixtures shared by the incident tests: a Support staff member, and English texts for the
tests that read pages and emails in English."""

from __future__ import annotations

import pytest

from contacts.models import Contact
from tests.incidents.factories import support_user


@pytest.fixture
def staff(cast):
    return support_user(cast.staff)


@pytest.fixture
def english(cast):
    """Every contact reads English (use with ``pytest.mark.usefixtures("english")``)."""
    Contact.objects.update(language="en")


@pytest.fixture
def no_new_incident_emails(cast):
    """The administrators and viewers chose not to hear of new incidents (R-MAIL-6), for the
    tests that count the owner's emails alone (R-INC-7)."""
    Contact.objects.update(notify_new_incidents=False)
