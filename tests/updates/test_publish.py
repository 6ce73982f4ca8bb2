"""Publishing a release emails the contacts who may open the Update Center (R-ROLE-4) and
opted in to release news, and for an important release also those of them in application
management: batched through the outbox, each contact once, in their language, with an
unsubscribe link (R-UPD-4, R-X-8)."""

from __future__ import annotations

import datetime as dt
import smtplib
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.permissions import StaffDenied
from contacts.models import Role
from core import outbox
from core.models import OutboxItem, OutboxOutcome
from tests.conftest import client_for
from tests.factories import make_contact, make_organisation, make_user
from tests.updates.factories import make_release
from updates import news
from updates.actions import publish_release
from updates.models import Kind, Release, ReleaseNotification

BATCH = "updates.news.release_news_batch"

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher(cast):
    cast.staff.groups.add(Group.objects.get(name="Customer Care"))
    return cast.staff


def _publish(release, actor, capture) -> None:
    with capture(execute=True):
        publish_release(release=release, actor=actor)


def _recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def _opt_in(*contacts, **preferences) -> None:
    for contact in contacts:
        for field, value in (preferences or {"release_news": True}).items():
            setattr(contact, field, value)
        contact.save()


def test_it_publishes_and_emails_those_who_opted_in__R_UPD_4(cast, publisher,
                                                             django_capture_on_commit_callbacks):
    _opt_in(cast.employee)
    cast.administrator.application_management = True  # not important: not for them
    cast.administrator.save()
    release = make_release("6.4.1", published=False)
    _publish(release, publisher, django_capture_on_commit_callbacks)
    release.refresh_from_db()
    assert release.is_published and release.published_at and release.published_by == publisher
    assert _recipients() == ["employee@test.example"]


@pytest.mark.parametrize("important", [False, True])
def test_only_contacts_who_may_open_the_update_center_get_it__R_UPD_4_R_ROLE_4(
        cast, publisher, django_capture_on_commit_callbacks, important):
    """EMPLOYEE or ADMINISTRATOR only: a submitter, a viewer, an expert or a contact without a
    role who opted in (or does application management) gets nothing."""
    everyone = [cast.administrator, cast.employee, cast.submitter, cast.viewer, cast.no_role,
                cast.expert, cast.other_administrator, cast.partner]
    _opt_in(*everyone, release_news=True, application_management=True)
    _publish(make_release(published=False, is_important=important), publisher,
             django_capture_on_commit_callbacks)
    assert _recipients() == ["admin@other.example", "admin@test.example",
                             "employee@test.example", "partner@test.example"]


def test_a_submitter_who_opted_in_gets_nothing__R_UPD_4_R_ROLE_4(cast):
    _opt_in(cast.submitter, cast.no_role, cast.viewer)
    _opt_in(cast.submitter, cast.no_role, cast.viewer, application_management=True)
    for important in (False, True):
        assert not news.recipients(make_release(is_important=important)).exists()
    _opt_in(cast.employee)
    assert list(news.recipients(make_release())) == [cast.employee]


def test_the_recipients_are_one_query_not_a_loop_over_contacts__R_UPD_4_R_X_3(
        cast, django_assert_num_queries):
    for number in range(20):
        make_contact(cast.organisation, Role.SUBMIT_INCIDENTS if number % 2 else Role.EMPLOYEE,
                     email=f"news{number}@test.example", release_news=True)
    release = make_release(is_important=True)
    with django_assert_num_queries(1):
        emails = sorted(news.recipients(release).values_list("user__email", flat=True))
    assert emails == sorted(f"news{number}@test.example" for number in range(0, 20, 2))


def test_the_filter_follows_the_role_matrix__R_UPD_4_R_ROLE_4(cast):
    """The SQL filter and ``can`` agree for every contact of the cast."""
    from accounts.permissions import Capability, can
    from contacts.models import Contact

    allowed = set(Contact.objects.filter(news.may_open_update_center())
                  .values_list("pk", flat=True))
    for contact in Contact.objects.select_related("organisation"):
        assert (contact.pk in allowed) == can(contact, Capability.UPDATES), contact


