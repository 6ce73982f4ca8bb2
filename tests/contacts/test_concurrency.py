"""Two administrators give the last seat at the same moment: exactly one succeeds
(R-QUOTA-5), with two real database connections on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from accounts.roles import Role
from contacts import actions
from contacts.actions import ContactChanges
from contacts.models import Contact, SubmissionProfile
from contacts.seats import seat_status
from tests.factories import make_contact

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_administrators_assign_the_last_seat_at_once__R_QUOTA_5(cast):
    cast.organisation.submitter_seats_override = 2  # one seat left: the submitter holds one
    cast.organisation.save()
    second_admin = make_contact(cast.organisation, Role.ADMINISTRATOR)
    candidates = [cast.employee, cast.viewer]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def assign(actor: Contact, contact: Contact) -> None:
        try:
            barrier.wait(timeout=10)
            actions.update_contact(actor=actor, contact=contact, changes=ContactChanges(
                roles=frozenset({Role.SUBMIT_INCIDENTS}),
                submission_profile=SubmissionProfile.FINANCE))
            outcomes.append("ok")
        except actions.SeatsFull:
            outcomes.append("full")
        finally:
            connections.close_all()  # each thread has its own connection

    actors = [cast.administrator, second_admin]
    threads = [threading.Thread(target=assign, args=(actor, contact))
               for actor, contact in zip(actors, candidates, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["full", "ok"]
    status = seat_status(cast.organisation)
    assert (status.in_use, status.maximum) == (2, 2)


def test_without_the_lock_both_would_succeed__R_QUOTA_5(cast, monkeypatch):
    """The test above can fail: without the row lock, both assignments go through."""
    monkeypatch.setattr(actions, "_lock", lambda organisation: organisation)
    cast.organisation.submitter_seats_override = 2
    cast.organisation.save()
    second_admin = make_contact(cast.organisation, Role.ADMINISTRATOR)
    barrier = threading.Barrier(2)
    real_check = actions._check_seat

    def slow_check(*args):
        real_check(*args)
        barrier.wait(timeout=10)  # both have counted before either saves

    monkeypatch.setattr(actions, "_check_seat", slow_check)
    outcomes: list[str] = []

    def assign(actor: Contact, contact: Contact) -> None:
        try:
            actions.update_contact(actor=actor, contact=contact, changes=ContactChanges(
                roles=frozenset({Role.SUBMIT_INCIDENTS}),
                submission_profile=SubmissionProfile.FINANCE))
            outcomes.append("ok")
        except actions.SeatsFull:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=assign, args=(actor, contact))
               for actor, contact in zip([cast.administrator, second_admin],
                                         [cast.employee, cast.viewer], strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes == ["ok", "ok"]
