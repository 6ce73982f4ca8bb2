"""Actions of customer care: the complaint's first-response target in working time
(R-CARE-1), answering, and extra support at least five days ahead (R-CARE-2)."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from accounts.models import User
from accounts.permissions import CapabilityDenied, StaffDenied
from care import actions
from care.models import (
    ExtraSupportRequest, ExtraSupportStatus, Feedback, FeedbackKind, FeedbackStatus,
)
from contacts.models import ServiceLevel
from core import outbox
from core.models import OutboxItem, OutboxOutcome
from incidents.models import IncidentType, OpeningException
from tests.care.factories import make_extra_support, make_feedback
from tests.factories import make_contact, make_user
from tests.incidents.factories import make_incident

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
    OpeningException.objects.create(date=dt.date(2026, 11, 25), reason="Bedrijfsdag")
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


def test_each_customer_care_member_gets_their_own_outbox_row__R_CARE_1_R_X_8(cast, commit):
    """One row per recipient: one member's address failing never holds up another's."""
    for email in ("care1@test.example", "care2@test.example"):
        make_user(email, is_staff=True).groups.add(Group.objects.get(name="Customer Care"))
    left = make_user("left@test.example", is_staff=True)
    left.groups.add(Group.objects.get(name="Customer Care"))
    with commit(execute=False) as callbacks:
        complaint = make_feedback(cast.employee)
    rows = OutboxItem.objects.filter(kind="care.emails.complaint_notice").order_by("key")
    assert sorted(row.payload["to"] for row in rows) == sorted(
        User.objects.filter(email__in=["care1@test.example", "care2@test.example",
                                       "left@test.example"]).values_list("pk", flat=True))
    assert all(row.key.startswith(f"care-complaint-{complaint.pk}-") for row in rows)
    left.is_active = False  # left before the email went out
    left.save()
    for callback in callbacks:
        callback()
    assert sorted(message.to[0] for message in mail.outbox) == ["care1@test.example",
                                                               "care2@test.example"]
    assert sorted(rows.values_list("outcome", flat=True)) == [
        OutboxOutcome.DONE, OutboxOutcome.DONE, OutboxOutcome.SKIPPED]


def test_every_answer_is_emailed_with_the_text_given_then__R_CARE_1_R_X_8(cast):
    complaint = make_feedback(cast.employee)
    staff = _care_staff()
    with mock.patch("core.tasks.relay_outbox_item.apply_async"):  # both wait in the outbox
        actions.answer_feedback(feedback=complaint, actor=staff, response="Eerste antwoord",
                                now=_at(2026, 11, 24, 10, 0))
        actions.answer_feedback(feedback=complaint, actor=staff, response="Tweede antwoord",
                                now=_at(2026, 11, 24, 11, 0))
    outbox.sweep(now=timezone.now() + dt.timedelta(minutes=2))
    bodies = sorted(message.body for message in mail.outbox)
    assert len(bodies) == 2
    assert "Eerste antwoord" in bodies[0] and "Tweede antwoord" in bodies[1]


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
    with pytest.raises(StaffDenied):
        actions.answer_feedback(feedback=complaint, actor=support, response="Hoi")
    with pytest.raises(StaffDenied):
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


# Outside opening hours (R-CARE-2): the desk is open Monday–Thursday 08:30–17:00 and Friday
# 08:30–16:00, Amsterdam time, except on public holidays and closure days.
TUESDAY_1_DECEMBER = _at(2026, 12, 1, 9, 0)


def _request(cast, start: dt.datetime, end: dt.datetime, **options):
    return actions.request_extra_support(
        contact=options.pop("contact", cast.administrator), starts_at=start, ends_at=end,
        description="Migratie", now=TUESDAY_1_DECEMBER, **options)


def _contact_of(organisation):
    """A submitter of another organisation, from before the starter-course gate."""
    from accounts.roles import Role

    return make_contact(organisation, Role.SUBMIT_INCIDENTS, email="melder@other.example",
                        created_at=_at(2024, 1, 2, 9, 0))


def test_a_window_within_opening_hours_is_refused_naming_the_overlap__R_CARE_2(cast):
    """The window of the issue: Tuesday 8 December 10:00–12:00."""
    with pytest.raises(actions.WithinOpeningHours) as refusal:
        _request(cast, _at(2026, 12, 8, 10, 0), _at(2026, 12, 8, 12, 0))
    assert refusal.value.overlaps == [actions.Overlap(
        starts_at=_at(2026, 12, 8, 10, 0), ends_at=_at(2026, 12, 8, 12, 0),
        opens=dt.time(8, 30), closes=dt.time(17, 0))]
    assert not ExtraSupportRequest.objects.exists()


@pytest.mark.parametrize(("start", "end", "overlaps"), [
    # Partly inside: only the part within opening hours is named.
    (_at(2026, 12, 8, 16, 0), _at(2026, 12, 8, 20, 0), [((8, 16, 0), (8, 17, 0))]),
    (_at(2026, 12, 8, 7, 0), _at(2026, 12, 8, 9, 0), [((8, 8, 30), (8, 9, 0))]),
    # Friday closes at 16:00.
    (_at(2026, 12, 11, 15, 0), _at(2026, 12, 11, 18, 0), [((11, 15, 0), (11, 16, 0))]),
    # Over two nights, every opening in between.
    (_at(2026, 12, 7, 18, 0), _at(2026, 12, 9, 9, 0),
     [((8, 8, 30), (8, 17, 0)), ((9, 8, 30), (9, 9, 0))]),
])
def test_every_overlap_is_named_per_day__R_CARE_2(cast, start, end, overlaps):
    with pytest.raises(actions.WithinOpeningHours) as refusal:
        _request(cast, start, end)
    assert [(overlap.starts_at, overlap.ends_at) for overlap in refusal.value.overlaps] == [
        (_at(2026, 12, *first), _at(2026, 12, *last)) for first, last in overlaps]


@pytest.mark.parametrize(("start", "end"), [
    (_at(2026, 12, 12, 10, 0), _at(2026, 12, 12, 14, 0)),  # Saturday
    (_at(2026, 12, 8, 17, 0), _at(2026, 12, 8, 21, 0)),    # from closing time exactly
    (_at(2026, 12, 8, 6, 0), _at(2026, 12, 8, 8, 30)),     # until opening time exactly
    (_at(2026, 12, 11, 16, 0), _at(2026, 12, 11, 20, 0)),  # Friday after 16:00
    (_at(2026, 12, 8, 17, 0), _at(2026, 12, 9, 8, 30)),    # the night in between
    (_at(2026, 12, 25, 10, 0), _at(2026, 12, 25, 12, 0)),  # Christmas Day: closed
    (_at(2026, 12, 24, 17, 0), _at(2026, 12, 27, 8, 0)),   # the whole Christmas weekend
])
def test_a_window_outside_opening_hours_is_accepted_and_billable__R_CARE_2(cast, start, end):
    request = _request(cast, start, end)
    assert request.billable is True and request.outage is None
    assert (request.starts_at, request.ends_at) == (start, end)


def test_a_closure_day_is_outside_opening_hours__R_CARE_2(cast):
    OpeningException.objects.create(date=dt.date(2026, 12, 10), reason="Bedrijfsuitje")
    assert _request(cast, _at(2026, 12, 10, 10, 0), _at(2026, 12, 10, 12, 0)).billable
    with pytest.raises(actions.WithinOpeningHours):  # the day after is a normal Friday
        _request(cast, _at(2026, 12, 11, 10, 0), _at(2026, 12, 11, 12, 0))


def test_an_outage_may_be_within_opening_hours_and_is_not_billable__R_CARE_2(cast):
    outage = make_incident(cast.submitter, "Niemand kan inloggen",
                           incident_type=IncidentType.OUTAGE)
    request = _request(cast, _at(2026, 12, 8, 10, 0), _at(2026, 12, 8, 12, 0),
                       outage_number=outage.number)
    assert request.outage == outage and request.billable is False
    # Outside opening hours too: support for an outage is never charged.
    evening = _request(cast, _at(2026, 12, 8, 18, 0), _at(2026, 12, 8, 22, 0),
                       outage_number=outage.number)
    assert evening.billable is False


def test_only_an_outage_of_the_organisation_counts__R_CARE_2_R_ROLE_14(cast):
    fault = make_incident(cast.submitter, incident_type=IncidentType.FAULT)
    theirs = make_incident(
        _contact_of(cast.other_organisation), incident_type=IncidentType.OUTAGE)
    window = (_at(2026, 12, 8, 10, 0), _at(2026, 12, 8, 12, 0))
    with pytest.raises(actions.NotAnOutage):
        _request(cast, *window, outage_number=fault.number)
    for number in (theirs.number, "99999999"):  # another organisation's is unknown here
        with pytest.raises(actions.UnknownIncident) as refusal:
            _request(cast, *window, outage_number=number)
        assert refusal.value.number == number
    assert not ExtraSupportRequest.objects.exists()


def test_the_overlap_check_is_one_query_whatever_the_window__R_CARE_2(
        cast, django_assert_num_queries):
    with django_assert_num_queries(1):  # the closure days of the window's dates
        overlaps = actions.opening_hours_overlap(_at(2026, 12, 7, 0, 0),
                                                 _at(2026, 12, 14, 0, 0))
    assert len(overlaps) == 5


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


def test_each_decision_is_emailed_as_it_was_taken__R_CARE_2_R_X_8(cast):
    request = make_extra_support(cast.administrator)
    support = make_user("desk@test.example", is_staff=True)
    support.groups.add(Group.objects.get(name="Support"))
    with mock.patch("core.tasks.relay_outbox_item.apply_async"):  # both wait in the outbox
        actions.decide_extra_support(request=request, actor=support,
                                     status=ExtraSupportStatus.CONFIRMED, note="Jan belt.",
                                     now=_at(2026, 12, 1, 10, 0))
        actions.decide_extra_support(request=request, actor=support,
                                     status=ExtraSupportStatus.DECLINED, note="Toch niet.",
                                     now=_at(2026, 12, 1, 11, 0))
    assert outbox.sweep(now=timezone.now() + dt.timedelta(minutes=2)) == 2
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["Je aanvraag voor extra ondersteuning is afgewezen",
                        "Je extra ondersteuning is bevestigd"]
    bodies = {message.subject: message.body for message in mail.outbox}
    assert "Jan belt." in bodies["Je extra ondersteuning is bevestigd"]
    assert "Toch niet." in bodies["Je aanvraag voor extra ondersteuning is afgewezen"]


def test_extra_support_reads_the_hours_staff_keep__R_INC_16_R_CARE_2(cast):
    """A longer evening makes 17:00–20:00 opening hours; a new schedule that closes on
    Fridays makes a Friday window outside them."""
    from incidents.models import OpeningSchedule

    OpeningException.objects.create(date=dt.date(2026, 12, 8), reason="Releaseavond",
                                    opens=dt.time(8, 30), closes=dt.time(21, 0))
    with pytest.raises(actions.WithinOpeningHours) as refusal:
        _request(cast, _at(2026, 12, 8, 17, 0), _at(2026, 12, 8, 21, 0))
    assert refusal.value.overlaps[0].closes == dt.time(21, 0)
    with pytest.raises(actions.WithinOpeningHours):
        _request(cast, _at(2026, 12, 11, 10, 0), _at(2026, 12, 11, 12, 0))
    OpeningSchedule.objects.create(
        valid_from=dt.date(2026, 12, 7), **{f"{day}_{edge}": time for day in (
            "monday", "tuesday", "wednesday", "thursday") for edge, time in (
            ("opens", dt.time(8, 30)), ("closes", dt.time(17, 0)))})
    assert _request(cast, _at(2026, 12, 11, 10, 0), _at(2026, 12, 11, 12, 0)).billable
