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
