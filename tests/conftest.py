"""The fixed cast (STYLE §8): one organisation with a contact per role, another
organisation's administrator, a partner and a staff member."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, models
from django.db.models import Max, Model
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.roles import OrganisationKind, Role
from contacts.models import Contact, Organisation, SubmissionProfile
from tests import database_reset
from tests.factories import (
    make_contact,
    make_opening_schedule,
    make_organisation,
    make_user,
    pass_second_factor,
    record_in_session,
)

# Transactional tests end with a quicker reset that keeps the content types' keys, and with
# them the cast's snapshot below (tests/database_reset.py).
database_reset.install()


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


def _build_cast() -> Cast:
    """The cast made through the factories, as a test would make it (46 queries)."""
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


class _CastSnapshot:
    """The rows the cast's first build wrote in this test process, put back by one bulk
    insert per table for every later test (issue 12: the cast is most tests' setup, and 46
    queries through ``save()`` and the audit log's signals cost more than many a test).

    The rows keep their primary keys: each test rolls back (or flushes) them, and the
    sequences, which never go back, gave those keys to the first build only. Times the
    factories took from the clock are moved to the clock of the test that asks, so the
    cast is as new as a freshly made one. The first build refuses to be copied when it
    wrote a table the snapshot does not know, so a factory that grows cannot go unseen."""

    MODELS = ("contacts.Organisation", "accounts.User", "account.EmailAddress",
              "contacts.Contact", "auditlog.LogEntry")

    def __init__(self, built: Cast, rows: dict[type[Model], list[Model]],
                 started: dt.datetime, finished: dt.datetime) -> None:
        self.rows = rows
        self.started, self.finished = started, finished
        self.fields = {name: value.pk for name, value in vars(built).items()}
        self.kinds = {name: type(value) for name, value in vars(built).items()}

    @classmethod
    def take(cls) -> tuple[Cast, _CastSnapshot | None]:
        models = [apps.get_model(label) for label in cls.MODELS]
        before = {model: model.objects.aggregate(last=Max("pk"))["last"] or 0
                  for model in models}
        started = timezone.now()
        with CaptureQueriesContext(connection) as queries:
            built = _build_cast()
        finished = timezone.now()
        known = {model._meta.db_table for model in models}
        written = {match.group(1) for query in queries.captured_queries
                   if (match := re.match(r'INSERT INTO "(\w+)"', query["sql"]))}
        if written - known:
            pytest.fail(f"the cast now writes {sorted(written - known)}: add the models to "
                        "_CastSnapshot.MODELS in tests/conftest.py")
        rows = {model: list(model.objects.filter(pk__gt=before[model]).order_by("pk"))
                for model in models}
        return built, cls(built, rows, started, finished)

    def _moved(self, row: Model, delta: dt.timedelta, days: dt.timedelta) -> Model:
        copy = type(row)()
        for field in row._meta.concrete_fields:
            value = getattr(row, field.attname)
            if isinstance(field, models.DateTimeField):
                if value is not None and self.started <= value <= self.finished:
                    value += delta
            elif isinstance(field, models.DateField) and value is not None:
                value += days  # the factories' dates are counted from today
            setattr(copy, field.attname, value)
        copy._state.adding = False
        copy._state.db = DEFAULT_DB_ALIAS
        return copy

    def restore(self) -> Cast:
        now = timezone.now()
        delta = now - self.finished  # the build's last moment becomes now, none later
        days = timezone.localdate(now) - timezone.localdate(self.started)
        by_pk: dict[type[Model], dict[Any, Model]] = {}
        for model, rows in self.rows.items():
            copies = [self._moved(row, delta, days) for row in rows]
            model.objects.bulk_create(copies)
            for copy in copies:
                copy._state.adding = False
            by_pk[model] = {copy.pk: copy for copy in copies}
        for contact in by_pk[Contact].values():
            contact.organisation = by_pk[Organisation][contact.organisation_id]
            contact.user = by_pk[User][contact.user_id]
        return Cast(**{name: by_pk[self.kinds[name]][pk] for name, pk in self.fields.items()})


_snapshot: _CastSnapshot | None = None


@receiver(post_migrate)
def _forget_the_snapshot(**kwargs: object) -> None:
    """A flush (after every transactional test) makes the content types anew, with new
    keys that the audit log's rows point to: the next cast is built again."""
    global _snapshot
    _snapshot = None


@pytest.fixture
def cast(db) -> Cast:
    """The fixed cast; the staff groups exist after every migrate and flush (post_migrate)."""
    global _snapshot
    if _snapshot is None:
        built, _snapshot = _CastSnapshot.take()
        return built
    return _snapshot.restore()


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
