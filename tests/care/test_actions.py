"""Actions of customer care: the complaint's first-response target in working time
(R-CARE-1), answering, and extra support at least five days ahead (R-CARE-2)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from accounts.permissions import CapabilityDenied
from care import actions
from care.models import ExtraSupportStatus, Feedback, FeedbackKind, FeedbackStatus
from contacts.models import ServiceLevel
from incidents.models import ClosureDay
from tests.care.factories import make_extra_support, make_feedback
from tests.factories import make_user

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMS)


@pytest.mark.parametrize(("received", "due"), [
    (_at(2026, 11, 24, 9, 0), _at(2026, 11, 25, 9, 0)),     # Tuesday → Wednesday
    (_at(2026, 11, 27, 10, 0), _at(2026, 11, 30, 10, 0)),   # Friday → Monday
    (_at(2026, 11, 26, 16, 30), _at(2026, 11, 27, 16, 0)),  # Thursday late → Friday close
    (_at(2026, 11, 28, 11, 0), _at(2026, 12, 1, 8, 30)),    # Saturday → Tuesday opening
    (_at(2026, 12, 24, 12, 0), _at(2026, 12, 28, 12, 0)),   # over Christmas
])
def test_a_complaint_gets_a_target_of_one_working_day__R_CARE_1(cast, received, due):
    complaint = make_feedback(cast.employee, now=received)
    assert complaint.response_due_at == due
    assert complaint.status == FeedbackStatus.RECEIVED


def test_the_target_skips_closure_days__R_CARE_1(cast):
    ClosureDay.objects.create(date=dt.date(2026, 11, 25), reason="Bedrijfsdag")
    complaint = make_feedback(cast.employee, now=_at(2026, 11, 24, 9, 0))
    assert complaint.response_due_at == _at(2026, 11, 26, 9, 0)


def test_feedback_has_no_target__R_CARE_1(cast):
    feedback = make_feedback(cast.employee, kind=FeedbackKind.FEEDBACK)
    assert feedback.response_due_at is None
    assert not feedback.is_overdue(now=_at(2030, 1, 1, 9, 0))


def test_a_contact_without_a_role_cannot_send_feedback__R_ROLE_11(cast):
    with pytest.raises(CapabilityDenied):
        make_feedback(cast.no_role)
    assert not Feedback.objects.exists()


def test_a_complaint_is_emailed_to_customer_care__R_CARE_1(cast, commit):
    staff = make_user("care@test.example", is_staff=True)
    staff.groups.add(Group.objects.get(name="Customer Care"))
    make_user("support2@test.example", is_staff=True).groups.add(
        Group.objects.get(name="Support"))
    with commit(execute=False) as callbacks:
        make_feedback(cast.employee, subject="Geen reactie")
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["care@test.example"]]
    assert "Demo BV" in mail.outbox[0].subject and "Geen reactie" in mail.outbox[0].subject
    mail.outbox.clear()
    with commit(execute=True):
        make_feedback(cast.employee, kind=FeedbackKind.FEEDBACK)
    assert mail.outbox == []


def _care_staff():
    staff = make_user("care@test.example", is_staff=True, first_name="Carla")
    staff.groups.add(Group.objects.get(name="Customer Care"))
    return staff


def test_the_answer_is_the_first_response_and_is_emailed_in_the_senders_language__R_CARE_1(
        cast, commit):
    cast.employee.language = "en"
    cast.employee.save()
    complaint = make_feedback(cast.employee, now=_at(2026, 11, 24, 9, 0))
    staff = _care_staff()
    mail.outbox.clear()
    with commit(execute=True):
        answered = actions.answer_feedback(feedback=complaint, actor=staff,
                                           response="Sorry, we call you today.",
                                           now=_at(2026, 11, 24, 15, 0))
    assert answered.status == FeedbackStatus.ANSWERED
    assert answered.first_response_at == _at(2026, 11, 24, 15, 0)
    assert not answered.is_overdue(now=_at(2026, 11, 30, 9, 0))
    assert [message.to for message in mail.outbox] == [[cast.employee.user.email]]
    assert "Our response to" in mail.outbox[0].subject
    assert "Sorry, we call you today." in mail.outbox[0].body
    again = actions.answer_feedback(feedback=answered, actor=staff, response="Update.",
                                    now=_at(2026, 11, 26, 9, 0))
    assert again.first_response_at == _at(2026, 11, 24, 15, 0)  # the first one counts


def test_an_unanswered_complaint_after_its_target_is_overdue__R_CARE_1(cast):
    complaint = make_feedback(cast.employee, now=_at(2026, 11, 24, 9, 0))
    assert not complaint.is_overdue(now=_at(2026, 11, 25, 8, 59))
    assert complaint.is_overdue(now=_at(2026, 11, 25, 9, 1))
    in_progress = actions.start_handling_feedback(feedback=complaint, actor=_care_staff())
    assert in_progress.status == FeedbackStatus.IN_PROGRESS
    assert in_progress.is_overdue(now=_at(2026, 11, 25, 9, 1))  # only an answer counts


def test_only_customer_care_staff_answer(cast):
    complaint = make_feedback(cast.employee)
    support = make_user("support2@test.example", is_staff=True)
    support.groups.add(Group.objects.get(name="Support"))
    with pytest.raises(CapabilityDenied):
        actions.answer_feedback(feedback=complaint, actor=support, response="Hoi")
    with pytest.raises(CapabilityDenied):
        actions.close_feedback(feedback=complaint, actor=cast.employee.user)


def test_an_empty_answer_is_refused(cast):
    with pytest.raises(actions.CareError):
        actions.answer_feedback(feedback=make_feedback(cast.employee), actor=_care_staff(),
                                response="   ")


def test_close(cast):
    closed = actions.close_feedback(feedback=make_feedback(cast.employee), actor=_care_staff(),
                                    now=_at(2026, 11, 24, 12, 0))
    assert (closed.status, closed.closed_at) == (FeedbackStatus.CLOSED, _at(2026, 11, 24, 12, 0))


# Extra support (R-CARE-2) ------------------------------------------------------------


def test_the_first_allowed_date_is_five_days_ahead_in_amsterdam__R_CARE_2():
    # 23:30 UTC on Monday 23 November is already Tuesday 24 November in Amsterdam.
    late = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.timezone.utc)
    assert actions.first_allowed_start(late) == dt.date(2026, 11, 29)


@pytest.mark.parametrize(("start", "allowed"), [
    (_at(2026, 11, 29, 0, 0), True),     # exactly five days ahead, at midnight
    (_at(2026, 11, 28, 23, 59), False),  # one minute short of that date
    (_at(2026, 11, 25, 18, 0), False),
    (_at(2026, 11, 23, 18, 0), False),   # in the past
])
def test_extra_support_at_least_five_days_ahead__R_CARE_2(cast, start, allowed):
    now = _at(2026, 11, 24, 9, 0)
    request = lambda: actions.request_extra_support(  # noqa: E731
        contact=cast.administrator, starts_at=start, ends_at=start + dt.timedelta(hours=4),
        description="Jaarafsluiting", now=now)
    if allowed:
        assert request().status == ExtraSupportStatus.REQUESTED
    else:
        with pytest.raises(actions.TooEarly) as refusal:
            request()
        assert refusal.value.first_allowed == dt.date(2026, 11, 29)


def test_extra_support_is_billable_unless_first_class__R_CARE_2(cast):
    assert make_extra_support(cast.administrator).billable is True
    cast.organisation.service_level = ServiceLevel.FIRST_CLASS
    cast.organisation.save()
    cast.administrator.refresh_from_db()
    assert make_extra_support(cast.administrator).billable is False


@pytest.mark.parametrize("who", ["employee", "submitter", "viewer", "no_role"])
def test_only_administrators_request_extra_support__R_ROLE_12(cast, who):
    with pytest.raises(CapabilityDenied):
        make_extra_support(getattr(cast, who))


def test_a_window_must_end_after_it_starts__R_CARE_2(cast):
    with pytest.raises(actions.EndsBeforeStart):
        make_extra_support(cast.administrator, hours=0)


def test_support_is_told_and_the_decision_is_emailed__R_CARE_2(cast, commit):
    support = make_user("desk@test.example", is_staff=True)
    support.groups.add(Group.objects.get(name="Support"))
    with commit(execute=True):
        request = make_extra_support(cast.administrator)
    assert [message.to for message in mail.outbox] == [["desk@test.example"]]
    mail.outbox.clear()
    with commit(execute=True):
        decided = actions.decide_extra_support(request=request, actor=support,
                                               status=ExtraSupportStatus.CONFIRMED,
                                               note="Jan is bereikbaar op 088-1234567.")
    assert decided.status == ExtraSupportStatus.CONFIRMED and decided.handled_by == support
    assert [message.to for message in mail.outbox] == [[cast.administrator.user.email]]
    assert "Jan is bereikbaar" in mail.outbox[0].body
