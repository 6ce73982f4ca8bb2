"""One retry policy for every task (core.retry, R-X-8): the same errors count as passing, the
same waits follow, and every task of the portal either uses it or says why it is not retried."""

from __future__ import annotations

import datetime as dt
import smtplib
import socket
from unittest import mock

import pytest
from celery.utils.time import get_exponential_backoff_interval
from django.db import OperationalError
from django.template import TemplateSyntaxError
from kombu.exceptions import OperationalError as BrokerError

from core import outbox
from core.models import OutboxItem
from core.retry import CELERY_RETRY, MAX_RETRIES, RETRYABLE_ERRORS, backoff
from portal.celery import app as celery_app

# Tasks that Celery does not retry, and why (see core.retry): a new task must choose.
NOT_RETRIED_BY_CELERY = {
    "portal.tasks.relay_outbox_item": "the outbox retries the row (sweep and backoff)",
    "portal.tasks.sweep_outbox": "runs every minute",
    "portal.tasks.beat_heartbeat": "runs every 30 seconds",
    "incidents.tasks.end_incident_waits": "runs every 15 minutes",
    "core.tasks.remove_expired_held_uploads": "runs every hour",
    "incidents.tasks.poll_support_mailbox": "runs every minute; what it did not finish is "
                                            "still unread in the mailbox",
    "webhooks.tasks.deliver_webhook": "the delivery row keeps its attempts and backoff; the "
                                      "webhook sweep publishes it again (R-HOOK-1)",
    "webhooks.tasks.sweep_webhook_deliveries": "runs every minute",
}
OUR_PACKAGES = ("accounts.", "care.", "contacts.", "core.", "courses.", "incidents.",
                "invoices.", "knowledge.", "partners.", "portal.", "updates.", "webhooks.")


def our_tasks() -> dict[str, object]:
    celery_app.loader.import_default_modules()
    return {name: task for name, task in celery_app.tasks.items()
            if name.startswith(OUR_PACKAGES)}


def test_every_task_uses_the_one_policy_or_says_why_not__R_X_8():
    tasks = our_tasks()
    assert set(NOT_RETRIED_BY_CELERY) <= set(tasks), "a task listed as not retried is gone"
    for name, task in tasks.items():
        if name in NOT_RETRIED_BY_CELERY:
            assert not getattr(task, "autoretry_for", ()), name
            continue
        policy = {option: getattr(task, option, None) for option in CELERY_RETRY}
        assert policy == CELERY_RETRY, name


def test_the_beat_tasks_that_retry_are_the_nightly_ones__R_X_8():
    retried = {name for name in our_tasks() if name not in NOT_RETRIED_BY_CELERY}
    assert retried == {"contacts.tasks.recount_submitter_seats",
                       "contacts.tasks.request_organisation_checks",
                       "partners.tasks.check_partner_certifications",
                       "incidents.tasks.queue_daily_digests"}


@pytest.mark.parametrize("error", [
    OSError("network unreachable"), ConnectionRefusedError(), socket.timeout(),
    smtplib.SMTPServerDisconnected("gone"), smtplib.SMTPResponseException(451, b"later"),
    OperationalError("the database went away"), BrokerError("the broker went away"),
])
def test_failures_outside_the_process_are_retried__R_X_8(error):
    assert isinstance(error, RETRYABLE_ERRORS)


@pytest.mark.parametrize("error", [TypeError("a bug"), KeyError("x"),
                                   TemplateSyntaxError("a broken template")])
def test_programming_errors_are_not_retried__R_X_8(error):
    assert not isinstance(error, RETRYABLE_ERRORS)


def test_the_waits_double_from_two_minutes_to_an_hour__R_X_8():
    assert [backoff(failures) for failures in range(1, 9)] == [
        dt.timedelta(minutes=minutes) for minutes in (2, 4, 8, 16, 32, 60, 60, 60)]
    assert backoff(500) == dt.timedelta(hours=1)


def test_celery_waits_as_long_as_the_outbox__R_X_8():
    """Celery's countdown for the n-th retry (retries counted from 0) is backoff(n + 1)."""
    for retries in range(12):
        countdown = get_exponential_backoff_interval(
            factor=CELERY_RETRY["retry_backoff"], retries=retries,
            maximum=CELERY_RETRY["retry_backoff_max"], full_jitter=CELERY_RETRY["retry_jitter"])
        assert countdown == backoff(retries + 1).total_seconds()


def test_a_failed_outbox_row_waits_by_the_same_policy__R_X_8(db):
    item = OutboxItem.objects.create(key="retry-policy", kind="nowhere.handler")
    now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)
    for attempt in (1, 2, 3):
        with mock.patch("core.outbox.timezone.now", return_value=now), \
                pytest.raises(ImportError):
            outbox.relay(item.pk)
        item.refresh_from_db()
        assert (item.attempts, item.retry_at) == (attempt, now + backoff(attempt))


@pytest.fixture
def failures_kept():
    """Run tasks in-process as a worker does: a failure ends in the result, and a retry runs
    at once (in-process, Celery ignores the countdown)."""
    saved = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = saved


def test_a_nightly_task_tries_again_when_the_database_is_away__R_X_8(failures_kept):
    from contacts.tasks import recount_submitter_seats

    with mock.patch("contacts.actions.recount_submitter_seats",
                    side_effect=OperationalError("the database went away")) as action:
        result = recount_submitter_seats.apply()
    assert action.call_count == 1 + MAX_RETRIES
    assert result.state == "FAILURE" and isinstance(result.result, OperationalError)


def test_a_nightly_task_does_not_repeat_a_bug__R_X_8(failures_kept):
    from contacts.tasks import recount_submitter_seats

    with mock.patch("contacts.actions.recount_submitter_seats",
                    side_effect=TypeError("a bug")) as action:
        result = recount_submitter_seats.apply()
    assert action.call_count == 1
    assert result.state == "FAILURE" and isinstance(result.result, TypeError)
