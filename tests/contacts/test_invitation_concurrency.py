"""An invitation reserving the last seat and an administrator giving it to a contact at the
same moment: exactly one succeeds (R-X-6, R-QUOTA-5), with two real database connections on
PostgreSQL. Invitations go through the same organisation lock as role changes."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from accounts.roles import Role
from contacts import actions
from contacts.actions import ContactChanges
from contacts.models import SubmissionProfile
from contacts.seats import seat_status
from tests.factories import make_contact

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SUBMIT = ContactChanges(roles=frozenset({Role.SUBMIT_INCIDENTS}),
                        submission_profile=SubmissionProfile.FINANCE)


def test_an_invitation_and_a_role_change_race_for_the_last_seat__R_X_6_R_QUOTA_5(cast):
    cast.organisation.submitter_seats_override = 2  # one seat left: the submitter holds one
    cast.organisation.save()
    second_admin = make_contact(cast.organisation, Role.ADMINISTRATOR)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(change) -> None:
        try:
            barrier.wait(timeout=10)
            change()
            outcomes.append("ok")
        except actions.SeatsFull:
            outcomes.append("full")
        finally:
            connections.close_all()  # each thread has its own connection

    changes = [
        lambda: actions.invite_contact(actor=cast.administrator, email="nina@test.example",
                                       first_name="Nina", last_name="Nieuw", changes=SUBMIT),
        lambda: actions.update_contact(actor=second_admin, contact=cast.employee,
                                       changes=SUBMIT),
    ]
    threads = [threading.Thread(target=attempt, args=(change,)) for change in changes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["full", "ok"]
    status = seat_status(cast.organisation)
    assert (status.in_use, status.maximum) == (2, 2)
