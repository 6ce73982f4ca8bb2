"""Publishing a release emails the contacts who opted in to release news, and for an
important release also application management: batched through Celery, each contact once,
in their language, with an unsubscribe link (R-UPD-4)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings

from contacts.models import Role
from tests.factories import make_contact, make_organisation, make_user
from tests.updates.factories import make_release
from updates import news, tasks
from updates.actions import NotAllowedToPublish, publish_release
from updates.models import Kind, Release, ReleaseNotification

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


def test_it_publishes_and_emails_those_who_opted_in__R_UPD_4(cast, publisher,
                                                             django_capture_on_commit_callbacks):
    cast.employee.release_news = True
    cast.employee.save()
    cast.no_role.release_news = True  # the email carries the news: no role needed
    cast.no_role.save()
    cast.administrator.application_management = True  # not important: not for them
    cast.administrator.save()
    release = make_release("6.4.1", published=False)
    _publish(release, publisher, django_capture_on_commit_callbacks)
    release.refresh_from_db()
    assert release.is_published and release.published_at and release.published_by == publisher
    assert _recipients() == ["employee@test.example", "norole@test.example"]


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
    # Even when the fan-out task itself runs again (a redelivered task), nobody gets a second.
    news.queue_release_news(release.pk)
    assert _recipients() == ["employee@test.example"]


def test_inactive_contacts_users_and_organisations_get_nothing__R_UPD_4(
        cast, publisher, django_capture_on_commit_callbacks):
    closed = make_organisation("Opgeheven BV", is_active=False)
    make_contact(closed, Role.EMPLOYEE, email="closed@test.example", release_news=True)
    make_contact(cast.organisation, email="left@test.example", release_news=True,
                 is_active=False)
    make_contact(cast.organisation, user=make_user("blocked@test.example", is_active=False),
                 release_news=True)
    make_contact(cast.organisation, email="yes@test.example", release_news=True)
    _publish(make_release(published=False), publisher, django_capture_on_commit_callbacks)
    assert _recipients() == ["yes@test.example"]


def test_each_contact_gets_it_in_their_own_language__R_UPD_4_R_X_1(
        cast, publisher, django_capture_on_commit_callbacks):
    make_contact(cast.organisation, email="nl@test.example", release_news=True, language="nl")
    make_contact(cast.organisation, email="en@test.example", release_news=True, language="en")
    _publish(make_release("6.4.2", published=False), publisher,
             django_capture_on_commit_callbacks)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {"nl@test.example": "Nieuw: Update 6.4.2 is beschikbaar",
                        "en@test.example": "New: Update 6.4.2 is available"}


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


def test_no_portal_link_for_a_contact_who_may_not_open_it__R_UPD_4_R_ROLE_4(
        cast, publisher, django_capture_on_commit_callbacks):
    cast.no_role.release_news = True
    cast.no_role.save()
    release = make_release(published=False)
    _publish(release, publisher, django_capture_on_commit_callbacks)
    assert f"/updates/{release.pk}/" not in mail.outbox[0].body


@override_settings(UPDATES_NEWS_BATCH_SIZE=2)
def test_recipients_are_sent_in_batches_of_tasks__R_UPD_4(
        cast, publisher, django_capture_on_commit_callbacks, monkeypatch):
    batches = []
    real_delay = tasks.send_release_news_batch.delay

    def delay(release_id, contact_ids):
        batches.append(list(contact_ids))
        return real_delay(release_id, contact_ids)

    monkeypatch.setattr(tasks.send_release_news_batch, "delay", delay)
    for number in range(5):
        make_contact(cast.organisation, email=f"news{number}@test.example", release_news=True)
    _publish(make_release(published=False), publisher, django_capture_on_commit_callbacks)
    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert len(mail.outbox) == 5


def test_a_failed_send_is_retried_without_sending_the_others_again__R_UPD_4(
        cast, monkeypatch):
    for number in range(3):
        make_contact(cast.organisation, email=f"news{number}@test.example", release_news=True)
    release = make_release()
    ids = list(news.recipients(release).values_list("pk", flat=True))
    ReleaseNotification.objects.bulk_create(
        [ReleaseNotification(release=release, contact_id=pk) for pk in ids])
    real_message, calls = news._message, []

    def flaky(release, contact, notes_html, connection):
        calls.append(contact.pk)
        if len(calls) == 2:
            raise ConnectionError("SMTP went away")
        return real_message(release, contact, notes_html, connection)

    monkeypatch.setattr(news, "_message", flaky)
    with pytest.raises(ConnectionError):
        news.send_release_news_batch(release.pk, ids)
    assert len(mail.outbox) == 1
    assert ReleaseNotification.objects.filter(sent_at__isnull=True).count() == 2
    assert news.send_release_news_batch(release.pk, ids) == 2  # the retry
    assert sorted(_recipients()) == [f"news{number}@test.example" for number in range(3)]


def test_only_staff_allowed_to_publish_may__R_UPD_4(cast):
    release = make_release(published=False)
    for actor in (cast.staff, cast.employee.user):  # staff without the permission; a customer
        with pytest.raises(NotAllowedToPublish):
            publish_release(release=release, actor=actor)
    assert not Release.objects.get(pk=release.pk).is_published


def test_a_person_who_is_a_contact_of_two_organisations_gets_one_email__R_UPD_4(
        cast, publisher, django_capture_on_commit_callbacks):
    # A consultant is a contact of two customers and opted in at both: one login, one email.
    consultant = make_user("consultant@test.example")
    make_contact(cast.organisation, user=consultant, release_news=True)
    make_contact(make_organisation("Tweede Klant BV"), user=consultant, release_news=True,
                 application_management=True)
    release = make_release("6.4.2", published=False, is_important=True)
    _publish(release, publisher, django_capture_on_commit_callbacks)
    news.queue_release_news(release.pk)  # a redelivered fan-out changes nothing
    assert _recipients() == ["consultant@test.example"]
    assert ReleaseNotification.objects.filter(release=release).count() == 1
