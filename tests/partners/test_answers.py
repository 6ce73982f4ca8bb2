"""R-PART-9: when staff save an answer to a partner's question in the admin, the contact who
asked gets it by email, in their language, through the outbox, exactly once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from accounts.roles import Role
from core.models import OutboxItem, OutboxOutcome
from partners import actions
from tests.conftest import client_for
from tests.factories import make_contact
from tests.partners.factories import make_question, partner_manager

pytestmark = pytest.mark.django_db


def _answer_in_admin(cast, question, answer: str):
    cast.staff.groups.add(Group.objects.get(name="Partner management"))
    return client_for(cast.staff).post(f"/admin/partners/question/{question.pk}/change/",
                                       {"answer": answer})


def test_the_asker_gets_the_answer_by_email_once__R_PART_9(
        cast, django_capture_on_commit_callbacks):
    colleague = make_contact(cast.partner_organisation, Role.ADMINISTRATOR,
                             email="collega@koppeling.example")
    question = make_question(cast.partner_organisation, subject="Korting traineeship",
                             asked_by=cast.partner)
    with django_capture_on_commit_callbacks(execute=True):
        assert _answer_in_admin(cast, question, "Mail ons je factuur.").status_code == 302
    assert [message.to for message in mail.outbox] == [[cast.partner.user.email]]
    email = mail.outbox[0]
    assert "Korting traineeship" in email.subject and "Mail ons je factuur." in email.body
    assert "/partner/" in email.body
    assert colleague.user.email not in {message.to[0] for message in mail.outbox}
    # Saving the answered page again (read-only) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        _answer_in_admin(cast, question, "Anders")
    assert len(mail.outbox) == 1
    assert OutboxItem.objects.filter(kind="partners.emails.question_answered").count() == 1


def test_the_email_is_in_the_askers_language__R_PART_9_R_X_1(
        cast, django_capture_on_commit_callbacks):
    english = make_contact(cast.partner_organisation, email="en@koppeling.example",
                           language="en")
    question = make_question(cast.partner_organisation, subject="Discount", asked_by=english)
    with django_capture_on_commit_callbacks(execute=True):
        actions.answer_question(question=question, answer="Yes.", actor=partner_manager())
    [email] = mail.outbox
    assert email.subject == "Answer to your question: Discount"
    assert email.alternatives[0][1] == "text/html"


def test_it_goes_through_the_outbox_after_the_commit__R_PART_9_R_X_8(
        cast, django_capture_on_commit_callbacks):
    question = make_question(cast.partner_organisation, asked_by=cast.partner)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.answer_question(question=question, answer="Ja.", actor=partner_manager())
    assert mail.outbox == [] and len(callbacks) == 1
    assert OutboxItem.objects.get().key == f"partners-answer-{question.pk}"


def test_an_asker_who_left_or_was_deleted_gets_no_email__R_PART_9(
        cast, django_capture_on_commit_callbacks):
    leaving = make_contact(cast.partner_organisation, email="weg@koppeling.example")
    left = make_question(cast.partner_organisation, asked_by=leaving, subject="Weg")
    leaving.is_active = False
    leaving.save()
    anonymous = make_question(cast.partner_organisation, asked_by=None, subject="Niemand")
    with django_capture_on_commit_callbacks(execute=True):
        actions.answer_question(question=left, answer="Ja.", actor=partner_manager())
        actions.answer_question(question=anonymous, answer="Ja.", actor=partner_manager())
    assert mail.outbox == []
    assert set(OutboxItem.objects.values_list("outcome", flat=True)) == {OutboxOutcome.SKIPPED}
