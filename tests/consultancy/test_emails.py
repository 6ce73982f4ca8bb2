"""Email subjects of consultancy are plain text (R-X-1): a subject typed by a customer
arrives as typed, not HTML-escaped."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

NAME = "Jansen & Zn <B.V.> \"'s-Hertogenbosch\""


@pytest.mark.parametrize(("template", "context"), [
    ("consultancy/email/visit_request_notice_subject.txt",
     {"visit": SimpleNamespace(subject=NAME, organisation=SimpleNamespace(name=NAME))}),
    ("consultancy/email/visit_request_answer_subject.txt",
     {"visit": SimpleNamespace(subject=NAME, state="planned")}),
    ("consultancy/email/visit_request_answer_subject.txt",
     {"visit": SimpleNamespace(subject=NAME, state="declined")}),
])
def test_an_email_subject_is_not_html_escaped(template, context):
    subject = " ".join(render_to_string(template, context).split())
    assert NAME in subject
    assert "&amp;" not in subject and "&lt;" not in subject and "&#x27;" not in subject
