"""Incident actions: submitting, routing, statuses, priority and SLA, replies, notes, remote
access, the survey (R-INC-1 … R-INC-11, R-ROLE-6/7/13, R-GATE-1)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.permissions import CapabilityDenied
from contacts.models import ServiceLevel
from incidents import actions
from incidents.models import (
    AccessLevel, Attachment, Incident, IncidentType, Message, MessageKind,
    ProductArea, RoutingRule, Status, StatusChange, SupportTeam,
)
from core.models import OutboxItem
from tests.courses.factories import make_blocked_submitter, make_result
from tests.incidents.factories import MONDAY_10, at, make_incident, pdf

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)


def test_submitting_creates_a_numbered_incident__R_INC_1(cast):
    incident = make_incident(cast.submitter, files=[pdf()])
    assert len(incident.number) == 8 and incident.number.isdigit()
    assert incident.organisation == cast.organisation
    assert incident.reporter == cast.submitter
    assert incident.status == Status.SUBMITTED
    assert incident.priority is None
    assert incident.attachments.get().name == "screenshot.pdf"
    assert list(incident.status_changes.values_list("from_status", "to_status")) == [
        ("", Status.SUBMITTED)]


def test_numbers_are_random_and_unique__R_INC_1(cast):
    numbers = [make_incident(cast.submitter).number for _ in range(20)]
    assert len(set(numbers)) == 20
    ordered = sorted(int(number) for number in numbers)
    # Not a sequence: neighbouring numbers say nothing about other organisations' incidents.
    assert max(b - a for a, b in itertools.pairwise(ordered)) > 1000


@pytest.mark.parametrize("who", ["no_role", "employee", "administrator", "viewer"])
def test_only_submitters_may_submit__R_ROLE_6_R_ROLE_13(cast, who):
    with pytest.raises(CapabilityDenied):
        make_incident(getattr(cast, who))
    assert not Incident.objects.exists()


def test_a_contact_without_the_starter_course_is_blocked__R_GATE_1(cast):
    blocked, course = make_blocked_submitter(cast.organisation)
    with pytest.raises(actions.GateBlocked) as refused:
        make_incident(blocked)
    assert refused.value.gate.course == course
    assert not Incident.objects.exists()
    make_result(blocked, course, "7.0")
    assert make_incident(blocked).reporter == blocked


def test_a_bad_attachment_stores_nothing__R_INC_9(cast):
    exe = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    with pytest.raises(ValidationError):
        make_incident(cast.submitter, files=[pdf(), exe])
    assert not Incident.objects.exists() and not Attachment.objects.exists()


def test_routing_rules_pick_the_team__R_INC_3(cast):
    finance = SupportTeam.objects.create(name="Financieel")
    questions = SupportTeam.objects.create(name="Vragen financieel")
    RoutingRule.objects.create(product_area=ProductArea.FINANCE, incident_type="", team=finance)
    RoutingRule.objects.create(product_area=ProductArea.FINANCE,
                               incident_type=IncidentType.QUESTION, team=questions)
    assert make_incident(cast.submitter).team == finance
    assert make_incident(cast.submitter, incident_type=IncidentType.QUESTION).team == questions
    assert make_incident(cast.submitter, product_area=ProductArea.CRM).team is None


def test_status_flow_and_history__R_INC_6(cast, staff):
    incident = make_incident(cast.submitter)
    for status in (Status.IN_PROGRESS, Status.WAITING, Status.IN_PROGRESS, Status.RESOLVED,
                   Status.CLOSED):
        actions.change_status(incident=incident, status=status, actor=staff)
    history = list(StatusChange.objects.filter(incident=incident)
                   .values_list("from_status", "to_status", "by_user"))
    assert history == [
        ("", "submitted", None), ("submitted", "in_progress", staff.pk),
        ("in_progress", "waiting", staff.pk), ("waiting", "in_progress", staff.pk),
        ("in_progress", "resolved", staff.pk), ("resolved", "closed", staff.pk)]


def test_closed_is_final__R_INC_6(cast, staff):
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    actions.change_status(incident=incident, status=Status.CLOSED, actor=staff)
    for status in (Status.IN_PROGRESS, Status.RESOLVED, Status.WAITING):
        with pytest.raises(actions.TransitionRefused):
            actions.change_status(incident=incident, status=status, actor=staff)
    with pytest.raises(actions.IncidentClosed):
        actions.reply(contact=cast.submitter, incident=incident, body="Nog een vraag")
    with pytest.raises(actions.IncidentClosed):
        actions.reply_as_staff(incident=incident, body="Nog iets", actor=staff)


def test_invalid_transition_is_refused__R_INC_6(cast, staff):
    incident = make_incident(cast.submitter)
    with pytest.raises(actions.TransitionRefused):
        actions.change_status(incident=incident, status=Status.CLOSED, actor=staff)
    assert Incident.objects.get().status == Status.SUBMITTED


def test_a_customer_reply_reopens_a_resolved_incident__R_INC_6(cast, staff):
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    actions.reply(contact=cast.submitter, incident=incident, body="Het werkt nog steeds niet")
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS and incident.resolved_at is None
    last = incident.status_changes.last()
    assert (last.from_status, last.to_status, last.by_contact) == (
        Status.RESOLVED, Status.IN_PROGRESS, cast.submitter)


def test_a_customer_reply_ends_the_wait__R_INC_6(cast, staff):
    incident = make_incident(cast.submitter)
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
    actions.reply(contact=cast.submitter, incident=incident, body="Hier is de schermafdruk",
                  files=[pdf()])
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS
    assert Message.objects.get().attachments.count() == 1


def test_viewers_and_colleagues_cannot_reply__R_ROLE_13(cast):
    incident = make_incident(cast.submitter)
    with pytest.raises(CapabilityDenied):
        actions.reply(contact=cast.viewer, incident=incident, body="x")
    with pytest.raises(CapabilityDenied):
        actions.reply(contact=cast.administrator, incident=incident, body="x")
    with pytest.raises(Incident.DoesNotExist):
        actions.reply(contact=cast.expert, incident=incident, body="x")  # a colleague's
    with pytest.raises(Incident.DoesNotExist):
        actions.reply(contact=cast.other_administrator, incident=incident, body="x")
    assert not Message.objects.exists()


def test_staff_actions_need_the_support_permission(cast):
    incident = make_incident(cast.submitter)
    for call in (lambda: actions.change_status(incident=incident, status=Status.IN_PROGRESS,
                                               actor=cast.staff),
                 lambda: actions.set_priority(incident=incident, priority=3, actor=cast.staff),
                 lambda: actions.reply_as_staff(incident=incident, body="x", actor=cast.staff),
                 lambda: actions.add_internal_note(incident=incident, body="x", actor=cast.staff),
                 lambda: actions.assign(incident=incident, assignee=cast.staff, actor=cast.staff)):
        with pytest.raises(PermissionDenied):
            call()


def test_p1_only_for_first_class__R_INC_4(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    with pytest.raises(actions.PriorityRefused):
        actions.set_priority(incident=incident, priority=1, actor=staff)
    assert Incident.objects.get().priority is None
    cast.organisation.service_level = ServiceLevel.FIRST_CLASS
    cast.organisation.save()
    incident = actions.set_priority(incident=incident, priority=1, actor=staff)
    assert incident.priority == 1
    assert incident.target_at == at(2026, 3, 2, 14, 0)


@pytest.mark.parametrize(("priority", "target"), [
    (2, at(2026, 3, 3, 10, 0)),   # 1 working day
    (3, at(2026, 3, 9, 10, 0)),   # 5 working days
    (4, at(2026, 3, 3, 17, 0)),   # end of the next working day
    (5, None),                    # none
])
def test_targets_by_priority_in_working_time__R_INC_4(cast, staff, priority, target):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    incident = actions.set_priority(incident=incident, priority=priority, actor=staff)
    assert incident.target_at == target


def test_friday_afternoon_target_crosses_the_weekend__R_INC_4_R_INC_5(cast, staff):
    cast.organisation.service_level = ServiceLevel.FIRST_CLASS
    cast.organisation.save()
    incident = make_incident(cast.submitter, now=at(2026, 3, 6, 15, 0))
    incident = actions.set_priority(incident=incident, priority=1, actor=staff)
    assert incident.target_at == at(2026, 3, 9, 11, 30)


def test_waiting_for_the_customer_pauses_the_clock__R_INC_4(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    actions.set_priority(incident=incident, priority=2, actor=staff, now=MONDAY_10)
    assert Incident.objects.get().target_at == at(2026, 3, 3, 10, 0)
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff,
                          now=at(2026, 3, 2, 11, 0))
    # The customer answers the next morning: 6 + 1 working hours were spent waiting.
    actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff,
                          now=at(2026, 3, 3, 9, 30))
    incident.refresh_from_db()
    assert incident.paused_working_time == 7 * HOUR
    assert incident.paused_since is None
    assert incident.target_at == at(2026, 3, 3, 17, 0)


def test_a_priority_set_after_a_wait_keeps_the_wait__R_INC_4(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff,
                          now=at(2026, 3, 2, 11, 0))
    actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff,
                          now=at(2026, 3, 2, 13, 0))
    incident = actions.set_priority(incident=Incident.objects.get(), priority=2, actor=staff)
    assert incident.target_at == at(2026, 3, 3, 12, 0)


def test_a_public_reply_and_status_change_queue_one_email_each__R_INC_7(
        cast, staff, no_new_incident_emails):
    incident = make_incident(cast.submitter)
    actions.reply_as_staff(incident=incident, body="We kijken ernaar", actor=staff)
    actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
    actions.add_internal_note(incident=incident, body="Klant belt vaak", actor=staff)
    assert OutboxItem.objects.count() == 3  # submitted, reply, in progress: not the note


def test_internal_notes_are_not_public__R_INC_8(cast, staff):
    incident = make_incident(cast.submitter)
    note = actions.add_internal_note(incident=incident, body="Geheim", actor=staff)
    assert note.kind == MessageKind.INTERNAL
    assert not Message.public.filter(pk=note.pk).exists()
    assert not OutboxItem.objects.filter(payload__message=note.pk).exists()


def test_remote_access_request_grant_and_revoke__R_INC_11(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    request = actions.request_remote_access(incident=incident, actor=staff, reason="Meekijken",
                                            now=MONDAY_10)
    assert request.is_pending
    grant = actions.grant_remote_access(contact=cast.submitter, incident=incident,
                                        level=AccessLevel.READ,
                                        expires_at=MONDAY_10 + 2 * HOUR, request=request,
                                        now=MONDAY_10)
    assert grant.pk == request.pk
    assert grant.is_active(MONDAY_10 + HOUR)
    assert not grant.is_active(MONDAY_10 + 3 * HOUR)  # expired
    actions.revoke_remote_access(contact=cast.submitter, grant=grant, now=MONDAY_10 + HOUR)
    grant.refresh_from_db()
    assert not grant.is_active(MONDAY_10 + HOUR)
    assert grant.revoked_by == cast.submitter


def test_remote_access_expiry_must_be_soon_and_in_the_future__R_INC_11(cast):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    for expires in (MONDAY_10 - HOUR, MONDAY_10 + dt.timedelta(days=15)):
        with pytest.raises(ValidationError):
            actions.grant_remote_access(contact=cast.submitter, incident=incident,
                                        level=AccessLevel.SCREEN, expires_at=expires,
                                        now=MONDAY_10)


def test_viewers_cannot_grant_remote_access__R_INC_11_R_ROLE_13(cast):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    with pytest.raises(CapabilityDenied):
        actions.grant_remote_access(contact=cast.viewer, incident=incident,
                                    level=AccessLevel.SCREEN, expires_at=MONDAY_10 + HOUR,
                                    now=MONDAY_10)


def test_survey_after_resolution_by_the_reporter(cast, staff):
    incident = make_incident(cast.submitter)
    with pytest.raises(actions.IncidentError):
        actions.answer_survey(contact=cast.submitter, incident=incident, score=4)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    with pytest.raises(CapabilityDenied):
        actions.answer_survey(contact=cast.administrator, incident=incident, score=4)
    survey = actions.answer_survey(contact=cast.submitter, incident=incident, score=4,
                                   comment="Snel geholpen")
    assert (survey.score, survey.comment) == (4, "Snel geholpen")
    with pytest.raises(ValidationError):
        actions.answer_survey(contact=cast.submitter, incident=incident, score=6)


def test_a_number_drawn_twice_is_drawn_again__R_INC_1(cast, monkeypatch):
    first = make_incident(cast.submitter)
    drawn = iter([first.number, "87654321"])
    # The existence check passes (as when two submissions race), the unique index refuses.
    monkeypatch.setattr(actions, "_new_number", lambda: next(drawn))
    assert make_incident(cast.submitter).number == "87654321"


def test_an_administrator_who_submits_cannot_change_a_colleagues_incident__R_ROLE_7(cast, staff):
    """R-ROLE-6/7: with both roles the organisation's other incidents stay read only."""
    from accounts.roles import Role
    from tests.factories import make_contact

    from contacts.models import SubmissionProfile
    from tests.conftest import ESTABLISHED

    both = make_contact(cast.organisation, Role.ADMINISTRATOR, Role.SUBMIT_INCIDENTS,
                        email="both@test.example", created_at=ESTABLISHED,
                        submission_profile=SubmissionProfile.FINANCE)
    incident = make_incident(cast.submitter)
    grant = actions.request_remote_access(incident=incident, actor=staff)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    with pytest.raises(CapabilityDenied):
        actions.reply(contact=both, incident=incident, body="x")
    with pytest.raises(CapabilityDenied):
        actions.grant_remote_access(contact=both, incident=incident, level=AccessLevel.WRITE,
                                    expires_at=MONDAY_10.replace(year=2099), request=grant)
    with pytest.raises(CapabilityDenied):
        actions.revoke_remote_access(contact=both, grant=grant)
    incident.refresh_from_db()
    grant.refresh_from_db()
    assert incident.status == Status.RESOLVED and not Message.objects.exists()
    assert grant.granted_at is None and grant.revoked_at is None
    # Their own incident they may still change.
    own = make_incident(both)
    actions.reply(contact=both, incident=own, body="aanvulling")
