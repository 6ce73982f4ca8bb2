"""Texts with a maximum length are refused with a message, never cut off, and a page with
form errors starts with a summary that links to each field (issue 14, R-X-2)."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from care.forms import MESSAGE_MAX_LENGTH
from core.forms import LimitedTextField
from incidents.forms import TEXT_MAX_LENGTH, ReplyForm
from tests.conftest import client_for

FEEDBACK = "/feedback/"


class _Form(forms.Form):
    name = LimitedTextField(label="Name", max_length=5)
    note = LimitedTextField(label="Note", max_length=10, widget=forms.Textarea)


def test_the_browser_gets_no_maxlength_that_would_cut_off_a_paste():
    html = str(_Form())
    assert "maxlength" not in html.replace("data-maxlength", "")
    assert html.count('data-maxlength="5"') == 1 and html.count('data-maxlength="10"') == 1


def test_a_text_over_the_limit_is_refused_and_kept_whole():
    with translation.override("en"):
        form = _Form({"name": "abcdefgh", "note": "kort"})
        assert not form.is_valid()
        assert "at most 5 characters (it has 8)" in str(form.errors["name"])
    assert 'value="abcdefgh"' in str(form["name"])


def test_an_incident_reply_has_a_limit_too():
    form = ReplyForm({"body": "x" * (TEXT_MAX_LENGTH + 1)})
    assert not form.is_valid() and "body" in form.errors


def _summary(html: str) -> str:
    match = re.search(r'<div class="alert alert-danger error-summary".*?</div>', html, re.S)
    return match.group(0) if match else ""


def test_the_summary_lists_every_error_of_every_bound_form_and_links_to_the_field():
    bad = _Form({"name": "abcdefgh", "note": ""})
    fine = _Form({"name": "ok", "note": "ok"})
    fine.is_valid()
    html = Template("{% load portal %}{% error_summary %}").render(
        Context({"form": bad, "other": fine, "unbound": _Form()}))
    summary = _summary(html)
    assert 'href="#id_name"' in summary and 'href="#id_note"' in summary
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    assert summary.count("<li>") == 2


def test_no_summary_without_errors():
    fine = _Form({"name": "ok", "note": "ok"})
    html = Template("{% load portal %}{% error_summary %}").render(
        Context({"form": fine, "unbound": _Form()}))
    assert "error-summary" not in html


def test_a_non_field_error_is_listed_without_a_link():
    form = _Form({"name": "ok", "note": "ok"})
    form.is_valid()
    form.add_error(None, "Something as a whole is wrong.")
    summary = _summary(Template("{% load portal %}{% error_summary %}").render(
        Context({"form": form})))
    assert "<li>Something as a whole is wrong.</li>" in summary


@pytest.mark.django_db
def test_a_too_long_complaint_is_refused_named_at_the_top_and_kept__R_X_2(cast):
    text = "Lang verhaal. " * (MESSAGE_MAX_LENGTH // 10)
    response = client_for(cast.employee.user).post(FEEDBACK, {
        "kind": "complaint", "subject": "Te lang", "message": text})
    assert response.status_code == 200
    html = response.content.decode()
    summary = _summary(html)
    assert 'href="#id_message"' in summary
    assert f"{MESSAGE_MAX_LENGTH}" in summary
    assert text.strip() in html  # every character still in the form
    assert "maxlength" not in html.replace("data-maxlength", "")


@pytest.mark.django_db
def test_a_page_without_errors_has_no_summary(cast):
    html = client_for(cast.employee.user).get(FEEDBACK).content.decode()
    assert "error-summary" not in html
    assert 'data-maxlength="5000"' in html
