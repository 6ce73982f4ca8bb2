"""Actions of consultancy: staff keep projects, appointments and hours under their
permissions (R-CONS-1, R-CONS-2); administrators request visits and staff answer them, with
emails through the outbox in the change's transaction (R-CONS-3, R-X-8)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation

from accounts.permissions import CapabilityDenied
from consultancy import actions
from consultancy.models import (
    Appointment, HoursBooking, Project, VisitKind, VisitRequest, VisitRequestState,
)
from core.models import OutboxItem, OutboxOutcome
from tests.consultancy.factories import (
    book, consultant, make_appointment, make_project, make_visit_request,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def _staff(group: str | None, email: str = "desk@test.example"):
    user = make_user(email, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


# Staff keep projects, appointments and hours (R-CONS-1, R-CONS-2) ----------------------

@pytest.mark.parametrize("group", [None, "Support", "Customer Care", "Partner management"])
def test_only_consultancy_staff_keep_projects_appointments_and_hours__R_CONS_1(cast, group):
    outsider = _staff(group)
    project = make_project(cast.organisation)
    appointment = make_appointment(cast.organisation, project=project)
    booking = book(project, timezone.localdate(), "2")
    new = Project(organisation=cast.organisation, name="Nieuw", consultant=consultant(),
                  starts_on=timezone.localdate(), planned_end_on=timezone.localdate(),
                  budget_hours=Decimal("10"))
    for attempt in (
        lambda: actions.save_project(project=new, actor=outsider),
        lambda: actions.save_project(project=project, actor=outsider),
        lambda: actions.save_appointment(appointment=appointment, actor=outsider),
        lambda: actions.delete_appointment(appointment=appointment, actor=outsider),
        lambda: actions.book_hours(booking=booking, actor=outsider),
        lambda: actions.delete_booking(booking=booking, actor=outsider),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert Project.objects.count() == 1 and Appointment.objects.count() == 1
    assert HoursBooking.objects.count() == 1


def test_a_consultant_who_left_can_no_longer_change_anything__R_CONS_1(cast):
    project = make_project(cast.organisation)
    user = consultant()
    user.is_active = False
    user.save()
    with pytest.raises(PermissionDenied):
        actions.save_project(project=project, actor=user)


def test_the_consultant_of_a_project_is_staff__R_CONS_1(cast):
    with pytest.raises(ValidationError) as refused:
        actions.save_project(project=Project(
            organisation=cast.organisation, name="Nieuw", consultant=cast.administrator.user,
            starts_on=timezone.localdate(), planned_end_on=timezone.localdate(),
            budget_hours=Decimal("1")), actor=consultant())
    assert "consultant" in refused.value.message_dict
    assert not Project.objects.exists()


def test_a_project_ends_after_it_starts_and_has_no_negative_budget__R_CONS_1(cast):
    with pytest.raises(ValidationError) as refused:
        make_project(cast.organisation, starts_on=dt.date(2026, 5, 1),
                     planned_end_on=dt.date(2026, 4, 30), budget="-1")
    assert set(refused.value.message_dict) == {"planned_end_on", "budget_hours"}
    assert not Project.objects.exists()


def test_an_appointments_project_is_of_its_organisation__R_CONS_2(cast):
    theirs = make_project(cast.other_organisation)
    with pytest.raises(ValidationError) as refused:
        make_appointment(cast.organisation, project=theirs)
    assert "project" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        make_appointment(cast.organisation, hours=0)
    assert "ends_at" in refused.value.message_dict or "__all__" in refused.value.message_dict
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("hours", ["0", "0.1", "24.25", "-2"])
def test_hours_booked_are_a_quarter_to_a_whole_day__R_CONS_2(cast, hours):
    project = make_project(cast.organisation)
    with pytest.raises(ValidationError):
        book(project, timezone.localdate(), hours)
    assert not HoursBooking.objects.exists()


def test_changes_are_in_the_audit_trail_with_the_staff_member__R_CONS_1(cast):
    from auditlog.models import LogEntry

    project = make_project(cast.organisation, budget="40")
    project.budget_hours = Decimal("60")
    actions.save_project(project=project, actor=consultant())
    entry = LogEntry.objects.get_for_object(project).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == consultant() and entry.changes_dict["budget_hours"] == ["40.00", "60"]


# Administrators request a visit (R-CONS-3) ---------------------------------------------

@pytest.mark.parametrize("who", ["employee", "submitter", "viewer", "no_role", "expert"])
def test_only_administrators_request_a_visit__R_CONS_3(cast, who):
    with pytest.raises(CapabilityDenied):
        make_visit_request(getattr(cast, who))
    assert not VisitRequest.objects.exists()


def test_a_request_needs_a_week_that_can_be_chosen__R_CONS_3(cast):
    weeks = actions.selectable_weeks()
    with pytest.raises(actions.NoWeekChosen):
        actions.request_visit(contact=cast.administrator, kind=VisitKind.CONSULTANT,
                              subject="Uitleg", weeks=[])
    for week in (weeks[0] - dt.timedelta(weeks=1), weeks[-1] + dt.timedelta(weeks=1),
                 weeks[0] + dt.timedelta(days=2)):
        with pytest.raises(actions.WeekNotOffered) as refused:
            make_visit_request(cast.administrator, weeks=[weeks[1], week])
        assert refused.value.week == week
    assert not VisitRequest.objects.exists()


def test_the_weeks_offered_are_the_twelve_after_this_one__R_CONS_3():
    sunday = dt.date(2026, 3, 29)
    weeks = actions.selectable_weeks(sunday)
    assert weeks[0] == dt.date(2026, 3, 30) and len(weeks) == 12
    assert weeks[-1] == dt.date(2026, 6, 15)
    assert actions.selectable_weeks(dt.date(2026, 3, 30))[0] == dt.date(2026, 4, 6)
    assert all(week.weekday() == 0 for week in weeks)


def test_a_request_about_another_organisations_project_is_refused__R_CONS_3(cast):
    theirs = make_project(cast.other_organisation)
    with pytest.raises(actions.ProjectOfAnotherOrganisation):
        make_visit_request(cast.administrator, project=theirs)
    assert not VisitRequest.objects.exists()


def test_weeks_are_kept_in_order_once__R_CONS_3(cast):
    weeks = actions.selectable_weeks()
    visit = make_visit_request(cast.administrator, weeks=[weeks[5], weeks[2], weeks[5]])
    assert visit.weeks == [weeks[2], weeks[5]]
    assert visit.preferred_weeks == [weeks[2].isoformat(), weeks[5].isoformat()]


def test_each_consultancy_member_is_told_of_a_new_request__R_CONS_3_R_X_8(cast, commit):
    first = consultant()
    second = consultant("adviseur@test.example", first_name="Ada", last_name="Adviseur")
    left = consultant("weg@test.example")
    _staff("Support", "support2@test.example")
    with commit(execute=False) as callbacks:
        visit = make_visit_request(cast.administrator, subject="Hulp bij jaarafsluiting")
    rows = OutboxItem.objects.filter(kind="consultancy.emails.visit_request_notice")
    assert sorted(row.payload["to"] for row in rows) == sorted([first.pk, second.pk, left.pk])
    assert all(row.key.startswith(f"consultancy-visit-{visit.pk}-") for row in rows)
    assert mail.outbox == []  # nothing before the commit
    left.is_active = False
    left.save()
    for callback in callbacks:
        callback()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "adviseur@test.example", "consultant@test.example"]
    assert "Demo BV" in mail.outbox[0].subject
    assert "Hulp bij jaarafsluiting" in mail.outbox[0].subject
    assert f"/admin/consultancy/visitrequest/{visit.pk}/change/" in mail.outbox[0].body
    assert sorted(rows.values_list("outcome", flat=True)) == [
        OutboxOutcome.DONE, OutboxOutcome.DONE, OutboxOutcome.SKIPPED]


def test_the_notice_is_written_in_the_requests_transaction__R_CONS_3_R_X_8(cast):
    consultant()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_visit_request(cast.administrator)
        assert OutboxItem.objects.count() == 1
        raise RuntimeError("the request fails after the action")
    assert not VisitRequest.objects.exists() and not OutboxItem.objects.exists()


# Staff answer (R-CONS-3) ---------------------------------------------------------------

@pytest.mark.parametrize("group", [None, "Support", "Customer Care"])
def test_only_consultancy_staff_answer__R_CONS_3(cast, group):
    visit = make_visit_request(cast.administrator)
    with pytest.raises(PermissionDenied):
        actions.answer_visit_request(visit_request=visit, actor=_staff(group),
                                     state=VisitRequestState.PLANNED, answer="Gepland")
    visit.refresh_from_db()
    assert visit.state == VisitRequestState.REQUESTED


@pytest.mark.parametrize(("state", "answer"), [
    (VisitRequestState.REQUESTED, "Nog even geduld"),
    (VisitRequestState.PLANNED, "   "),
    (VisitRequestState.DECLINED, ""),
])
def test_an_answer_plans_or_declines_with_a_text__R_CONS_3(cast, state, answer):
    visit = make_visit_request(cast.administrator)
    with pytest.raises(actions.NotAnAnswer):
        actions.answer_visit_request(visit_request=visit, actor=consultant(), state=state,
                                     answer=answer)
    assert not OutboxItem.objects.filter(kind__endswith="visit_request_answer").exists()


def test_the_appointment_of_an_answer_is_the_organisations__R_CONS_3(cast):
    visit = make_visit_request(cast.administrator)
    theirs = make_appointment(cast.other_organisation)
    with pytest.raises(actions.ProjectOfAnotherOrganisation):
        actions.answer_visit_request(visit_request=visit, actor=consultant(),
                                     state=VisitRequestState.PLANNED, answer="Gepland",
                                     appointment=theirs)
    visit.refresh_from_db()
    assert visit.state == VisitRequestState.REQUESTED and visit.appointment is None


@pytest.mark.parametrize(("language", "subject", "month"), [
    ("nl", None, "maart"), ("en", "Your visit is planned: Uitleg", "March"),
])
def test_the_requester_is_emailed_the_answer_in_their_language__R_CONS_3_R_X_1(
        cast, commit, language, subject, month):
    cast.administrator.language = language
    cast.administrator.save()
    visit = make_visit_request(cast.administrator, subject="Uitleg")
    mail.outbox.clear()
    starts = timezone.make_aware(dt.datetime(2027, 3, 9, 10, 0))
    appointment = make_appointment(cast.organisation, starts_at=starts)
    with commit(execute=False) as callbacks:
        answered = actions.answer_visit_request(
            visit_request=visit, actor=consultant(), state=VisitRequestState.PLANNED,
            answer="Koen komt langs.", appointment=appointment)
    assert answered.state == VisitRequestState.PLANNED and answered.answered_by == consultant()
    assert OutboxItem.objects.filter(kind="consultancy.emails.visit_request_answer").count() == 1
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == [cast.administrator.user.email]
    assert "Koen komt langs." in message.body and "/consultancy/visits/" in message.body
    with translation.override(language):
        assert formats.date_format(timezone.localtime(starts), "DATETIME_FORMAT") in message.body
    assert month in message.body
    if subject:
        assert message.subject == subject


def test_every_answer_is_emailed_once_with_the_text_given_then__R_CONS_3_R_X_8(cast):
    visit = make_visit_request(cast.administrator)
    staff = consultant()
    with mock.patch("core.tasks.relay_outbox_item.apply_async"):  # all wait in the outbox
        first = timezone.now()
        actions.answer_visit_request(visit_request=visit, actor=staff, answer="Week 12 kan",
                                     state=VisitRequestState.PLANNED, now=first)
        actions.answer_visit_request(visit_request=visit, actor=staff, answer="Week 12 kan",
                                     state=VisitRequestState.PLANNED,
                                     now=first + dt.timedelta(minutes=1))
        actions.answer_visit_request(visit_request=visit, actor=staff, answer="Toch niet",
                                     state=VisitRequestState.DECLINED,
                                     now=first + dt.timedelta(minutes=2))
    rows = OutboxItem.objects.filter(kind="consultancy.emails.visit_request_answer")
    assert sorted((row.payload["state"], row.payload["answer"]) for row in rows) == [
        ("declined", "Toch niet"), ("planned", "Week 12 kan")]
    from core.outbox import relay

    for row in rows.order_by("pk"):
        relay(row.pk)
    assert [message.body.count("Week 12 kan") for message in mail.outbox] == [1, 0]
    assert "Toch niet" in mail.outbox[1].body


def test_a_requester_who_left_gets_no_email__R_CONS_3(cast, commit):
    visit = make_visit_request(cast.administrator)
    cast.administrator.is_active = False
    cast.administrator.save()
    with commit(execute=True):
        actions.answer_visit_request(visit_request=visit, actor=consultant(),
                                     state=VisitRequestState.DECLINED, answer="Niet nodig")
    assert mail.outbox == []
    assert OutboxItem.objects.get(kind__endswith="visit_request_answer").outcome == (
        OutboxOutcome.SKIPPED)
