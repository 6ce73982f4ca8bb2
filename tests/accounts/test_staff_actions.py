"""Every staff action passes one gate, ``accounts.permissions.require_staff``: no actor, a
staff member without the permission and a customer's login are all refused, and nothing
changes. The list below must name every action whose ``actor`` is a staff ``User``: a new
staff action without a case here fails ``test_every_staff_action_is_listed``."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from collections.abc import Callable
from decimal import Decimal

import pytest
from allauth.socialaccount.models import SocialApp
from django.core.files.base import ContentFile
from django.db.models import Model

from accounts.permissions import StaffDenied, require_staff, staff_may
from api.models import AccessToken
from care.models import ExtraSupportStatus
from consultancy.models import (
    Appointment, AppointmentKind, HoursBooking, Phase, Project, VisitRequestState,
)
from courses.actions import enrol
from courses.models import Result
from incidents.models import (
    BackupPermission, BusyNotice, Incident, Message, OpeningException, OpeningSchedule,
    RemoteAccessGrant, RemoteSession, Status, SupportCode, SupportTeam,
)
from knowledge.models import Article
from partners.models import EndReason, Integration, Scan, ScanColour
from sso.actions import ProviderSettings
from sso.models import EmailDomain, SingleSignOn
from tests.care.factories import make_extra_support, make_feedback
from tests.consultancy.factories import book, consultant, make_appointment, make_project
from tests.consultancy.factories import make_visit_request
from tests.courses.factories import make_course, make_event
from tests.factories import make_opening_schedule, make_user, staff_member
from tests.incidents.factories import make_incident
from tests.knowledge.factories import make_article, make_category
from tests.partners.factories import make_integration, make_question
from tests.updates.factories import make_release
from updates.models import ReleaseFile

pytestmark = pytest.mark.django_db

APPS = ["accounts", "api", "care", "consultancy", "contacts", "courses", "incidents", "knowledge",
        "partners", "sso", "updates", "webhooks"]
# Action modules beside an app's ``actions``; their cases are named "app.module.function".
MORE_ACTION_MODULES = ["incidents.remote"]
# Rows a refused action must not have added to.
WATCHED: list[type[Model]] = [Scan, Message, RemoteAccessGrant, Result, ReleaseFile, Article,
                              Project, Appointment, HoursBooking, OpeningSchedule,
                              OpeningException, BusyNotice, SupportCode, RemoteSession,
                              BackupPermission, Integration, AccessToken,
                              SingleSignOn, EmailDomain, SocialApp]


def _endpoint(cast):
    from tests.webhooks.factories import make_endpoint

    return make_endpoint(cast.organisation)


def _feedback(cast) -> dict:
    return {"feedback": make_feedback(cast.employee)}


def _incident(cast) -> Incident:
    return make_incident(cast.submitter)


def _running_session(cast) -> dict:
    """A screen-sharing session the submitter started with a code of a Support member."""
    from incidents.remote import create_support_code, start_remote_session
    from tests.incidents.factories import support_user

    incident = _incident(cast)
    new = create_support_code(incident=incident, actor=support_user(staff_member("Support")))
    return {"session": start_remote_session(contact=cast.submitter, number=incident.number,
                                            code=new.digits)}


def _new_article(cast) -> dict:
    return {"article": Article(title="Nieuw", slug="nieuw", summary="Kort", body="Tekst",
                               category=make_category())}


def _new_project(cast) -> dict:
    return {"project": Project(
        organisation=cast.organisation, name="Nieuw project", consultant=consultant(),
        phase=Phase.INTAKE, starts_on=dt.date(2026, 1, 5), planned_end_on=dt.date(2026, 6, 30),
        budget_hours=Decimal("40"))}


def _new_appointment(cast) -> dict:
    starts = dt.datetime(2026, 3, 2, 10, tzinfo=dt.timezone.utc)
    return {"appointment": Appointment(
        organisation=cast.organisation, kind=AppointmentKind.VISIT, starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2), consultant=consultant(), agenda="Inrichting")}


def _new_booking(cast) -> dict:
    return {"booking": HoursBooking(
        project=make_project(cast.organisation), worked_on=dt.date(2026, 3, 2),
        hours=Decimal("2"), consultant=consultant(), description="Inrichting")}


def _new_release_file(cast) -> dict:
    release_file = ReleaseFile(release=make_release())
    release_file.file.save("nieuw.bin", ContentFile(b"nieuw"), save=False)
    return {"release_file": release_file}


# "app.function": the arguments besides ``actor``, made for the test.
CASES: dict[str, Callable[..., dict]] = {
    "webhooks.disable_endpoint_as_staff": lambda cast: {"endpoint": _endpoint(cast)},
    "api.create_staff_token": lambda cast: {
        "name": "Wachtrij", "expires_on": dt.date.today() + dt.timedelta(days=30)},
    "care.start_handling_feedback": _feedback,
    "care.answer_feedback": lambda cast: {**_feedback(cast), "response": "Antwoord"},
    "care.close_feedback": _feedback,
    "care.decide_extra_support": lambda cast: {
        "request": make_extra_support(cast.administrator),
        "status": ExtraSupportStatus.CONFIRMED},
    "consultancy.answer_visit_request": lambda cast: {
        "visit_request": make_visit_request(cast.administrator),
        "state": VisitRequestState.PLANNED, "answer": "Wij komen in week 12."},
    "consultancy.save_project": _new_project,
    "consultancy.save_appointment": _new_appointment,
    "consultancy.delete_appointment": lambda cast: {
        "appointment": make_appointment(cast.organisation)},
    "consultancy.book_hours": _new_booking,
    "consultancy.delete_booking": lambda cast: {
        "booking": book(make_project(cast.organisation), dt.date(2026, 3, 2), "2")},
    "contacts.set_seat_override": lambda cast: {"organisation": cast.organisation, "seats": 0},
    "contacts.record_expert_certificate": lambda cast: {
        "contact": cast.employee, "certified_on": dt.date(2026, 1, 1),
        "valid_until": dt.date(2028, 1, 1)},
    "contacts.end_expert_certificate": lambda cast: {"contact": cast.expert},
    # R-SSO-1: Customer Care keep an organisation's identity provider.
    "sso.configure_single_sign_on": lambda cast: {
        "organisation": cast.organisation, "config": ProviderSettings(
            issuer="https://idp.test.example", client_id="portal", client_secret="secret",
            domains=frozenset({"test.example"}), require_sso=True)},
    "courses.set_event_capacity": lambda cast: {"event": make_event(), "capacity": 20},
    "courses.record_result": lambda cast: {
        "contact": cast.employee, "course": make_course(), "grade": Decimal("8.0"),
        "taken_on": dt.date(2026, 3, 1)},
    "courses.cancel_enrolment_by_staff": lambda cast: {
        "enrolment": enrol(contact=cast.employee, event=make_event())},
    "incidents.reply_as_staff": lambda cast: {"incident": _incident(cast), "body": "Hallo"},
    "incidents.add_internal_note": lambda cast: {"incident": _incident(cast), "body": "Notitie"},
    "incidents.change_status": lambda cast: {"incident": _incident(cast),
                                             "status": Status.IN_PROGRESS},
    "incidents.set_priority": lambda cast: {"incident": _incident(cast), "priority": 3},
    "incidents.set_team": lambda cast: {"incident": _incident(cast),
                                        "team": SupportTeam.objects.create(name="Financieel")},
    "incidents.assign": lambda cast: {"incident": _incident(cast),
                                      "assignee": staff_member("Support")},
    "incidents.save_opening_schedule": lambda cast: {"schedule": OpeningSchedule(
        valid_from=dt.date(2027, 1, 4), monday_opens=dt.time(9), monday_closes=dt.time(12))},
    "incidents.delete_opening_schedule": lambda cast: {
        "schedule": make_opening_schedule(dt.date(2027, 1, 4))},
    "incidents.save_opening_exception": lambda cast: {"exception": OpeningException(
        date=dt.date(2027, 1, 6), reason="Teamdag")},
    "incidents.delete_opening_exception": lambda cast: {
        "exception": OpeningException.objects.create(date=dt.date(2027, 1, 6),
                                                     reason="Teamdag")},
    "incidents.save_busy_notice": lambda cast: {"notice": BusyNotice(
        expected_end=dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc))},
    "incidents.end_busy_notice": lambda cast: {"notice": BusyNotice.objects.create(
        expected_end=dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc))},
    "incidents.request_remote_access": lambda cast: {"incident": _incident(cast),
                                                     "reason": "Meekijken"},
    "incidents.remote.create_support_code": lambda cast: {"incident": _incident(cast)},
    "incidents.remote.end_remote_session_by_staff": _running_session,
    "incidents.remote.request_backup_permission": lambda cast: {"incident": _incident(cast),
                                                                "reason": "Back-up"},
    "knowledge.save_article": _new_article,
    "knowledge.set_published": lambda cast: {"article": make_article(published=False),
                                             "published": True},
    "partners.register_integration": lambda cast: {"integration": Integration(
        organisation=cast.partner_organisation, name="Nieuwe koppeling",
        agreement_start=dt.date(2026, 1, 1))},
    "partners.record_scan": lambda cast: {
        "integration": make_integration(cast.partner_organisation),
        "scanned_on": dt.date(2026, 1, 2), "colour": ScanColour.GREEN},
    "partners.give_notice": lambda cast: {
        "integration": make_integration(cast.partner_organisation)},
    "partners.terminate_integration": lambda cast: {
        "integration": make_integration(cast.partner_organisation),
        "reason": EndReason.NON_PAYMENT},
    "partners.answer_question": lambda cast: {
        "question": make_question(cast.partner_organisation), "answer": "Antwoord"},
    "updates.store_release_file": _new_release_file,
    "updates.publish_release": lambda cast: {"release": make_release(published=False)},
}


def _action_modules() -> dict[str, str]:
    """{prefix of the case name: module}: every app's ``actions`` and the modules beside."""
    return {**{app: f"{app}.actions" for app in APPS},
            **{module: module for module in MORE_ACTION_MODULES}}