def test_an_important_release_also_reaches_application_management_once__R_UPD_4(
        cast, publisher, django_capture_on_commit_callbacks):
    cast.employee.release_news = cast.employee.application_management = True  # both groups
    cast.employee.save()
    cast.administrator.application_management = True
    cast.administrator.save()
    release = make_release("6.4.0.1", kind=Kind.PATCH, published=False, is_important=True)
    _publish(release, publisher, django_capture_on_commit_callbacks)
    assert _recipients() == ["admin@test.example", "employee@test.example"]
    assert ReleaseNotification.objects.filter(release=release).count() == 2
    assert "Belangrijk" in mail.outbox[0].subject


def test_publishing_twice_emails_nobody_twice__R_UPD_4(cast, publisher,
                                                      django_capture_on_commit_callbacks):
    cast.employee.release_news = True
    cast.employee.save()
    release = make_release(published=False)
    _publish(release, publisher, django_capture_on_commit_callbacks)
    _publish(release, publisher, django_capture_on_commit_callbacks)
    # Even when the fan-out runs again (its row relayed twice, or called by hand), nobody
    # gets a second.
    fan_out = OutboxItem.objects.get(key=f"release-news-{release.pk}")
    assert outbox.relay(fan_out.pk) == ""
    with django_capture_on_commit_callbacks(execute=True):
        news.release_news(release=release.pk)
    assert _recipients() == ["employee@test.example"]
    assert OutboxItem.objects.count() == 2  # the release's row and its one batch


def test_inactive_contacts_users_and_organisations_get_nothing__R_UPD_4(
        cast, publisher, django_capture_on_commit_callbacks):
    closed = make_organisation("Opgeheven BV", is_active=False)
    make_contact(closed, Role.EMPLOYEE, email="closed@test.example", release_news=True)
    make_contact(cast.organisation, Role.EMPLOYEE, email="left@test.example", release_news=True,
                 is_active=False)
    make_contact(cast.organisation, Role.EMPLOYEE,
                 user=make_user("blocked@test.example", is_active=False), release_news=True)
    make_contact(cast.organisation, Role.EMPLOYEE, email="yes@test.example", release_news=True)
    _publish(make_release(published=False), publisher, django_capture_on_commit_callbacks)
    assert _recipients() == ["yes@test.example"]


def test_each_contact_gets_it_in_their_own_language__R_UPD_4_R_X_1(
        cast, publisher, django_capture_on_commit_callbacks):
    make_contact(cast.organisation, Role.EMPLOYEE, email="nl@test.example", release_news=True,
                 language="nl")
    make_contact(cast.organisation, Role.EMPLOYEE, email="en@test.example", release_news=True,
                 language="en")
    _publish(make_release("6.4.2", published=False), publisher,
             django_capture_on_commit_callbacks)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {"nl@test.example": "Nieuw: Update 6.4.2 is beschikbaar",
                        "en@test.example": "New: Update 6.4.2 is available"}


def test_each_contact_reads_the_notes_in_their_language_where_there_are_some__R_UPD_4(
        cast, publisher, django_capture_on_commit_callbacks):
    """Issue 14: English notes go to English readers; without them, the Dutch ones."""
    make_contact(cast.organisation, Role.EMPLOYEE, email="nl@test.example", release_news=True,
                 language="nl")
    make_contact(cast.organisation, Role.EMPLOYEE, email="en@test.example", release_news=True,
                 language="en")
    _publish(make_release("6.5", published=False, notes="Nieuwe salarisstrook.",
                          notes_en="New payslip."), publisher,
             django_capture_on_commit_callbacks)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Nieuwe salarisstrook." in bodies["nl@test.example"]
    assert "New payslip." not in bodies["nl@test.example"]
    assert "New payslip." in bodies["en@test.example"]
    assert "Nieuwe salarisstrook." not in bodies["en@test.example"]


