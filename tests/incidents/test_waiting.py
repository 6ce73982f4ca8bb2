"""R-INC-14: waiting for the customer ends. One reminder after 3 working days, automatic
resolution after 10 working days with a message from the portal, a reply within 14 days
reopens a resolved incident and later ones are refused, and the periodic task closes it; all
three periods are settings. Only the owner reads "Waiting for you"."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation
from django.conf import settings
from django.core import mail
from django.test.utils import override_settings

from contacts.models import Contact
from incidents import actions, views
from incidents.actions import WaitsEnded
from incidents.models import ChangeReason, Incident, Message, MessageKind, Status, StatusChange
from core.models import OutboxItem, OutboxOutcome
from tests.conftest import client_for
from tests.incidents.factories import at, make_incident, without_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
ROOT = Path(__file__).resolve().parents[2]
FRIDAY_15 = at(2026, 3, 6, 15, 0)  # an hour before the desk closes for the weekend
HOUR, MINUTE = dt.timedelta(hours=1), dt.timedelta(minutes=1)


def _waiting(cast, staff, since: dt.datetime) -> Incident:
    incident = make_incident(cast.submitter, now=since - HOUR)
    actions.set_priority(incident=incident, priority=3, actor=staff, now=since - HOUR)
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff, now=since)
    return incident


def _run(now: dt.datetime, capture) -> WaitsEnded:
    with capture(execute=True):
        return actions.end_incident_waits(now=now)


# The reminder

def test_one_reminder_after_three_working_days_across_the_weekend__R_INC_14(
        cast, staff, django_capture_on_commit_callbacks):
    incident = _waiting(cast, staff, FRIDAY_15)
    mail.outbox.clear()
    assert _run(at(2026, 3, 11, 14, 59), django_capture_on_commit_callbacks) == WaitsEnded(0, 0, 0)
    assert mail.outbox == []
    # Monday, Tuesday, Wednesday: three working days after Friday 15:00.
    assert _run(at(2026, 3, 11, 15, 0), django_capture_on_commit_callbacks) == WaitsEnded(1, 0, 0)
    assert [email.to for email in mail.outbox] == [[cast.submitter.user.email]]
    assert "waiting for your answer" in mail.outbox[0].subject
    assert "20 March 2026" in mail.outbox[0].body  # when it will be resolved
    incident.refresh_from_db()
    assert incident.waiting_reminded_at == at(2026, 3, 11, 15, 0)
    assert incident.status == Status.WAITING
    # Once per wait, however often the task runs.
    assert _run(at(2026, 3, 12, 10, 0), django_capture_on_commit_callbacks) == WaitsEnded(0, 0, 0)
    assert len(mail.outbox) == 1


def test_public_holidays_do_not_count_as_waiting__R_INC_14(
        cast, staff, django_capture_on_commit_callbacks):
    _waiting(cast, staff, at(2026, 4, 2, 10, 0))  # the Thursday before Easter
    # Good Friday and Easter Monday are closed: Tuesday, Wednesday and Thursday count.
    assert _run(at(2026, 4, 8, 17, 0), django_capture_on_commit_callbacks).reminded == 0
    assert _run(at(2026, 4, 9, 10, 0), django_capture_on_commit_callbacks).reminded == 1


def test_a_closure_day_does_not_count_as_waiting__R_INC_14(
        cast, staff, django_capture_on_commit_callbacks):
    from incidents.models import OpeningException

    OpeningException.objects.create(date=dt.date(2026, 3, 10), reason="Studiedag")
    _waiting(cast, staff, FRIDAY_15)
    assert _run(at(2026, 3, 11, 15, 0), django_capture_on_commit_callbacks).reminded == 0
    assert _run(at(2026, 3, 12, 15, 0), django_capture_on_commit_callbacks).reminded == 1


def test_a_reply_ends_the_wait_and_the_next_wait_gets_its_own_reminder__R_INC_14(
        cast, staff, django_capture_on_commit_callbacks):
    incident = _waiting(cast, staff, FRIDAY_15)
    _run(at(2026, 3, 11, 15, 0), django_capture_on_commit_callbacks)
    actions.reply(contact=cast.submitter, incident=incident, body="Hier is het",
                  now=at(2026, 3, 11, 16, 0))
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS and incident.waiting_reminded_at is None
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff,
                          now=at(2026, 3, 12, 10, 0))
    assert _run(at(2026, 3, 17, 9, 59), django_capture_on_commit_callbacks).reminded == 0
    assert _run(at(2026, 3, 17, 10, 0), django_capture_on_commit_callbacks).reminded == 1
    assert OutboxItem.objects.filter(key__startswith="incident-waiting-").count() == 2


def test_a_reminder_queued_before_the_answer_is_not_sent__R_INC_14(
        cast, staff, django_capture_on_commit_callbacks):
    incident = _waiting(cast, staff, FRIDAY_15)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.end_incident_waits(now=at(2026, 3, 11, 15, 0))
    actions.reply(contact=cast.submitter, incident=incident, body="Net op tijd",
                  now=at(2026, 3, 11, 15, 1))
    for callback in callbacks:
        callback()
    assert not [email for email in mail.outbox if "waiting for your answer" in email.subject]


# Automatic resolution

def test_ten_working_days_without_an_answer_resolve_the_incident__R_INC_14(
        cast, staff, django_capture_on_commit_callbacks):
    incident = _waiting(cast, staff, FRIDAY_15)
    _run(at(2026, 3, 11, 15, 0), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert _run(at(2026, 3, 20, 14, 59), django_capture_on_commit_callbacks).resolved == 0
    resolved_at = at(2026, 3, 20, 15, 0)
    assert _run(resolved_at, django_capture_on_commit_callbacks) == WaitsEnded(0, 1, 0)
    incident.refresh_from_db()
    assert incident.status == Status.RESOLVED and incident.resolved_at == resolved_at
    assert incident.waiting_reminded_at is None
    change = StatusChange.objects.filter(incident=incident).last()
    assert (change.from_status, change.to_status, change.reason) == (
        Status.WAITING, Status.RESOLVED, ChangeReason.NO_ANSWER)
    assert change.by_user is None and change.by_contact is None
    note = Message.objects.get(incident=incident, kind=MessageKind.PORTAL)
    assert note.author_user is None and note.author_contact is None
    assert "no answer came for 10 working days" in note.body and "3 April 2026" in note.body
    # The owner hears it once, in the status email.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [cast.submitter.user.email]
    assert "no answer came for 10 working days" in mail.outbox[0].body
    assert _run(at(2026, 3, 23, 10, 0), django_capture_on_commit_callbacks) == WaitsEnded(0, 0, 0)
    assert len(mail.outbox) == 1


def test_a_wait_not_seen_for_days_is_resolved_without_a_late_reminder__R_INC_14(
        cast, staff, django_capture_on_commit_callbacks):
    _waiting(cast, staff, FRIDAY_15)
    mail.outbox.clear()
    assert _run(at(2026, 3, 25, 10, 0), django_capture_on_commit_callbacks) == WaitsEnded(0, 1, 0)
    assert len(mail.outbox) == 1 and "waiting for your answer" not in mail.outbox[0].subject


def test_the_portal_message_shows_on_the_page__R_INC_14(
        cast, staff, django_capture_on_commit_callbacks):
    incident = _waiting(cast, staff, FRIDAY_15)
    _run(at(2026, 3, 20, 15, 0), django_capture_on_commit_callbacks)
    html = client_for(cast.administrator.user).get(
        f"/incidents/{incident.number}/").content.decode()
    assert 'data-kind="portal"' in html and "The customer portal" in html
    assert "Resolved automatically: no answer from the customer" in html


def test_an_owner_who_cannot_reply_gets_no_reminder_but_the_wait_ends__R_INC_14_R_INC_13(
        cast, staff, django_capture_on_commit_callbacks):
    incident = _waiting(cast, staff, FRIDAY_15)
    without_role(cast.submitter)
    mail.outbox.clear()
    _run(at(2026, 3, 11, 15, 0), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert OutboxItem.objects.get(key__startswith="incident-waiting-").outcome == \
        OutboxOutcome.SKIPPED
    _run(at(2026, 3, 20, 15, 0), django_capture_on_commit_callbacks)
    incident.refresh_from_db()
    assert incident.status == Status.RESOLVED and mail.outbox == []


@override_settings(INCIDENT_WAITING_REMINDER_WORKING_DAYS=1,
                   INCIDENT_WAITING_AUTO_RESOLVE_WORKING_DAYS=2)
def test_the_periods_are_settings__R_INC_14(cast, staff, django_capture_on_commit_callbacks):
    _waiting(cast, staff, FRIDAY_15)
    assert _run(at(2026, 3, 9, 15, 0), django_capture_on_commit_callbacks).reminded == 1
    assert _run(at(2026, 3, 10, 15, 0), django_capture_on_commit_callbacks).resolved == 1


# Reopening, then closed

def _resolved(cast, staff, when: dt.datetime) -> Incident:
    incident = make_incident(cast.submitter, now=when - HOUR)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff, now=when)
    return incident


def test_a_reply_within_fourteen_days_reopens__R_INC_14(cast, staff):
    incident = _resolved(cast, staff, FRIDAY_15)
    actions.reply(contact=cast.submitter, incident=incident, body="Toch niet",
                  now=FRIDAY_15 + dt.timedelta(days=14) - MINUTE)
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS


def test_after_fourteen_days_a_reply_is_refused_before_the_task_ran__R_INC_14(cast, staff):
    incident = _resolved(cast, staff, FRIDAY_15)
    with pytest.raises(actions.IncidentClosed):
        actions.reply(contact=cast.submitter, incident=incident, body="Te laat",
                      now=FRIDAY_15 + dt.timedelta(days=14))
    incident.refresh_from_db()
    assert incident.status == Status.RESOLVED and not Message.objects.exists()


def test_the_page_says_until_when_a_reply_reopens_and_then_that_it_is_closed__R_INC_14(
        cast, staff, monkeypatch):
    incident = _resolved(cast, staff, FRIDAY_15)
    client = client_for(cast.submitter.user)
    monkeypatch.setattr(views, "now", lambda: FRIDAY_15 + dt.timedelta(days=1))
    html = client.get(f"/incidents/{incident.number}/").content.decode()
    assert "A reply until 20 March 2026, 15:00 reopens the incident." in html
    monkeypatch.setattr(views, "now", lambda: FRIDAY_15 + dt.timedelta(days=15))
    html = client.get(f"/incidents/{incident.number}/").content.decode()
    assert 'data-testid="reply-form"' not in html
    assert "This incident is closed: submit a new incident instead." in html
    response = client.post(f"/incidents/{incident.number}/", {"body": "Te laat"}, follow=True)
    assert "This incident is closed: submit a new incident instead." in response.content.decode()
    assert not Message.objects.exists()


def test_resolved_incidents_are_closed_after_fourteen_days__R_INC_14(
        cast, staff, django_capture_on_commit_callbacks):
    incident = _resolved(cast, staff, FRIDAY_15)
    mail.outbox.clear()
    deadline = FRIDAY_15 + dt.timedelta(days=14)
    assert _run(deadline - MINUTE, django_capture_on_commit_callbacks).closed == 0
    assert _run(deadline, django_capture_on_commit_callbacks) == WaitsEnded(0, 0, 1)
    incident.refresh_from_db()
    assert incident.status == Status.CLOSED
    change = StatusChange.objects.filter(incident=incident).last()
    assert change.reason == ChangeReason.REOPEN_PERIOD_OVER and change.by_user is None
    assert len(mail.outbox) == 1 and "has ended, so it is closed now" in mail.outbox[0].body
    assert _run(deadline + HOUR, django_capture_on_commit_callbacks).closed == 0


@override_settings(INCIDENT_REOPEN_DAYS=3)
def test_the_reopen_period_is_a_setting__R_INC_14(cast, staff, django_capture_on_commit_callbacks):
    incident = _resolved(cast, staff, FRIDAY_15)
    with pytest.raises(actions.IncidentClosed):
        actions.reply(contact=cast.submitter, incident=incident, body="x",
                      now=FRIDAY_15 + dt.timedelta(days=3))
    assert _run(FRIDAY_15 + dt.timedelta(days=3), django_capture_on_commit_callbacks).closed == 1


def test_the_status_email_says_until_when_a_reply_reopens__R_INC_14(
        cast, staff, django_capture_on_commit_callbacks):
    incident = make_incident(cast.submitter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff, now=FRIDAY_15)
    assert "reply on the incident page until 20 March 2026, 15:00" in mail.outbox[0].body


# The task

def test_the_task_runs_every_15_minutes_and_calls_the_action__R_INC_14(monkeypatch):
    from incidents import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["end-incident-waits"]
    assert entry == {"task": "incidents.tasks.end_incident_waits", "schedule": 15 * 60.0}
    assert tasks.end_incident_waits.name == entry["task"]
    monkeypatch.setattr(actions, "end_incident_waits",
                        lambda **kwargs: WaitsEnded(reminded=1, resolved=2, closed=3))
    assert tasks.end_incident_waits.apply().get() == {"reminded": 1, "resolved": 2, "closed": 3}


@pytest.mark.parametrize("env", [
    {"INCIDENT_WAITING_REMINDER_WORKING_DAYS": "10",
     "INCIDENT_WAITING_AUTO_RESOLVE_WORKING_DAYS": "3"},
    {"INCIDENT_WAITING_REMINDER_WORKING_DAYS": "0"},
    {"INCIDENT_REOPEN_DAYS": "0"},
    {"INCIDENT_REOPEN_DAYS": "two weeks"},
])
def test_bad_waiting_settings_fail_loudly__R_INC_14(env):
    clean = {key: value for key, value in os.environ.items()
             if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"}}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT,
                            env={**clean, **env}, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert any(name in result.stderr for name in env)


# Who reads "Waiting for you"

def test_staff_read_waiting_for_the_customer__R_INC_14(cast, staff):
    _waiting(cast, staff, FRIDAY_15)
    with translation.override("en"):  # an earlier request may have left Dutch active
        assert Status.WAITING.label == "Waiting for the customer"
    html = client_for(staff).get("/admin/incidents/incident/?status__exact=waiting").content
    assert "Waiting for the customer" in html.decode() or "Wacht op de klant" in html.decode()


def _status_badge(html: str) -> str:
    return html.split('data-status="waiting">')[1].split("<")[0]


def test_only_the_owner_reads_waiting_for_you__R_INC_14(cast, staff):
    incident = _waiting(cast, staff, FRIDAY_15)
    url = f"/incidents/{incident.number}/"
    owner = client_for(cast.submitter.user)
    html = owner.get(url).content.decode()
    assert _status_badge(html) == "Waiting for you"
    assert "Paused – waiting for you" in html and "Waiting for the reporter" not in html
    assert "→ Waiting for you" in html.split('data-testid="history"')[1]
    assert _status_badge(owner.get("/incidents/").content.decode()) == "Waiting for you"
    for who in ("administrator", "viewer"):
        client = client_for(getattr(cast, who).user)
        html = client.get(url).content.decode()
        assert _status_badge(html) == "Waiting for the reporter", who
        assert "Paused – waiting for the reporter" in html and "Waiting for you" not in html
        assert "Waiting for you" not in client.get(f"{url}deadline/").content.decode()
        listing = client.get("/incidents/").content.decode()
        assert _status_badge(listing) == "Waiting for the reporter"
        assert "Waiting for you" not in listing


def test_the_status_filter_names_the_wait_for_the_reader__R_INC_14(cast):
    def waiting_choice(who: str) -> str:
        response = client_for(getattr(cast, who).user).get("/incidents/")
        return dict(response.context["filters"].form.fields["status"].choices)["waiting"]

    assert waiting_choice("submitter") == "Waiting for you"
    assert waiting_choice("administrator") == "Waiting for the reporter"
    assert waiting_choice("viewer") == "Waiting for the reporter"


def test_after_a_hand_over_the_new_owner_reads_waiting_for_you__R_INC_14_R_INC_13(cast, staff):
    incident = _waiting(cast, staff, FRIDAY_15)
    actions.hand_over_incident(actor=cast.administrator, incident=incident, to=cast.expert)
    url = f"/incidents/{incident.number}/"
    assert _status_badge(client_for(cast.expert.user).get(url).content.decode()) == \
        "Waiting for you"
    assert _status_badge(client_for(cast.submitter.user).get(url).content.decode()) == \
        "Waiting for the reporter"


@pytest.mark.parametrize(("language", "text"), [("en", "Waiting for you"),
                                                ("nl", "Wacht op jou")])
def test_the_status_email_to_the_owner_says_waiting_for_you__R_INC_14(
        cast, staff, django_capture_on_commit_callbacks, language, text):
    Contact.objects.filter(pk=cast.submitter.pk).update(language=language)
    incident = make_incident(cast.submitter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
    assert text in mail.outbox[0].subject and text in mail.outbox[0].body
    assert "Waiting for the customer" not in mail.outbox[0].body
