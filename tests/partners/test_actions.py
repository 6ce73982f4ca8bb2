"""Scans, notices and termination through partners.actions (R-PART-2, R-PART-3, R-PART-4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from accounts.permissions import CapabilityDenied
from partners import actions
from partners.models import EndReason, IntegrationStatus, ScanColour
from tests.partners.factories import make_integration, partner_manager

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)


def test_a_scan_sets_the_due_date_from_its_colour_and_lists__R_PART_2(cast):
    integration = make_integration(cast.partner_organisation, registered_on=TODAY)
    assert not integration.is_listed and integration.next_scan_due == dt.date(2027, 2, 25)
    actions.record_scan(integration=integration, scanned_on=dt.date(2026, 8, 31),
                        colour=ScanColour.RED, today=TODAY, actor=partner_manager())
    integration.refresh_from_db()
    assert integration.next_scan_due == dt.date(2027, 2, 28)
    assert integration.last_scanned_on == dt.date(2026, 8, 31)
    assert integration.is_listed


def test_an_older_scan_recorded_later_does_not_move_the_due_date__R_PART_2(cast):
    integration = make_integration(cast.partner_organisation, scanned_on=dt.date(2026, 6, 1),
                                   colour=ScanColour.GREEN)
    actions.record_scan(integration=integration, scanned_on=dt.date(2025, 6, 1),
                        colour=ScanColour.RED, today=TODAY, actor=partner_manager())
    integration.refresh_from_db()
    assert integration.next_scan_due == dt.date(2029, 6, 1)


def test_a_scan_already_overdue_when_recorded_does_not_list__R_PART_3(cast):
    integration = make_integration(cast.partner_organisation)
    actions.record_scan(integration=integration, scanned_on=dt.date(2026, 1, 2),
                        colour=ScanColour.RED, today=TODAY, actor=partner_manager())
    integration.refresh_from_db()
    assert integration.next_scan_due == dt.date(2026, 7, 2)
    assert not integration.is_listed


def test_a_scan_in_the_future_or_twice_on_a_day_is_refused__R_PART_2(cast):
    integration = make_integration(cast.partner_organisation, scanned_on=TODAY)
    with pytest.raises(actions.ScanInTheFuture):
        actions.record_scan(integration=integration, scanned_on=TODAY + dt.timedelta(days=1),
                            colour=ScanColour.GREEN, today=TODAY, actor=partner_manager())
    with pytest.raises(actions.ScanExists):
        actions.record_scan(integration=integration, scanned_on=TODAY, colour=ScanColour.RED,
                            today=TODAY, actor=partner_manager())
    assert integration.scans.count() == 1


def test_normal_notice_ends_the_subscription_12_months_later_and_keeps_the_listing__R_PART_4(
        cast):
    integration = make_integration(cast.partner_organisation, scanned_on=TODAY)
    actions.give_notice(integration=integration, actor=partner_manager(),
                        today=dt.date(2027, 8, 31))
    integration.refresh_from_db()
    assert integration.status == IntegrationStatus.NOTICE
    assert integration.end_reason == EndReason.NORMAL
    assert integration.subscription_end == dt.date(2028, 8, 31)
    assert integration.is_listed
    with pytest.raises(actions.NoticeAlreadyGiven):
        actions.give_notice(integration=integration, actor=partner_manager())


@pytest.mark.parametrize("reason", [EndReason.NON_PAYMENT, EndReason.CODE_OF_CONDUCT,
                                    EndReason.MISSING_CERTIFICATION])
def test_ending_at_once_for_a_reason_delists_and_ends_today__R_PART_4(cast, reason):
    integration = make_integration(cast.partner_organisation, scanned_on=TODAY)
    actions.terminate_integration(integration=integration, reason=reason, actor=partner_manager(),
                                  today=TODAY)
    integration.refresh_from_db()
    assert integration.status == IntegrationStatus.TERMINATED
    assert integration.end_reason == reason
    assert integration.subscription_end == TODAY
    assert not integration.is_listed
    with pytest.raises(actions.IntegrationEnded):
        actions.record_scan(integration=integration, scanned_on=TODAY, colour="green",
                            today=TODAY, actor=partner_manager())


def test_normal_notice_is_not_a_reason_to_end_at_once__R_PART_4(cast):
    integration = make_integration(cast.partner_organisation)
    with pytest.raises(ValueError):
        actions.terminate_integration(integration=integration, reason=EndReason.NORMAL,
                                      actor=partner_manager())


def test_only_partner_management_may_record_scans_and_end_agreements__R_PART_4(cast):
    integration = make_integration(cast.partner_organisation)
    with pytest.raises(PermissionDenied):
        actions.record_scan(integration=integration, scanned_on=TODAY, colour="green",
                            actor=cast.staff, today=TODAY)
    with pytest.raises(PermissionDenied):
        actions.give_notice(integration=integration, actor=cast.staff)
    with pytest.raises(PermissionDenied):
        actions.terminate_integration(integration=integration, actor=cast.staff,
                                      reason=EndReason.NON_PAYMENT)
    manager = partner_manager()
    scan = actions.record_scan(integration=integration, scanned_on=TODAY, colour="green",
                               actor=manager, today=TODAY)
    assert scan.recorded_by == manager
    actions.give_notice(integration=integration, actor=manager)


def test_only_partner_contacts_ask_questions_and_staff_answer_once__R_PART_5(cast):
    with pytest.raises(CapabilityDenied):
        actions.ask_question(contact=cast.administrator, subject="Vraag", text="Tekst")
    question = actions.ask_question(contact=cast.partner, subject="  Vraag ", text="Tekst")
    assert (question.organisation, question.asked_by, question.subject) == (
        cast.partner_organisation, cast.partner, "Vraag")
    with pytest.raises(PermissionDenied):
        actions.answer_question(question=question, answer="Antwoord", actor=cast.staff)
    manager = partner_manager()
    answered = actions.answer_question(question=question, answer="Antwoord", actor=manager)
    assert answered.is_answered and answered.answered_by == manager
    with pytest.raises(actions.AlreadyAnswered):
        actions.answer_question(question=question, answer="Nog eens", actor=manager)


def test_a_question_of_a_contact_deleted_since_can_still_be_answered__R_PART_5(cast):
    question = actions.ask_question(contact=cast.partner, subject="Vraag", text="Tekst")
    cast.partner.delete()
    question.refresh_from_db()
    answered = actions.answer_question(question=question, answer="Antwoord",
                                       actor=partner_manager())
    assert answered.is_answered and answered.asked_by is None