def test_the_email_has_text_and_html_the_notes_and_a_working_unsubscribe_link__R_UPD_4(
        cast, publisher, django_capture_on_commit_callbacks, client):
    cast.employee.release_news = True
    cast.employee.save()
    release = make_release("6.4.2", published=False,
                           notes="## Opgelost\n\n- De **btw-aangifte**\n\n<script>x()</script>")
    _publish(release, publisher, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>btw-aangifte</strong>" in html and "<script" not in html
    assert "De **btw-aangifte**" in message.body
    assert f"http://127.0.0.1:8000/updates/{release.pk}/" in message.body  # may open it
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body and link in html
    path = link.removeprefix("http://127.0.0.1:8000")
    assert client.post(path).status_code == 302  # no login needed
    cast.employee.refresh_from_db()
    assert cast.employee.release_news is False


def test_every_email_has_a_message_id_fixed_by_release_and_contact__R_UPD_4_R_X_8(
        cast, publisher, django_capture_on_commit_callbacks):
    """A batch sent again after a worker was killed mid-batch repeats the same Message-ID,
    so a mail system can drop the duplicate."""
    _opt_in(cast.employee)
    release = make_release(published=False)
    _publish(release, publisher, django_capture_on_commit_callbacks)
    assert mail.outbox[0].extra_headers["Message-ID"] == (
        f"<release-news.{release.pk}.{cast.employee.pk}@outbox.klantportal>")


def _employees(count: int) -> list:
    return [make_contact(make_organisation(f"Klant {number} BV"), Role.EMPLOYEE,
                         email=f"news{number}@test.example", release_news=True)
            for number in range(count)]


@override_settings(UPDATES_NEWS_BATCH_SIZE=2)
def test_recipients_are_sent_in_batches_one_outbox_row_each__R_UPD_4_R_X_8(
        cast, publisher, django_capture_on_commit_callbacks):
    _employees(5)
    release = make_release(published=False)
    _publish(release, publisher, django_capture_on_commit_callbacks)
    batches = OutboxItem.objects.filter(kind=BATCH).order_by("pk")
    assert [len(item.payload["contacts"]) for item in batches] == [2, 2, 1]
    assert {item.outcome for item in OutboxItem.objects.all()} == {OutboxOutcome.DONE}
    assert OutboxItem.objects.get(kind="updates.news.release_news").key == (
        f"release-news-{release.pk}")
    assert len(mail.outbox) == 5


def _waiting_batch(release, count: int):
    """A release whose fan-out ran, and its one batch row, not relayed yet."""
    _employees(count)
    with mock.patch("core.tasks.relay_outbox_item.apply_async"):
        news.queue_release_news(release)
        fan_out = OutboxItem.objects.get(key=f"release-news-{release.pk}")
        outbox.relay(fan_out.pk)
    return OutboxItem.objects.get(kind=BATCH)


def test_a_failed_send_is_retried_without_sending_the_others_again__R_UPD_4_R_X_8(
        cast, monkeypatch):
    release = make_release()
    batch = _waiting_batch(release, 3)
    real_message, calls = news._message, []

    def flaky(release, contact, notes_html, connection):
        calls.append(contact.pk)
        if len(calls) == 2:
            raise smtplib.SMTPServerDisconnected("SMTP went away")
        return real_message(release, contact, notes_html, connection)

    monkeypatch.setattr(news, "_message", flaky)
    with mock.patch("core.tasks.relay_outbox_item.apply_async"):
        assert outbox.relay(batch.pk) == OutboxOutcome.DONE  # one went out: the rest is queued
    assert len(mail.outbox) == 1
    assert ReleaseNotification.objects.filter(sent_at__isnull=True).count() == 2
    rest = OutboxItem.objects.get(kind=BATCH, done_at__isnull=True)
    assert rest.payload["contacts"] == batch.payload["contacts"][1:]
    assert outbox.relay(rest.pk) == OutboxOutcome.DONE  # the retry
    assert sorted(_recipients()) == [f"news{number}@test.example" for number in range(3)]
    assert not ReleaseNotification.objects.filter(sent_at__isnull=True).exists()


def test_a_batch_whose_first_send_fails_waits_with_back_off_and_is_swept__R_UPD_4_R_X_8(
        cast):
    release = make_release()
    batch = _waiting_batch(release, 2)
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=smtplib.SMTPServerDisconnected("SMTP down")):
        with pytest.raises(smtplib.SMTPServerDisconnected):
            outbox.relay(batch.pk)
    batch.refresh_from_db()
    assert batch.done_at is None and batch.attempts == 1 and "SMTP down" in batch.last_error
    assert mail.outbox == [] and not ReleaseNotification.objects.filter(
        sent_at__isnull=False).exists()
    assert outbox.sweep(now=timezone.now() + dt.timedelta(minutes=10)) == 1
    assert sorted(_recipients()) == ["news0@test.example", "news1@test.example"]


