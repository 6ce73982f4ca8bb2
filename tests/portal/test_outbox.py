"""The outbox (R-X-8): a row written in the change's transaction, published after commit
without waiting on the broker, relayed exactly once under a row lock, retried by the sweep
with back-off, never given up."""

from __future__ import annotations

import datetime as dt
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from core import outbox
from core.models import OutboxItem, OutboxOutcome

pytestmark = pytest.mark.django_db

calls: list[dict] = []


@outbox.outbox_handler
def greeting(*, name: str) -> list[EmailMessage]:
    calls.append({"name": name})
    if name == "nobody":
        return []
    return [EmailMessage(subject=f"Hallo {name}", body="…", to=[f"{name}@test.example"])]


@outbox.outbox_handler
def task_only(*, value: int) -> None:
    calls.append({"value": value})


def not_a_handler(**payload) -> list[EmailMessage]:  # pragma: no cover - never called
    raise AssertionError("the outbox must refuse to call this")


@pytest.fixture(autouse=True)
def _calls():
    calls.clear()
    yield
    calls.clear()


def test_a_row_is_published_only_after_commit__R_X_8(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            outbox.enqueue(greeting, key="greeting-1", name="bea")
    assert len(callbacks) == 1 and mail.outbox == []
    callbacks[0]()
    item = OutboxItem.objects.get()
    assert item.outcome == OutboxOutcome.DONE and item.to == "bea@test.example"
    assert [email.subject for email in mail.outbox] == ["Hallo bea"]


def test_a_rolled_back_change_leaves_no_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.enqueue(greeting, key="greeting-1", name="bea")
            raise RuntimeError("the change failed")
    assert not OutboxItem.objects.exists() and mail.outbox == []


def test_the_same_key_is_written_and_sent_once__R_X_8(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = outbox.enqueue(greeting, key="greeting-1", name="bea")
        second = outbox.enqueue(greeting, key="greeting-1", name="bea")
    assert first.pk == second.pk and len(mail.outbox) == 1


def test_relay_is_exactly_once__R_X_8():
    item = outbox.enqueue(greeting, key="greeting-1", name="bea")
    assert outbox.relay(item.pk) == OutboxOutcome.DONE
    assert outbox.relay(item.pk) == ""
    assert len(mail.outbox) == 1
    expected = f"<greeting-1.{item.pk}@outbox.klantportal>"
    assert mail.outbox[0].extra_headers["Message-ID"] == expected


def test_a_handler_with_nothing_to_send_marks_the_row_skipped():
    item = outbox.enqueue(greeting, key="greeting-2", name="nobody")
    assert outbox.relay(item.pk) == OutboxOutcome.SKIPPED
    assert mail.outbox == [] and OutboxItem.objects.get().done_at is not None


def test_a_task_handler_runs_once():
    item = outbox.enqueue(task_only, key="task-1", value=7)
    assert outbox.relay(item.pk) == OutboxOutcome.DONE
    assert outbox.relay(item.pk) == ""
    assert calls == [{"value": 7}]


def test_only_marked_handlers_can_be_queued_or_run():
    with pytest.raises(ValueError):
        outbox.enqueue(not_a_handler, key="bad-1")
    item = OutboxItem.objects.create(key="bad-2", kind=f"{__name__}.not_a_handler")
    with pytest.raises(ValueError):
        outbox.relay(item.pk)
    assert OutboxItem.objects.get(pk=item.pk).done_at is None


def test_a_failed_send_stays_waiting_with_its_error_and_backs_off__R_X_8():
    item = outbox.enqueue(greeting, key="greeting-1", name="bea")
    now = timezone.now()
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=smtplib.SMTPServerDisconnected("connection lost")):
        for _ in range(2):
            with pytest.raises(smtplib.SMTPServerDisconnected):
                outbox.relay(item.pk)
    item.refresh_from_db()
    assert item.done_at is None and item.attempts == 2
    assert "connection lost" in item.last_error
    assert item.retry_at >= now + dt.timedelta(minutes=4)  # 2, then 4 minutes
    assert outbox.sweep(now=now) == 0  # not yet
    assert outbox.sweep(now=now + dt.timedelta(minutes=10)) == 1
    item.refresh_from_db()
    assert item.outcome == OutboxOutcome.DONE and item.last_error == ""
    assert len(mail.outbox) == 1


def test_a_crash_after_sending_before_marking_rolls_back_the_claim__R_X_8():
    """Dying after the send but before the commit is the one window left (documented in
    core.outbox): the row is still waiting afterwards, so the retry sends again."""
    item = outbox.enqueue(greeting, key="greeting-1", name="bea")
    with mock.patch.object(OutboxItem, "save", side_effect=RuntimeError("worker died")):
        with pytest.raises(RuntimeError):
            outbox.relay(item.pk)
    item.refresh_from_db()
    assert item.done_at is None


def test_a_broker_that_is_down_costs_the_request_nothing__R_X_8(
        django_capture_on_commit_callbacks):
    with mock.patch("core.tasks.relay_outbox_item.apply_async",
                    side_effect=OperationalError("broker down")) as apply_async:
        with django_capture_on_commit_callbacks(execute=True):
            outbox.enqueue(greeting, key="greeting-1", name="bea")
        apply_async.assert_called_once()
        assert apply_async.call_args.kwargs == {"retry": False}
        # The sweep meets the same broker: it stops and leaves the row due.
        later = timezone.now() + dt.timedelta(minutes=2)
        assert outbox.sweep(now=later) == 0
    item = OutboxItem.objects.get()
    assert item.done_at is None and item.retry_at == later
    assert outbox.sweep(now=later) == 1
    assert len(mail.outbox) == 1


def test_the_sweep_leaves_new_rows_to_their_own_publish_and_does_not_repeat_itself():
    with mock.patch("core.tasks.relay_outbox_item.apply_async") as apply_async:
        outbox.enqueue(greeting, key="greeting-1", name="bea")
        now = timezone.now()
        assert outbox.sweep(now=now) == 0  # younger than the grace period
        assert outbox.sweep(now=now + outbox.GRACE) == 1
        assert outbox.sweep(now=now + outbox.GRACE) == 0  # queued already
        assert outbox.sweep(now=now + outbox.GRACE + outbox.REQUEUE_AFTER) == 1  # lost task
    assert apply_async.call_count == 2


def test_staff_see_the_outbox_read_only(cast):
    from accounts.staff import ensure_staff_groups
    from django.contrib.auth.models import Group

    from tests.conftest import client_for

    ensure_staff_groups()
    cast.staff.groups.add(Group.objects.get(name="Support"))
    outbox.enqueue(greeting, key="greeting-1", name="bea")
    client = client_for(cast.staff)
    page = client.get("/admin/core/outboxitem/?state=pending")
    assert page.status_code == 200 and "greeting-1" in page.content.decode()
    item = OutboxItem.objects.get()
    assert client.post(f"/admin/core/outboxitem/{item.pk}/delete/").status_code == 403
