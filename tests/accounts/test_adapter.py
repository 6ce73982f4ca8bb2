"""Account emails of django-allauth (password reset, email verification) go through the
outbox, sealed so the link in them is not readable in the database or the admin (R-X-8)."""

from __future__ import annotations

import datetime as dt
import json
import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts import adapter
from core.models import OutboxItem, OutboxOutcome
from core.outbox import relay, sweep
from tests.conftest import client_for
from tests.factories import PASSWORD, make_contact, make_user

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"
LINK = re.compile(r"http://testserver(/accounts/password/reset/key/\S+)")


def test_a_password_reset_is_an_outbox_row_whose_link_is_sealed__R_X_8(
        cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(RESET, {"email": "employee@test.example"})
    assert response.status_code == 302
    item = OutboxItem.objects.get()
    assert item.kind == "accounts.adapter.account_email"
    assert item.outcome == OutboxOutcome.DONE and item.to == "employee@test.example"
    link = LINK.search(mail.outbox[0].body).group(1)
    stored = json.dumps(item.payload)
    assert link not in stored and "employee@test.example" not in stored
    assert mail.outbox[0].extra_headers["Message-ID"].endswith("@outbox.klantportal>")


def test_staff_see_the_row_but_not_the_link__R_X_8(cast, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    from accounts.staff import ensure_staff_groups

    ensure_staff_groups()
    cast.staff.groups.add(Group.objects.get(name="Support"))
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(RESET, {"email": "employee@test.example"})
    link = LINK.search(mail.outbox[0].body).group(1)
    item = OutboxItem.objects.get()
    page = client_for(cast.staff).get(f"/admin/core/outboxitem/{item.pk}/change/")
    assert page.status_code == 200
    assert link not in page.content.decode() and "reset/key" not in page.content.decode()


def test_a_broker_that_is_down_still_answers_and_the_sweep_sends_the_reset__R_X_8(
        cast, django_capture_on_commit_callbacks):
    client = Client()
    with mock.patch("core.tasks.relay_outbox_item.apply_async",
                    side_effect=OperationalError("broker down")):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(RESET, {"email": "employee@test.example"})
    assert response.status_code == 302
    assert mail.outbox == [] and OutboxItem.objects.filter(done_at__isnull=True).count() == 1
    assert sweep(now=timezone.now() + dt.timedelta(minutes=2)) == 1
    assert mail.outbox[0].to == ["employee@test.example"]
    assert client.get(LINK.search(mail.outbox[0].body).group(1), follow=True).status_code == 200


def test_the_verification_email_goes_through_the_outbox_too__R_X_8(
        cast, django_capture_on_commit_callbacks):
    user = make_user("unverified@test.example", verified=False)
    make_contact(cast.organisation, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/login/", {"login": "unverified@test.example",
                                           "password": PASSWORD})
    item = OutboxItem.objects.get(kind="accounts.adapter.account_email")
    assert item.outcome == OutboxOutcome.DONE
    assert [message.to for message in mail.outbox] == [["unverified@test.example"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def _queued_reset() -> OutboxItem:
    with mock.patch("core.tasks.relay_outbox_item.apply_async"):
        Client().post(RESET, {"email": "employee@test.example"})
    return OutboxItem.objects.get()


def test_a_waiting_row_still_opens_after_the_key_is_rotated__R_X_8(cast, settings):
    item = _queued_reset()
    old = settings.SECRET_KEY
    with override_settings(SECRET_KEY="a-new-and-long-enough-secret-key-" + "x" * 30,
                           SECRET_KEY_FALLBACKS=[old]):
        assert relay(item.pk) == OutboxOutcome.DONE
    assert mail.outbox[0].to == ["employee@test.example"]


def test_a_row_no_key_opens_is_skipped_not_retried_for_ever__R_X_8(cast):
    item = _queued_reset()
    with override_settings(SECRET_KEY="a-new-and-long-enough-secret-key-" + "x" * 30,
                           SECRET_KEY_FALLBACKS=[]):
        assert relay(item.pk) == OutboxOutcome.SKIPPED
    assert mail.outbox == []


def test_seal_keeps_every_part_of_the_message():
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives("Onderwerp", "Tekst", "portal@test.example",
                                     ["iemand@test.example"], headers={"X-Test": "1"})
    message.attach_alternative("<p>Tekst</p>", "text/html")
    [copy] = adapter.account_email(sealed=adapter.seal(message))
    assert (copy.subject, copy.body, copy.from_email, copy.to, copy.extra_headers,
            copy.alternatives[0][0]) == ("Onderwerp", "Tekst", "portal@test.example",
                                         ["iemand@test.example"], {"X-Test": "1"},
                                         "<p>Tekst</p>")
