from __future__ import annotations

import pytest

from tests.webhooks.receiver import http_receiver


@pytest.fixture
def receiver():
    with http_receiver() as running:
        yield running


@pytest.fixture
def loopback(settings):
    """Allow the loopback receiver (WEBHOOKS_ALLOW_PRIVATE_TARGETS, tests only)."""
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True


@pytest.fixture
def english(cast):
    """Every contact reads English."""
    from contacts.models import Contact

    Contact.objects.update(language="en")
