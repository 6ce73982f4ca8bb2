"""Two administrators hand two incidents over at the same moment to two contacts without the
role Submit incidents while one seat is left: exactly one succeeds and the seats in use never
exceed the maximum (R-INC-13, R-QUOTA-5), with two real connections on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from accounts.roles import Role
from contacts.actions import SeatsFull
from contacts.models import Contact
from contacts.seats import seat_status
from incidents import actions
from incidents.models import Incident, OwnerChange
from tests.factories import make_contact
from tests.incidents.factories import colleague, make_incident

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_hand_overs_cannot_fill_more_seats_than_there_are__R_INC_13_R_QUOTA_5(cast):
    cast.organisation.submitter_seats_override = 2  # one seat left: the submitter holds one
    cast.organisation.save()
    second_admin = make_contact(cast.organisation, Role.ADMINISTRATOR,
                                email="tweede@test.example")
    first, second = make_incident(cast.submitter), make_incident(cast.submitter)
    candidates = [colleague(cast.organisation, Role.EMPLOYEE, email=f"kandidaat{n}@test.example")
                  for n in (1, 2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def hand_over(actor: Contact, incident: Incident, to: Contact) -> None:
        try:
            barrier.wait(timeout=10)
            actions.hand_over_incident(actor=actor, incident=incident, to=to)
            outcomes.append("ok")
        except SeatsFull:
            outcomes.append("full")
        finally:
            connections.close_all()  # each thread has its own connection

    threads = [threading.Thread(target=hand_over, args=arguments) for arguments in
               zip([cast.administrator, second_admin], [first, second], candidates, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["full", "ok"]
    status = seat_status(cast.organisation)
    assert (status.in_use, status.maximum) == (2, 2)
    # The refused hand-over left everything as it was: one owner change, one new submitter.
    change = OwnerChange.objects.get()
    assert Incident.objects.get(pk=change.incident_id).owner_id == change.to_owner_id
    other = second if change.incident_id == first.pk else first
    assert Incident.objects.get(pk=other.pk).owner_id == cast.submitter.pk
    assert Contact.objects.filter(pk__in=[c.pk for c in candidates],
                                  can_submit_incidents=True).count() == 1


def test_without_the_organisation_lock_both_would_succeed__R_INC_13_R_QUOTA_5(cast, monkeypatch):
    """The test above can fail: without the lock give_submit_role takes, both go through."""
    from contacts import actions as contact_actions

    monkeypatch.setattr(contact_actions, "_lock", lambda organisation: organisation)
    cast.organisation.submitter_seats_override = 2
    cast.organisation.save()
    second_admin = make_contact(cast.organisation, Role.ADMINISTRATOR,
                                email="tweede@test.example")
    first, second = make_incident(cast.submitter), make_incident(cast.submitter)
    candidates = [colleague(cast.organisation, Role.EMPLOYEE, email=f"kandidaat{n}@test.example")
                  for n in (1, 2)]
    barrier = threading.Barrier(2)
    real_check = contact_actions._check_seat

    def slow_check(*args):
        real_check(*args)
        barrier.wait(timeout=10)  # both have counted before either saves

    monkeypatch.setattr(contact_actions, "_check_seat", slow_check)
    outcomes: list[str] = []

    def hand_over(actor: Contact, incident: Incident, to: Contact) -> None:
        try:
            actions.hand_over_incident(actor=actor, incident=incident, to=to)
            outcomes.append("ok")
        except SeatsFull:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hand_over, args=arguments) for arguments in
               zip([cast.administrator, second_admin], [first, second], candidates, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes == ["ok", "ok"]