def _function(action: str) -> Callable:
    prefix, name = action.rsplit(".", 1)
    return getattr(importlib.import_module(_action_modules()[prefix]), name)


def _staff_actions() -> set[str]:
    """Every public function of an action module that takes a staff ``User`` as ``actor``."""
    found = set()
    for prefix, module_name in _action_modules().items():
        module = importlib.import_module(module_name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            actor = inspect.signature(function).parameters.get("actor")
            if actor is not None and "User" in str(actor.annotation):
                found.add(f"{prefix}.{name}")
    return found


def test_every_staff_action_is_listed():
    assert _staff_actions() == set(CASES)


def _state(arguments: dict) -> tuple:
    rows = tuple(model.objects.count() for model in WATCHED)
    saved = [value for value in arguments.values()
             if isinstance(value, Model) and value.pk is not None]
    return rows, [type(value).objects.filter(pk=value.pk).values().get() for value in saved]


@pytest.mark.parametrize("action", sorted(CASES))
def test_each_staff_action_refuses_everyone_without_its_permission(cast, action):
    function = _function(action)
    arguments = CASES[action](cast)
    before = _state(arguments)
    # No actor; staff in no group; a customer's administrator; an inactive staff member of
    # every group.
    inactive = make_user(is_staff=True, is_active=False)
    for group in ("Support", "Customer Care", "Partner management", "Consultancy"):
        inactive.groups.add(staff_member(group).groups.get())
    for actor in (None, cast.staff, cast.administrator.user, inactive):
        with pytest.raises(StaffDenied):
            function(actor=actor, **arguments)
    assert _state(arguments) == before


def test_require_staff_names_the_permission_it_missed(cast):
    with pytest.raises(StaffDenied) as refused:
        require_staff(cast.staff, "partners.add_scan")
    assert refused.value.permission == "partners.add_scan"
    assert staff_may(staff_member("Partner management"), "partners.add_scan")
    assert not staff_may(None, "partners.add_scan")
    superuser = make_user(is_staff=False, is_superuser=True)
    assert not staff_may(superuser, "partners.add_scan")  # the admin needs staff too
