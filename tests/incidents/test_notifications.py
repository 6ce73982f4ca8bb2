"""Followers' emails and the notification choices (R-MAIL-5, R-MAIL-6): status and reply
emails go to the owner and every follower, exactly once per event and contact (an owner who
follows gets one), decided when sent; a kind switched off sends nothing; the daily digest
gathers a day's emails into one per contact and day; administrators and viewers hear of new
incidents; every such email carries a signed one-click unsubscribe (RFC 8058) that works
without a session or CSRF token; transactional emails carry none."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from contacts.models import Contact
from core.models import OutboxItem, OutboxOutcome
from core.outbox import relay
from incidents import actions, followers, notifications
from incidents.models import DigestEntry, Status
from tests.conftest import client_for
from tests.factories import make_contact
from tests.incidents.factories import make_incident

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

UNSUBSCRIBE = re.compile(r"<(https?://[^/]+(/unsubscribe/[^/]+/))>")


def _to(address: str) -> list:
    return [email for email in mail.outbox if email.to == [address]]


def _unsubscribe(email) -> tuple[str, str]:
    """The address in the List-Unsubscribe header, and its path."""
    match = UNSUBSCRIBE.fullmatch(email.extra_headers["List-Unsubscribe"])
    assert match, email.extra_headers["List-Unsubscribe"]
    return match.group(1), match.group(2)


def _unsubscribe_path(email) -> str:
    return _unsubscribe(email)[1]


@pytest.fixture
def followed(cast, django_capture_on_commit_callbacks):
    """The submitter's incident, followed by the employee (added) and the viewer (herself)."""
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(cast.submitter)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.employee)
    followers.follow(contact=cast.viewer, incident=incident)
    mail.outbox.clear()
    return incident


# Followers get the status and reply emails (R-MAIL-5)

