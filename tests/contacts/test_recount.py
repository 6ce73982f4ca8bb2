"""The nightly recount of submitter seats (R-QUOTA-3, R-QUOTA-6)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import OrganisationKind, Role
from contacts.actions import recount_submitter_seats
from contacts.models import Organisation, SeatAllowanceRule
from tests.factories import make_contact, make_organisation

pytestmark = pytest.mark.django_db


def test_it_stores_every_maximum_with_the_time__R_QUOTA_3():
    SeatAllowanceRule.objects.create(min_employees=0, max_employees=49, seats=2)
    SeatAllowanceRule.objects.create(min_employees=50, seats=4)
    small, big = make_organisation(employee_count=5), make_organisation(employee_count=500)
    partner = make_organisation(kind=OrganisationKind.PARTNER)
    at = timezone.make_aware(dt.datetime(2026, 11, 24, 2, 0))
    result = recount_submitter_seats(now=at)
    assert result.organisations == 2
    small.refresh_from_db(), big.refresh_from_db(), partner.refresh_from_db()
    assert (small.submitter_seats_max, big.submitter_seats_max) == (2, 4)
    assert small.submitter_seats_computed_at == at
    assert partner.submitter_seats_max is None


def test_it_is_set_based__R_QUOTA_3():
    """The same few queries for 1 or 60 organisations, none per organisation."""
    make_organisation()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            recount_submitter_seats()
        return len(queries)

    one = count()
    for _ in range(59):
        make_contact(make_organisation(), Role.SUBMIT_INCIDENTS)
    assert count() == one <= 8


def test_it_is_idempotent__R_QUOTA_3(django_capture_on_commit_callbacks):
    org = make_organisation(submitter_seats_override=1)
    make_contact(org, Role.ADMINISTRATOR)
    make_contact(org, Role.SUBMIT_INCIDENTS)
    make_contact(org, Role.SUBMIT_INCIDENTS)
    with django_capture_on_commit_callbacks(execute=True):
        recount_submitter_seats()
        first = Organisation.objects.values_list("submitter_seats_max",
                                                 "seat_shortage_notified_at").get(pk=org.pk)
        recount_submitter_seats()
    assert Organisation.objects.values_list(
        "submitter_seats_max", "seat_shortage_notified_at").get(pk=org.pk) == first
    assert len(mail.outbox) == 1


def test_a_lower_maximum_keeps_roles_and_mails_the_administrators_once__R_QUOTA_6(
    django_capture_on_commit_callbacks,
):
    rule = SeatAllowanceRule.objects.create(min_employees=0, seats=3)
    org = make_organisation()
    first_admin = make_contact(org, Role.ADMINISTRATOR, email="a1@test.example")
    make_contact(org, Role.ADMINISTRATOR, email="a2@test.example", language="en")
    make_contact(org, Role.EMPLOYEE, email="e@test.example")
    holders = [make_contact(org, Role.SUBMIT_INCIDENTS) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        recount_submitter_seats()
    assert mail.outbox == []
    rule.seats = 2
    rule.save()
    with django_capture_on_commit_callbacks(execute=True):
        result = recount_submitter_seats()
        recount_submitter_seats()  # the next night: no second email
    assert result.newly_short == [org.pk]
    assert sorted(message.to[0] for message in mail.outbox) == ["a1@test.example",
                                                                "a2@test.example"]
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "Minder" in by_address["a1@test.example"].subject
    assert "Fewer submitter seats" in by_address["a2@test.example"].subject
    assert "2" in by_address["a2@test.example"].body and "3" in by_address["a2@test.example"].body
    for holder in holders:
        holder.refresh_from_db()
        assert holder.can_submit_incidents  # nobody loses the role
    assert first_admin.organisation.contacts.count() == 6
    # Usage drops below the maximum: the shortage is over, a later one mails again.
    holders[0].can_submit_incidents = False
    holders[0].save()
    with django_capture_on_commit_callbacks(execute=True):
        recount_submitter_seats()
    assert Organisation.objects.get(pk=org.pk).seat_shortage_notified_at is None


def test_the_command_runs_the_recount__R_QUOTA_3():
    make_organisation()
    out = StringIO()
    call_command("recount_submitter_seats", stdout=out)
    assert "Recounted 1 organisations" in out.getvalue()
    assert Organisation.objects.get().submitter_seats_computed_at is not None


def test_it_is_scheduled_nightly_at_two_in_amsterdam__R_QUOTA_3():
    entry = settings.CELERY_BEAT_SCHEDULE["recount-submitter-seats"]
    assert entry["task"] == "contacts.tasks.recount_submitter_seats"
    assert entry["schedule"].hour == {2} and entry["schedule"].minute == {0}
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
