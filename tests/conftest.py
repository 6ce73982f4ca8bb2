"""The fixed cast (STYLE §8): one organisation with a contact per role, another
organisation's administrator, a partner and a staff member."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from accounts.roles import OrganisationKind, Role
from accounts.staff import ensure_staff_groups
from contacts.models import Contact, Organisation, SubmissionProfile
from tests.factories import (
    make_contact,
    make_opening_schedule,
    make_organisation,
    make_user,
    pass_second_factor,
    record_in_session,
)


@dataclass
class Cast:
    organisation: Organisation
    other_organisation: Organisation
    partner_organisation: Organisation
    administrator: Contact
    employee: Contact
    submitter: Contact
    viewer: Contact
    no_role: Contact
    expert: Contact
    other_administrator: Contact
    partner: Contact
    staff: User


# Before SUBMIT_COURSE_GATE_FROM: contacts created then are exempt from the gate.
ESTABLISHED = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits live in the cache: every test starts without earlier attempts."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _usual_opening_hours(request):
    """Every database test starts with the desk's usual week (R-INC-16), as a migrated
    installation has it: a transactional test's flush removes the migration's row."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not {"db", "transactional_db"} & set(request.fixturenames):
        return
    transactional = (marker is not None and marker.kwargs.get("transaction")) or (
        "transactional_db" in request.fixturenames)
    request.getfixturevalue("transactional_db" if transactional else "db")
    from incidents.models import OpeningSchedule

    if not OpeningSchedule.objects.exists():
        make_opening_schedule()


@pytest.fixture
def cast(db) -> Cast:
    ensure_staff_groups()
    org = make_organisation("Demo BV", street="Stationsplein 1", postal_code="3511 ED",
                            city="Utrecht")
    other = make_organisation("Andere BV")
    partner_org = make_organisation("Koppeling BV", kind=OrganisationKind.PARTNER)
    staff = make_user("support@test.example", is_staff=True, first_name="Sanne")
    return Cast(
        organisation=org,
        other_organisation=other,
        partner_organisation=partner_org,
        administrator=make_contact(org, Role.ADMINISTRATOR, email="admin@test.example"),
        employee=make_contact(org, Role.EMPLOYEE, email="employee@test.example"),
        # The cast's submitters joined before the starter-course gate (R-GATE-1), like the
        # demo's insturen@; tests of the gate make contacts of their own.
        submitter=make_contact(org, Role.SUBMIT_INCIDENTS, email="submitter@test.example",
                               created_at=ESTABLISHED,
                               submission_profile=SubmissionProfile.FINANCE),
        viewer=make_contact(org, Role.VIEW_INCIDENTS, email="viewer@test.example"),
        no_role=make_contact(org, email="norole@test.example"),
        expert=make_contact(org, Role.SUBMIT_INCIDENTS, email="expert@test.example",
                            certified_expert=True, created_at=ESTABLISHED,
                            submission_profile=SubmissionProfile.FINANCE),
        other_administrator=make_contact(other, Role.ADMINISTRATOR, email="admin@other.example"),
        partner=make_contact(partner_org, Role.ADMINISTRATOR, email="partner@test.example"),
        staff=staff,
    )


def client_for(user: User, *, reauthenticated: bool = True) -> Client:
    """A client logged in as ``user``, as after allauth's login. Staff have an authenticator
    app and passed its code (R-X-7: no admin page without it); and the session recently
    confirmed the password, so role changes and deletions go through (R-X-7). Tests of
    reauthentication itself ask for a stale session with ``reauthenticated=False``."""
    client = Client()
    client.force_login(user)
    if user.is_staff:
        pass_second_factor(client, user)
    if reauthenticated:
        record_in_session(client, user, "password", reauthenticated=True)
    return client