def test_a_status_change_mails_the_owner_and_each_follower_once__R_MAIL_5(
        cast, staff, followed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=followed, status=Status.IN_PROGRESS, actor=staff)
    assert sorted(email.to[0] for email in mail.outbox) == [
        "employee@test.example", "submitter@test.example", "viewer@test.example"]
    keys = list(OutboxItem.objects.filter(key__startswith="incident-status-")
                .exclude(key__endswith=f"-{cast.submitter.pk}").values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 2 + 0  # the received email went to the owner only
    [owner_email] = _to("submitter@test.example")
    [follower_email] = _to("employee@test.example")
    assert "The status of your incident" in owner_email.body
    assert "which you follow, changed from Submitted to In progress" in follower_email.body
    assert "Read the incident:" in follower_email.body


def test_a_public_reply_mails_the_followers_too_an_internal_note_nobody__R_MAIL_5_R_INC_8(
        cast, staff, followed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_internal_note(incident=followed, body="GEHEIM", actor=staff)
        actions.reply_as_staff(incident=followed, body="Probeer het nu nog eens.", actor=staff)
    assert len(mail.outbox) == 3
    assert all("Probeer het nu nog eens." in email.body and "GEHEIM" not in email.body
               for email in mail.outbox)
    assert "which you follow" in _to("viewer@test.example")[0].body


def test_an_owner_who_also_follows_gets_one_email__R_MAIL_5(
        cast, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(cast.submitter)
    followers.add_follower(actor=cast.submitter, incident=incident, contact=cast.expert)
    with django_capture_on_commit_callbacks(execute=True):
        actions.hand_over_incident(actor=cast.administrator, incident=incident, to=cast.expert)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=incident, status=Status.IN_PROGRESS, actor=staff)
        actions.reply_as_staff(incident=incident, body="Bekeken.", actor=staff)
    mine = _to("expert@test.example")
    assert len(mine) == 2  # the status change and the reply, once each
    assert all("which you follow" not in email.body for email in mine)


def test_who_follows_is_decided_when_the_email_is_sent__R_MAIL_5(cast, staff, followed):
    """Queued while the employee followed; removed before the worker ran: nothing."""
    actions.change_status(incident=followed, status=Status.IN_PROGRESS, actor=staff)
    followers.remove_follower(actor=cast.submitter, incident=followed, contact=cast.employee)
    Contact.objects.filter(pk=cast.viewer.pk).update(is_active=False)
    rows = {row.payload["to"]: row for row in
            OutboxItem.objects.filter(key__startswith="incident-status-", done_at__isnull=True)}
    assert relay(rows[cast.employee.pk].pk) == OutboxOutcome.SKIPPED
    assert relay(rows[cast.viewer.pk].pk) == OutboxOutcome.SKIPPED
    assert relay(rows[cast.submitter.pk].pk) == OutboxOutcome.DONE
    assert [email.to for email in mail.outbox] == [["submitter@test.example"]]


# Choices (R-MAIL-6)

def test_a_kind_switched_off_sends_nothing_of_that_kind__R_MAIL_6(
        cast, staff, followed, django_capture_on_commit_callbacks):
    Contact.objects.filter(pk=cast.employee.pk).update(notify_status=False)
    Contact.objects.filter(pk=cast.submitter.pk).update(notify_replies=False)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=followed, status=Status.IN_PROGRESS, actor=staff)
        actions.reply_as_staff(incident=followed, body="Antwoord", actor=staff)
    assert [email.subject for email in _to("employee@test.example")] == [
        f"Incident {followed.number}: a reply from support"]
    assert [email.subject for email in _to("submitter@test.example")] == [
        f"Incident {followed.number}: In progress"]
    assert len(_to("viewer@test.example")) == 2


def test_new_incidents_mail_administrators_and_viewers_who_want_them__R_MAIL_6(
        cast, django_capture_on_commit_callbacks):
    colleague_viewer = make_contact(cast.organisation, Role.VIEW_INCIDENTS,
                                    email="stil@test.example", notify_new_incidents=False)
    with django_capture_on_commit_callbacks(execute=True):
        incident = make_incident(cast.expert, "Printer weigert")
    new = [email for email in mail.outbox if "New incident" in email.subject]
    assert sorted(email.to[0] for email in new) == ["admin@test.example",
                                                    "viewer@test.example"]
    assert all(email.subject == f"New incident {incident.number}: Printer weigert"
               and "expert@test.example submitted incident" in email.body for email in new)
    assert not _to(colleague_viewer.user.email) and not _to("employee@test.example")
    assert not _to("admin@other.example")
    # The reporter is told it was received, not that it is new.
    assert [email.subject for email in _to("expert@test.example")] == [
        f"Incident {incident.number} received"]


def test_a_viewer_who_lost_the_role_before_sending_gets_no_new_incident_email__R_MAIL_6(cast):
    incident = make_incident(cast.submitter)
    Contact.objects.filter(pk=cast.viewer.pk).update(can_view_incidents=False)
    row = OutboxItem.objects.get(key=f"incident-new-{incident.pk}-{cast.viewer.pk}")
    assert relay(row.pk) == OutboxOutcome.SKIPPED


def test_the_digest_gathers_a_days_emails_into_one__R_MAIL_6(
        cast, staff, followed, django_capture_on_commit_callbacks):
    Contact.objects.filter(pk=cast.employee.pk).update(daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=followed, status=Status.IN_PROGRESS, actor=staff)
        actions.reply_as_staff(incident=followed, body="Antwoord", actor=staff)
        actions.change_status(incident=followed, status=Status.WAITING, actor=staff)
    assert not _to("employee@test.example")  # nothing one by one ...
    assert DigestEntry.objects.filter(contact=cast.employee, sent_on=None).count() == 3
    assert len(_to("viewer@test.example")) == 3  # ... the others chose single emails
    # The same morning: nothing from before today yet.
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.queue_daily_digests(timezone.now()) == 0
    tomorrow = timezone.now() + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.queue_daily_digests(tomorrow) == 1
        assert notifications.queue_daily_digests(tomorrow) == 0  # idempotent per day
    [digest] = _to("employee@test.example")
    assert digest.subject == "Your incidents: 3 updates"
    assert digest.body.count(f"/incidents/{followed.number}/") == 3
    assert f"Incident {followed.number}: In progress" in digest.body
    assert f"Incident {followed.number}: a reply from support" in digest.body
    assert "List-Unsubscribe" in digest.extra_headers
    assert not DigestEntry.objects.filter(sent_on=None).exists()
    # A later day has nothing left to send.
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.queue_daily_digests(tomorrow + dt.timedelta(days=1)) == 0
    assert len(_to("employee@test.example")) == 1


def test_the_digest_leaves_out_what_was_switched_off_or_is_no_longer_followed__R_MAIL_6(
        cast, staff, followed, django_capture_on_commit_callbacks):
    Contact.objects.filter(pk=cast.employee.pk).update(daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=followed, status=Status.IN_PROGRESS, actor=staff)
    followers.remove_follower(actor=cast.employee, incident=followed, contact=cast.employee)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.queue_daily_digests(timezone.now() + dt.timedelta(days=1))
    assert not _to("employee@test.example")
    assert OutboxItem.objects.get(key__startswith="incident-digest-").outcome == \
        OutboxOutcome.SKIPPED


# One-click unsubscribe (R-MAIL-6, RFC 8058)

def test_every_incident_email_carries_the_one_click_headers_and_a_footer_link__R_MAIL_6(
        cast, staff, followed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=followed, status=Status.IN_PROGRESS, actor=staff)
        actions.reply_as_staff(incident=followed, body="Antwoord", actor=staff)
        make_incident(cast.expert)
    assert len(mail.outbox) == 9  # 3 status, 3 reply, received + 2 new-incident
    for email in mail.outbox:
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url, _path = _unsubscribe(email)
        assert url in email.body  # the visible link, text ...
        html = email.alternatives[0][0]
        assert f'href="{url}"' in html  # ... and HTML
        assert html.index(url) < html.index("</body>")


def test_transactional_emails_carry_no_unsubscribe__R_MAIL_6(
        cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/password/reset/", {"email": "employee@test.example"})
    [reset] = mail.outbox
    assert "List-Unsubscribe" not in reset.extra_headers
    assert "/unsubscribe/" not in reset.body


def test_the_link_asks_on_get_and_switches_off_on_a_post_without_session_or_csrf__R_MAIL_6(
        cast, staff, followed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=followed, status=Status.IN_PROGRESS, actor=staff)
    path = _unsubscribe_path(_to("employee@test.example")[0])
    client = Client(enforce_csrf_checks=True)  # a mail provider's one-click POST
    page = client.get(path)
    assert page.status_code == 200 and 'data-testid="unsubscribe-question"' in page.content.decode()
    cast.employee.refresh_from_db()
    assert cast.employee.notify_status  # GET changes nothing
    response = client.post(path, "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302 and response["Location"] == path
    cast.employee.refresh_from_db()
    assert not cast.employee.notify_status
    assert cast.employee.notify_replies and cast.employee.notify_new_incidents  # only that kind
    page = client.get(path).content.decode()
    assert 'data-testid="unsubscribed"' in page and 'href="/profile/"' in page
    # And nothing more of it comes.
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=followed, status=Status.WAITING, actor=staff)
    assert len(_to("employee@test.example")) == 1


def test_the_digests_link_switches_off_every_kind__R_MAIL_6(cast):
    token = notifications.unsubscribe_token(contact_id=cast.administrator.pk, kind="all")
    assert Client().post(f"/unsubscribe/{token}/").status_code == 302
    cast.administrator.refresh_from_db()
    assert not (cast.administrator.notify_status or cast.administrator.notify_replies
                or cast.administrator.notify_new_incidents)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_or_tampered_link_is_a_clear_400_never_a_500__R_MAIL_6(cast, method):
    good = notifications.unsubscribe_token(contact_id=cast.employee.pk, kind="status")
    bad = [
        good[:-3] + ("aaa" if not good.endswith("aaa") else "bbb"),  # tampered signature
        "nonsense",
        signing.dumps({"contact": cast.employee.pk, "kind": "status"}, salt="other.salt"),
        notifications.unsubscribe_token(contact_id=cast.employee.pk, kind="everything"),
        notifications.unsubscribe_token(contact_id=999999, kind="status"),
        signing.dumps({"contact": "x", "kind": "status"}, salt=notifications.UNSUBSCRIBE_SALT),
        signing.dumps(["a list"], salt=notifications.UNSUBSCRIBE_SALT),
    ]
    for token in bad:
        response = getattr(Client(), method)(f"/unsubscribe/{token}/")
        assert response.status_code == 400, token
        assert 'data-testid="unsubscribe-invalid"' in response.content.decode()
    cast.employee.refresh_from_db()
    assert cast.employee.notify_status


# The choices on /profile/ (R-MAIL-6)

PROFILE = {
    "details-first_name": "Mila", "details-last_name": "de Vries", "details-phone": "",
    "preferences-job_title": "", "preferences-language": "en",
}


def test_the_profile_offers_new_incidents_only_to_who_sees_all_incidents__R_MAIL_6(cast):
    for contact, offered in ((cast.administrator, True), (cast.viewer, True),
                             (cast.submitter, False), (cast.employee, False)):
        page = client_for(contact.user).get("/profile/").content.decode()
        assert 'data-testid="notification-choices"' in page
        assert 'name="notifications-notify_status"' in page
        assert ('name="notifications-notify_new_incidents"' in page) is offered, contact


def test_the_choices_are_saved_per_contact__R_MAIL_6(cast):
    client = client_for(cast.viewer.user)
    response = client.post("/profile/", {**PROFILE, "notifications-notify_replies": "on",
                                         "notifications-daily_digest": "on"})
    assert response.status_code == 302
    cast.viewer.refresh_from_db()
    assert (cast.viewer.notify_status, cast.viewer.notify_replies,
            cast.viewer.notify_new_incidents, cast.viewer.daily_digest) == (
        False, True, False, True)


def test_a_post_cannot_set_a_choice_the_form_does_not_show__R_MAIL_6(cast):
    """The submitter is not offered "new incidents": posting it (or a role) changes nothing."""
    Contact.objects.filter(pk=cast.submitter.pk).update(notify_new_incidents=False)
    response = client_for(cast.submitter.user).post("/profile/", {
        **PROFILE, "notifications-notify_status": "on", "notifications-notify_replies": "on",
        "notifications-notify_new_incidents": "on", "notifications-is_administrator": "on",
        "notifications-can_view_incidents": "on"})
    assert response.status_code == 302
    cast.submitter.refresh_from_db()
    assert not cast.submitter.notify_new_incidents
    assert not cast.submitter.is_administrator and not cast.submitter.can_view_incidents


def test_a_person_with_two_organisations_chooses_per_organisation__R_MAIL_6(cast):
    other = make_contact(cast.other_organisation, Role.VIEW_INCIDENTS, user=cast.viewer.user)
    client = client_for(cast.viewer.user)
    client.post("/organisation/choose/", {"organisation": cast.other_organisation.pk})
    assert client.post("/profile/", {**PROFILE, "notifications-notify_status": "on"}
                       ).status_code == 302
    other.refresh_from_db()
    cast.viewer.refresh_from_db()
    assert other.notify_status and not other.notify_replies and not other.notify_new_incidents
    assert cast.viewer.notify_replies and cast.viewer.notify_new_incidents  # untouched


def test_the_defaults_are_everything_on_and_no_digest__R_MAIL_6(cast):
    fresh = make_contact(cast.organisation, Role.EMPLOYEE, email="nieuw@test.example")
    assert (fresh.notify_status, fresh.notify_replies, fresh.notify_new_incidents,
            fresh.daily_digest) == (True, True, True, False)


def test_beat_queues_the_digests_every_morning_in_amsterdam__R_MAIL_6(
        cast, staff, followed, django_capture_on_commit_callbacks):
    from django.conf import settings

    from incidents import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["incident-daily-digests"]
    assert entry["task"] == tasks.queue_daily_digests.name == "incidents.tasks.queue_daily_digests"
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {0}
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
    Contact.objects.filter(pk=cast.viewer.pk).update(daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(incident=followed, status=Status.IN_PROGRESS, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.queue_daily_digests.apply().get() == 0  # nothing from before today
    DigestEntry.objects.update(created_at=timezone.now() - dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.queue_daily_digests.apply().get() == 1
    assert [email.subject for email in _to("viewer@test.example")] == [
        "Your incidents: 1 update"]
