"""Submitter seats: who holds one and how many there are (R-QUOTA-1, R-QUOTA-2, R-QUOTA-4)."""

from __future__ import annotations

import pytest

from accounts.roles import OrganisationKind, Role
from contacts.models import SeatAllowanceRule, Segment
from contacts.seats import maximum_for, seat_status
from tests.factories import make_contact, make_organisation

pytestmark = pytest.mark.django_db


def rule(seats: int, low: int = 0, high: int | None = None, segment: str = "") -> None:
    SeatAllowanceRule.objects.create(segment=segment, min_employees=low, max_employees=high,
                                     seats=seats)


def test_certified_experts_and_inactive_contacts_take_no_seat__R_QUOTA_1():
    org = make_organisation()
    make_contact(org, Role.SUBMIT_INCIDENTS)
    make_contact(org, Role.SUBMIT_INCIDENTS, certified_expert=True)
    make_contact(org, Role.SUBMIT_INCIDENTS, is_active=False)
    make_contact(org, Role.ADMINISTRATOR, Role.VIEW_INCIDENTS)
    assert seat_status(org).in_use == 1


def test_the_most_specific_rule_wins__R_QUOTA_2():
    rule(2)                                          # any segment, any size
    rule(3, 50, 249)                                 # any segment, 50–249
    rule(4, 0, None, Segment.CARE)                   # care, any size
    rule(7, 200, 300, Segment.CARE)                  # care, 200–300: narrowest
    assert maximum_for(make_organisation(employee_count=10)) == 2
    assert maximum_for(make_organisation(employee_count=85)) == 3
    assert maximum_for(make_organisation(employee_count=85, segment=Segment.CARE)) == 4
    assert maximum_for(make_organisation(employee_count=250, segment=Segment.CARE)) == 7


def test_without_a_matching_rule_the_default_applies__R_QUOTA_2(settings):
    settings.DEFAULT_SUBMITTER_SEATS = 4
    rule(9, 1000, None)
    assert maximum_for(make_organisation(employee_count=10)) == 4


def test_a_staff_override_wins_over_the_rules__R_QUOTA_2():
    rule(3)
    org = make_organisation(submitter_seats_override=12)
    assert maximum_for(org) == 12


def test_partners_have_no_limit__R_QUOTA_1():
    status = seat_status(make_organisation(kind=OrganisationKind.PARTNER))
    assert status.maximum is None and not status.full and not status.is_limited


def test_seats_in_use_are_counted_live__R_QUOTA_4():
    org = make_organisation(submitter_seats_override=2)
    first = make_contact(org, Role.SUBMIT_INCIDENTS)
    assert (seat_status(org).in_use, seat_status(org).full) == (1, False)
    make_contact(org, Role.SUBMIT_INCIDENTS)
    assert (seat_status(org).in_use, seat_status(org).full) == (2, True)
    first.can_submit_incidents = False
    first.save()
    assert seat_status(org).in_use == 1
