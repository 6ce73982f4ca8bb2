"""Demo feedback (seed_demo): an answered complaint, an open one, feedback and an
extra-support request, all of Demo BV; idempotent (R-CARE-1, R-CARE-2)."""

from __future__ import annotations

import pytest

from care import demo
from care.models import ExtraSupportRequest, Feedback, FeedbackKind, FeedbackStatus
from contacts import demo as contacts_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    contacts_demo.seed()
    demo.seed()


def test_it_seeds_an_answered_and_an_open_complaint__R_CARE_1(seeded):
    complaints = Feedback.objects.filter(kind=FeedbackKind.COMPLAINT)
    answered = complaints.get(status=FeedbackStatus.ANSWERED)
    assert answered.response and answered.first_response_at <= answered.response_due_at
    open_one = complaints.get(status=FeedbackStatus.RECEIVED)
    assert open_one.response_due_at > open_one.received_at
    assert Feedback.objects.filter(kind=FeedbackKind.FEEDBACK).count() == 1


def test_it_seeds_an_extra_support_request__R_CARE_2(seeded):
    request = ExtraSupportRequest.objects.get()
    assert request.requested_by.user.email == "beheerder@demo.example"
    assert request.billable and request.ends_at > request.starts_at


def test_it_is_idempotent(seeded):
    demo.seed()
    assert Feedback.objects.count() == len(demo.FEEDBACK)
    assert ExtraSupportRequest.objects.count() == 1
