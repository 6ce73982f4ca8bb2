"""Email subjects are plain text (R-X-1): names typed by customers or staff
(an organisation "Jansen & Zn", a subject with quotes) arrive as typed, not HTML-escaped."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

NAME = "Jansen & Zn <B.V.> \"'s-Hertogenbosch\""

SUBJECTS = {
    "care/email/answered_subject.txt": {"feedback": SimpleNamespace(subject=NAME)},
    "care/email/complaint_notice_subject.txt": {
        "feedback": SimpleNamespace(subject=NAME, organisation=SimpleNamespace(name=NAME))},
    "care/email/extra_support_notice_subject.txt": {
        "request": SimpleNamespace(organisation=SimpleNamespace(name=NAME))},
    "contacts/email/invitation_subject.txt": {"organisation": SimpleNamespace(name=NAME)},
    "contacts/email/organisation_check_subject.txt": {"organisation": SimpleNamespace(name=NAME)},
    "contacts/email/seat_shortage_subject.txt": {"organisation": SimpleNamespace(name=NAME)},
    "courses/email/promoted_subject.txt": {"course": SimpleNamespace(title=NAME)},
    "partners/email/certification_lapsed_subject.txt": {
        "organisation": SimpleNamespace(name=NAME)},
    "partners/email/scan_reminder_subject.txt": {
        "integration": SimpleNamespace(name=NAME), "days_before": 30},
    "partners/email/notice_by_partner_subject.txt": {
        "integration": SimpleNamespace(name=NAME, organisation=SimpleNamespace(name=NAME))},
    "partners/email/question_answered_subject.txt": {"question": SimpleNamespace(subject=NAME)},
    "webhooks/email/endpoint_disabled_subject.txt": {"organisation": SimpleNamespace(name=NAME)},
}


@pytest.mark.parametrize("template", list(SUBJECTS))
def test_an_email_subject_is_not_html_escaped(template):
    subject = " ".join(render_to_string(template, SUBJECTS[template]).split())
    assert NAME in subject
    assert "&amp;" not in subject and "&lt;" not in subject and "&#x27;" not in subject
