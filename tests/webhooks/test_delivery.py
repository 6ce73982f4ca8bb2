"""Delivering webhooks to a real HTTP receiver on loopback (R-HOOK-1): signed per the Standard
Webhooks spec (checked with its own verifier), rotation overlap, retries with backoff on 500,
timeouts and redirects, never twice after a success, and after 24 hours of failures the
endpoint is disabled and the administrators are emailed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.utils import timezone
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from core.models import OutboxItem
from core.outbox import relay
from core.retry import backoff
from webhooks import delivery as sending
from webhooks.actions import rotate_secret
from webhooks.events import emit
from webhooks.models import Delivery, DeliveryStatus, DisabledReason, Endpoint, EventType
from tests.webhooks.factories import make_endpoint

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loopback")]


def _event(cast, endpoint, **data):
    event = emit(cast.organisation, EventType.CONTACT_CHANGED, {"change": "updated", **data})
    assert event is not None
    return Delivery.objects.get(event=event, endpoint=endpoint)


def test_a_delivery_is_signed_and_verifies_with_the_standard_webhooks_verifier__R_HOOK_1(
        cast, receiver):
    endpoint = make_endpoint(cast.organisation, receiver.url)
    delivery = _event(cast, endpoint, note="één")
    assert sending.deliver(delivery.pk) == DeliveryStatus.DELIVERED
    [request] = receiver.requests
    assert request.headers["webhook-id"] == delivery.event.webhook_id
    assert request.headers["content-type"] == "application/json"
    payload = Webhook(endpoint.secret).verify(request.body, request.headers)
    assert payload["type"] == "contact.changed" and payload["data"]["note"] == "één"
    with pytest.raises(WebhookVerificationError):
        Webhook(make_endpoint(cast.organisation).secret).verify(request.body, request.headers)
    with pytest.raises(WebhookVerificationError):  # a changed body does not verify
        Webhook(endpoint.secret).verify(request.body.replace(b"updated", b"removed"),
                                        request.headers)
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_code, delivery.delivered_at is not None) == (
        1, 200, True)


def test_during_a_rotation_both_secrets_sign_and_afterwards_only_the_new_one__R_HOOK_1(
        cast, receiver):
    endpoint = make_endpoint(cast.organisation, receiver.url)
    old = endpoint.secret
    rotated = rotate_secret(actor=cast.administrator, endpoint=endpoint)
    assert rotated.secret != old and rotated.previous_secret == old
    sending.deliver(_event(cast, endpoint).pk)
    request = receiver.requests[-1]
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(request.body, request.headers)  # the receiver not switched yet
    Webhook(rotated.secret).verify(request.body, request.headers)  # and the one that did
    # After the overlap only the new secret signs.
    Endpoint.objects.filter(pk=endpoint.pk).update(
        previous_secret_until=timezone.now() - dt.timedelta(seconds=1))
    sending.deliver(_event(cast, endpoint, second=True).pk)
    request = receiver.requests[-1]
    assert len(request.headers["webhook-signature"].split(" ")) == 1
    Webhook(rotated.secret).verify(request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(request.body, request.headers)


def test_a_500_is_retried_with_backoff_until_a_200__R_HOOK_1(cast, receiver):
    endpoint = make_endpoint(cast.organisation, receiver.url)
    receiver.answers = [500, 503]
    delivery = _event(cast, endpoint)
    start = timezone.now()
    assert sending.deliver(delivery.pk, now=start) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_code) == (1, 500)
    assert delivery.next_attempt_at >= start + backoff(1)
    # Not due yet: a second task for it (the sweep, a duplicate publish) does nothing.
    assert sending.deliver(delivery.pk, now=start + dt.timedelta(seconds=30)) == ""
    assert len(receiver.requests) == 1
    later = delivery.next_attempt_at + dt.timedelta(seconds=1)
    assert sending.deliver(delivery.pk, now=later) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_code) == (2, 503)
    assert delivery.next_attempt_at >= later + backoff(2)
    assert sending.deliver(delivery.pk, now=delivery.next_attempt_at) == DeliveryStatus.DELIVERED
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_code, delivery.last_error) == (3, 200, "")
    assert len({item.headers["webhook-id"] for item in receiver.requests}) == 1
    assert delivery.attempt_log.count() == 3


def test_a_delivered_event_is_never_sent_again_as_new__R_HOOK_1(cast, receiver):
    endpoint = make_endpoint(cast.organisation, receiver.url)
    delivery = _event(cast, endpoint)
    assert sending.deliver(delivery.pk) == DeliveryStatus.DELIVERED
    assert sending.deliver(delivery.pk) == ""  # the task delivered again (acks_late)
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert sending.sweep() == 0
    assert len(receiver.requests) == 1 and receiver.accepted()[delivery.event.webhook_id] == 1


def test_a_receiver_that_does_not_answer_in_time_is_a_failure__R_HOOK_1(cast, receiver,
                                                                         settings):
    settings.WEBHOOKS_READ_TIMEOUT = 0.3
    endpoint = make_endpoint(cast.organisation, receiver.url)
    receiver.answers = [("sleep", 1.5)]
    delivery = _event(cast, endpoint)
    assert sending.deliver(delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert delivery.last_error == "timeout" and delivery.response_code is None
    assert sending.deliver(delivery.pk, now=delivery.next_attempt_at) == DeliveryStatus.DELIVERED


def test_redirects_are_not_followed__R_HOOK_1(cast, receiver):
    endpoint = make_endpoint(cast.organisation, receiver.url)
    receiver.answers = [302]
    delivery = _event(cast, endpoint)
    assert sending.deliver(delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert delivery.response_code == 302 and len(receiver.requests) == 1


def test_after_24_hours_of_failures_the_endpoint_is_disabled_and_administrators_emailed__R_HOOK_1(
        cast, receiver, django_capture_on_commit_callbacks):
    endpoint = make_endpoint(cast.organisation, receiver.url)
    receiver.default = 500
    delivery = _event(cast, endpoint)
    waiting = _event(cast, endpoint, second=True)
    start = delivery.created_at
    assert sending.deliver(delivery.pk, now=start) == DeliveryStatus.PENDING
    Delivery.objects.filter(pk=delivery.pk).update(
        created_at=start - dt.timedelta(hours=24), next_attempt_at=start)
    assert sending.deliver(delivery.pk, now=start) == DeliveryStatus.FAILED
    endpoint.refresh_from_db()
    assert not endpoint.enabled and endpoint.disabled_reason == DisabledReason.FAILURES
    waiting.refresh_from_db()
    assert waiting.status == DeliveryStatus.CANCELLED
    # One email per active administrator, through the outbox, in both languages.
    items = OutboxItem.objects.filter(key__startswith=f"webhook-disabled-{endpoint.pk}-")
    assert items.count() == 1
    cast.administrator.language = "en"
    cast.administrator.save(update_fields=["language"])
    relay(items.get().pk)
    [email] = mail.outbox
    assert email.to == [cast.administrator.user.email]
    assert "disabled" in email.subject and receiver.url in email.body
    assert f"/webhooks/{endpoint.pk}/" in email.body
    # Nothing more is sent to it.
    assert emit(cast.organisation, EventType.CONTACT_CHANGED, {"change": "x"}) is None


def test_the_disabled_email_is_in_the_administrators_language__R_HOOK_1_R_X_1(cast,
                                                                              monkeypatch):
    from webhooks import emails

    languages = []
    original = emails.templated_email

    def recording(template, **kwargs):
        languages.append(kwargs["language"])
        return original(template, **kwargs)

    monkeypatch.setattr(emails, "templated_email", recording)
    endpoint = make_endpoint(cast.organisation)
    [email] = emails.endpoint_disabled_email(endpoint=endpoint.pk, contact=cast.administrator.pk)
    assert languages == [cast.administrator.language] == ["nl"]
    # Only an active administrator of the endpoint's organisation is emailed.
    assert emails.endpoint_disabled_email(endpoint=endpoint.pk, contact=cast.employee.pk) == []
    assert emails.endpoint_disabled_email(endpoint=endpoint.pk,
                                          contact=cast.other_administrator.pk) == []


def test_failures_within_24_hours_keep_it_pending__R_HOOK_1(cast, receiver):
    endpoint = make_endpoint(cast.organisation, receiver.url)
    receiver.default = 500
    delivery = _event(cast, endpoint)
    now = delivery.created_at
    for _ in range(6):
        assert sending.deliver(delivery.pk, now=now) == DeliveryStatus.PENDING
        delivery.refresh_from_db()
        now = delivery.next_attempt_at
    assert [round((b - a).total_seconds() / 60) for a, b in zip(
        [r.at for r in delivery.attempt_log.order_by("at")][:-1],
        [r.at for r in delivery.attempt_log.order_by("at")][1:], strict=True)] == [
            2, 4, 8, 16, 32]
    endpoint.refresh_from_db()
    assert endpoint.enabled


def test_the_sweep_publishes_due_deliveries_once__R_HOOK_1_R_X_8(cast, receiver):
    endpoint = make_endpoint(cast.organisation, receiver.url)
    delivery = _event(cast, endpoint)
    # Its publish at commit was lost (no commit in this test): after the grace the sweep
    # sends it (tasks run in-process in the test settings).
    assert sending.sweep() == 0  # within the grace
    Delivery.objects.filter(pk=delivery.pk).update(requeue_at=timezone.now())
    assert sending.sweep() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert sending.sweep() == 0
    assert len(receiver.requests) == 1


def test_the_body_is_the_events_payload_as_signed(cast, receiver):
    endpoint = make_endpoint(cast.organisation, receiver.url)
    delivery = _event(cast, endpoint)
    sending.deliver(delivery.pk)
    assert json.loads(receiver.requests[0].body) == delivery.event.payload
