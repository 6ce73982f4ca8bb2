"""The incident's change page tells Support whether the reporter, and an owner it was handed
over to, may still submit incidents, and if not why (issue 13): not active any more
(R-ROLE-18, R-INC-13), no role (R-ROLE-6, R-ROLE-13), or the starter-course gate
(R-GATE-1/4) with the course that is missing."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from contacts.models import Contact, Organisation, SubmissionProfile
from courses.actions import record_result
from courses.models import Result, StarterCourseRequirement
from incidents import actions
from incidents.models import Incident, Status
from tests.conftest import client_for
from tests.courses.factories import make_blocked_submitter
from tests.factories import staff_member
from tests.incidents.factories import make_incident, pdf, without_role

pytestmark = pytest.mark.django_db
QUEUE = "/admin/incidents/incident/"


def _page(staff: User, incident: Incident, language: str = "en") -> str:
    client = client_for(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"{QUEUE}{incident.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def _statuses(html: str) -> list[str]:
    """The text of each "may (not) submit" field, in page order: reporter, then owner."""
    fields = re.findall(r'fieldBox field-(?:reporter|owner)_may_submit">.*?'
                        r'<div class="readonly">(.*?)</div>', html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", field)).strip() for field in fields]


def test_an_exempt_reporter_may_submit__R_INC_13_R_GATE_1(cast, staff):
    incident = make_incident(cast.submitter)
    assert _statuses(_page(staff, incident)) == [
        "may submit joined before the starter-course gate"]


def test_a_reporter_who_passed_the_starter_course_may_submit__R_INC_13_R_GATE_1(cast, staff):
    contact, course = make_blocked_submitter(cast.organisation, email="new@test.example")
    record_result(contact=contact, course=course, grade=Decimal("7.5"),
                  taken_on=dt.date(2026, 3, 1), actor=staff_member("Customer Care"))
    incident = make_incident(contact)
    assert _statuses(_page(staff, incident)) == [f"may submit passed “{course}”"]


def test_a_reporter_without_the_role_may_not_submit__R_INC_13_R_ROLE_13(cast, staff):
    incident = make_incident(cast.submitter)
    without_role(cast.submitter)
    assert _statuses(_page(staff, incident)) == ["may not submit no role Submit incidents"]


def test_a_removed_reporter_may_not_submit__R_INC_13_R_ROLE_18(cast, staff):
    from contacts.actions import remove_contact

    incident = make_incident(cast.submitter)
    remove_contact(actor=cast.administrator, contact=cast.submitter)
    assert _statuses(_page(staff, incident)) == ["may not submit removed from the organisation"]


@pytest.mark.parametrize(("change", "reason"), [
    (lambda contact: Contact.objects.filter(pk=contact.pk).update(is_active=False),
     "contact deactivated"),
    (lambda contact: User.objects.filter(pk=contact.user_id).update(is_active=False),
     "login inactive"),
    (lambda contact: Organisation.objects.filter(pk=contact.organisation_id).update(
        is_active=False), "organisation inactive"),
])
def test_an_inactive_reporter_may_not_submit__R_INC_13(cast, staff, change, reason):
    incident = make_incident(cast.submitter)
    change(cast.submitter)
    assert _statuses(_page(staff, incident)) == [f"may not submit {reason}"]


def test_the_gate_names_the_missing_course_and_the_grades__R_GATE_1_R_GATE_2(cast, staff):
    contact, course = make_blocked_submitter(cast.organisation, email="new@test.example")
    record_result(contact=contact, course=course, grade=Decimal("7.5"),
                  taken_on=dt.date(2026, 3, 1), actor=staff_member("Customer Care"))
    incident = make_incident(contact)
    # The course results were corrected afterwards: the reporter is blocked again.
    Result.objects.filter(user=contact.user).update(grade=Decimal("6.5"))
    assert _statuses(_page(staff, incident)) == [
        f"may not submit starter-course gate: “{course}” not passed (best grade 6.5, "
        "7.0 needed)"]
    Result.objects.filter(user=contact.user).delete()
    assert _statuses(_page(staff, incident)) == [
        f"may not submit starter-course gate: “{course}” not passed (no grade yet, 7.0 needed)"]


def test_a_reporter_without_profile_or_configured_course_is_blocked__R_GATE_4(cast, staff):
    contact, course = make_blocked_submitter(cast.organisation, email="new@test.example")
    record_result(contact=contact, course=course, grade=Decimal("8"),
                  taken_on=dt.date(2026, 3, 1), actor=staff_member("Customer Care"))
    incident = make_incident(contact)
    StarterCourseRequirement.objects.all().delete()
    assert _statuses(_page(staff, incident)) == [
        "may not submit starter-course gate: no starter course configured for the profile "
        f"“{SubmissionProfile.FINANCE.label}”"]
    Contact.objects.filter(pk=contact.pk).update(submission_profile="")
    assert _statuses(_page(staff, incident)) == [
        "may not submit starter-course gate: no submission profile"]


def test_the_owner_is_shown_only_when_someone_else_than_the_reporter__R_INC_13(cast, staff):
    incident = make_incident(cast.submitter)
    assert "field-owner_may_submit" not in _page(staff, incident)
    blocked, course = make_blocked_submitter(cast.organisation, email="new@test.example")
    actions.hand_over_incident(actor=cast.administrator, incident=incident, to=blocked)
    without_role(cast.submitter)
    assert _statuses(_page(staff, incident)) == [
        "may not submit no role Submit incidents",
        f"may not submit starter-course gate: “{course}” not passed (no grade yet, 7.0 needed)"]


def test_the_status_is_in_dutch_too__R_INC_13(cast, staff):
    incident = make_incident(cast.submitter)
    assert _statuses(_page(staff, incident, "nl")) == [
        "mag insturen lid van vóór de startcursusdrempel"]
    without_role(cast.submitter)
    assert _statuses(_page(staff, incident, "nl")) == [
        "mag niet insturen geen rol Incidenten insturen"]


def test_the_change_page_query_count_does_not_grow_with_the_thread(cast, staff):
    """Reporter and owner with their authorisation, and the thread with its history: a fixed
    number of queries however long the thread is (R-X-3)."""
    incident = make_incident(cast.submitter)
    blocked, _ = make_blocked_submitter(cast.organisation, email="new@test.example")
    actions.hand_over_incident(actor=cast.administrator, incident=incident, to=blocked)

    def count() -> int:
        client = client_for(staff)
        client.get(f"{QUEUE}{incident.pk}/change/")
        with CaptureQueriesContext(connection) as captured:
            client.get(f"{QUEUE}{incident.pk}/change/")
        return len(captured)

    actions.reply_as_staff(incident=incident, body="Eerste antwoord", actor=staff)
    one = count()
    for number in range(10):
        actions.reply_as_staff(incident=incident, body=f"Antwoord {number}", actor=staff,
                               files=[pdf(f"scherm{number}.pdf")])
        actions.add_internal_note(incident=incident, body=f"Notitie {number}", actor=staff)
        actions.request_remote_access(incident=incident, actor=staff, reason=f"Reden {number}")
    for status in (Status.IN_PROGRESS, Status.WAITING, Status.IN_PROGRESS):
        actions.change_status(incident=incident, status=status, actor=staff)
    later, _ = make_blocked_submitter(cast.organisation, email="later@test.example")
    actions.hand_over_incident(actor=cast.administrator, incident=incident, to=later)
    assert count() == one