def test_an_address_refused_for_good_does_not_hold_up_the_batch__R_UPD_4(cast, monkeypatch):
    release = make_release()
    batch = _waiting_batch(release, 3)
    real_message = news._message

    def refusing(release, contact, notes_html, connection):
        message = real_message(release, contact, notes_html, connection)
        if contact.user.email == "news0@test.example":
            message.send = mock.Mock(side_effect=smtplib.SMTPRecipientsRefused(
                {"news0@test.example": (550, b"No such user")}))
        return message

    monkeypatch.setattr(news, "_message", refusing)
    assert outbox.relay(batch.pk) == OutboxOutcome.DONE
    assert sorted(_recipients()) == ["news1@test.example", "news2@test.example"]
    assert not OutboxItem.objects.filter(done_at__isnull=True).exists()


def test_a_lost_batch_task_is_sent_by_the_sweep__R_UPD_4_R_X_8(cast):
    """The fan-out committed its batch rows but their tasks never reached a worker."""
    release = make_release()
    batch = _waiting_batch(release, 2)
    assert mail.outbox == []
    later = batch.created_at + outbox.GRACE
    assert outbox.sweep(now=later) == 1
    assert sorted(_recipients()) == ["news0@test.example", "news1@test.example"]
    assert outbox.sweep(now=later + outbox.REQUEUE_AFTER) == 0


def test_a_broker_that_is_down_still_publishes_and_the_sweep_sends_the_news__R_UPD_4_R_X_8(
        cast, publisher, django_capture_on_commit_callbacks):
    _opt_in(cast.employee, cast.administrator)
    release = make_release(published=False)
    admin = client_for(publisher)
    with mock.patch("core.tasks.relay_outbox_item.apply_async",
                    side_effect=OperationalError("broker down")):
        with django_capture_on_commit_callbacks(execute=True):
            response = admin.post("/admin/updates/release/", {
                "action": "publish", "_selected_action": [release.pk]})
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.is_published
    assert mail.outbox == []
    assert OutboxItem.objects.filter(done_at__isnull=True).count() == 1
    later = timezone.now() + dt.timedelta(minutes=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.sweep(now=later) == 1  # the fan-out, which queues the batch
    assert _recipients() == ["admin@test.example", "employee@test.example"]
    assert not OutboxItem.objects.filter(done_at__isnull=True).exists()


def test_only_staff_allowed_to_publish_may__R_UPD_4(cast):
    release = make_release(published=False)
    for actor in (cast.staff, cast.employee.user):  # staff without the permission; a customer
        with pytest.raises(StaffDenied):
            publish_release(release=release, actor=actor)
    assert not Release.objects.get(pk=release.pk).is_published


def test_a_person_who_is_a_contact_of_two_organisations_gets_one_email__R_UPD_4(
        cast, publisher, django_capture_on_commit_callbacks):
    # A consultant is a contact of two customers and opted in at both: one login, one email.
    consultant = make_user("consultant@test.example")
    make_contact(cast.organisation, Role.EMPLOYEE, user=consultant, release_news=True)
    make_contact(make_organisation("Tweede Klant BV"), Role.EMPLOYEE, user=consultant,
                 release_news=True, application_management=True)
    release = make_release("6.4.2", published=False, is_important=True)
    _publish(release, publisher, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        news.release_news(release=release.pk)  # the fan-out again changes nothing
    assert _recipients() == ["consultant@test.example"]
    assert ReleaseNotification.objects.filter(release=release).count() == 1
