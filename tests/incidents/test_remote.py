"""Remote assistance ways b and c (R-INC-11): one-time support codes that start a recorded
screen-sharing session, and the customer's permission to request a backup; every step in the
incident's history."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone, translation

from accounts.permissions import CapabilityDenied
from incidents import actions, remote
from incidents.models import (
    BackupPermission, Incident, RemoteSession, RemoteStepKind, Status, SupportCode,
)
from tests.conftest import client_for
from tests.factories import staff_member
from tests.incidents.factories import make_incident, support_user
from tests.incidents.test_admin_queue import _change
from tests.queries import queries_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MEEKIJKEN = "/support/meekijken/"


def _steps(incident: Incident) -> list[str]:
    """The remote-assistance steps of the incident page's history, in order."""
    response = client_for(incident.owner.user).get(f"/incidents/{incident.number}/")
    return [entry.kind for entry in response.context["incident"].timeline
            if entry.is_remote_step]


def _wrong(digits: str) -> str:
    return f"{(int(digits) + 1) % 1_000_000:06d}"


# The code ---------------------------------------------------------------------------------


def test_a_code_has_6_digits_and_only_its_hash_is_stored__R_INC_11(cast, staff):
    incident = make_incident(cast.submitter)
    new = remote.create_support_code(incident=incident, actor=staff)
    assert re.fullmatch(r"[0-9]{6}", new.digits)
    stored = SupportCode.objects.get()
    assert stored.code_hash == remote.hash_code(incident.pk, new.digits)
    assert len(stored.code_hash) == 64 and new.digits not in stored.code_hash
    # The same digits on another incident have another hash: a copy cannot be tried there.
    assert remote.hash_code(incident.pk + 1, new.digits) != stored.code_hash
    assert stored.expires_at - stored.created_at == dt.timedelta(minutes=20)


def test_a_code_expires_after_20_minutes__R_INC_11(cast, staff):
    incident = make_incident(cast.submitter)
    start = timezone.now()
    late = remote.create_support_code(incident=incident, actor=staff, now=start)
    with pytest.raises(remote.WrongCode):
        remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                    code=late.digits, now=start + dt.timedelta(minutes=20))
    in_time = remote.create_support_code(incident=incident, actor=staff, now=start)
    session = remote.start_remote_session(
        contact=cast.submitter, number=incident.number, code=in_time.digits,
        now=start + dt.timedelta(minutes=19, seconds=59))
    assert session.code == in_time.code


def test_a_code_is_used_once__R_INC_11(cast, staff):
    incident = make_incident(cast.submitter)
    new = remote.create_support_code(incident=incident, actor=staff)
    remote.start_remote_session(contact=cast.submitter, number=incident.number, code=new.digits)
    with pytest.raises(remote.WrongCode):
        remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                    code=new.digits)
    assert RemoteSession.objects.count() == 1


def test_a_new_code_replaces_the_one_not_used_yet__R_INC_11(cast, staff):
    incident = make_incident(cast.submitter)
    old = remote.create_support_code(incident=incident, actor=staff)
    new = remote.create_support_code(incident=incident, actor=staff)
    with pytest.raises(remote.WrongCode):
        remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                    code=old.digits)
    remote.start_remote_session(contact=cast.submitter, number=incident.number, code=new.digits)


def test_five_wrong_tries_kill_the_code_even_for_the_right_one_after__R_INC_11(cast, staff):
    incident = make_incident(cast.submitter)
    new = remote.create_support_code(incident=incident, actor=staff)
    for _try in range(4):
        with pytest.raises(remote.WrongCode):
            remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                        code=_wrong(new.digits))
    assert SupportCode.objects.get().locked_at is None
    with pytest.raises(remote.WrongCode):
        remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                    code=_wrong(new.digits))
    code = SupportCode.objects.get()
    assert code.failed_tries == 5 and code.locked_at is not None
    with pytest.raises(remote.WrongCode):  # the 6th try, with the right code
        remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                    code=new.digits)
    assert not RemoteSession.objects.exists()
    assert _steps(incident) == [RemoteStepKind.CODE_CREATED, RemoteStepKind.CODE_LOCKED]
    # Staff can make a new one, which works.
    again = remote.create_support_code(incident=incident, actor=staff)
    remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                code=again.digits)


@override_settings(SUPPORT_CODE_USER_TRIES=3)
def test_one_login_cannot_guess_across_incidents__R_INC_11(cast, staff):
    incidents = [make_incident(cast.submitter, f"Melding {index}") for index in range(4)]
    codes = [remote.create_support_code(incident=incident, actor=staff)
             for incident in incidents]
    for incident, new in zip(incidents[:3], codes[:3], strict=True):
        with pytest.raises(remote.WrongCode):
            remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                        code=_wrong(new.digits))
    # Each code took one try; the login has used its three.
    assert set(SupportCode.objects.values_list("failed_tries", flat=True)) == {0, 1}
    with pytest.raises(remote.TooManyTries):
        remote.start_remote_session(contact=cast.submitter, number=incidents[3].number,
                                    code=codes[3].digits)
    response = client_for(cast.submitter.user).post(
        MEEKIJKEN, {"number": incidents[3].number, "code": codes[3].digits})
    assert response.status_code == 429
    assert "Too many wrong codes" in response.content.decode()
    assert not RemoteSession.objects.exists()


# /support/meekijken/ ------------------------------------------------------------------------


def test_the_number_and_code_start_a_session_from_the_support_page__R_INC_11(cast, staff):
    incident = make_incident(cast.submitter)
    new = remote.create_support_code(incident=incident, actor=staff)
    response = client_for(cast.submitter.user).post(
        MEEKIJKEN, {"number": f" {incident.number} ", "code": new.digits})
    assert response.status_code == 302, (response.context["form"].errors, response.context["error"])
    assert response["Location"] == (
        f"/incidents/{incident.number}/")
    session = RemoteSession.objects.get()
    assert (session.incident, session.confirmed_by, session.engineer) == (
        incident, cast.submitter, staff)


def test_another_organisations_number_reveals_nothing_and_counts_a_try__R_INC_11(
        cast, staff):
    theirs = make_incident(cast.submitter)
    new = remote.create_support_code(incident=theirs, actor=staff)
    client = client_for(cast.other_administrator.user)
    unknown = client.post(MEEKIJKEN, {"number": "99999999", "code": "123456"})
    wrong = client.post(MEEKIJKEN, {"number": theirs.number, "code": _wrong(new.digits)})
    right = client.post(MEEKIJKEN, {"number": theirs.number, "code": new.digits})
    assert unknown.status_code == wrong.status_code == right.status_code == 400
    message = unknown.context["error"]
    assert wrong.context["error"] == right.context["error"] == message
    assert "not valid for this incident number" in message
    assert theirs.subject not in right.content.decode()
    # Both tries counted against the code; nothing started.
    assert SupportCode.objects.get().failed_tries == 2
    assert not RemoteSession.objects.exists()


def test_a_wrong_code_keeps_the_number_typed__R_X_2(cast, staff):
    incident = make_incident(cast.submitter)
    remote.create_support_code(incident=incident, actor=staff)
    response = client_for(cast.submitter.user).post(
        MEEKIJKEN, {"number": incident.number, "code": "12345"})  # five digits
    assert response.status_code == 400
    assert f'value="{incident.number}"' in response.content.decode()
    assert SupportCode.objects.get().failed_tries == 0  # not a try: the form refused it


def test_the_page_links_from_support_and_asks_both_numbers__R_INC_11(cast):
    client = client_for(cast.employee.user)
    assert MEEKIJKEN in client.get("/support/").content.decode()
    html = client.get(MEEKIJKEN).content.decode()
    assert 'name="number"' in html and 'name="code"' in html and "20 minutes" in html


def test_meekijken_query_count_is_constant__R_X_3(cast, staff):
    """The page reads no rows; a wrong code costs the same whatever the incident holds."""
    def count(sessions: int) -> int:
        incident = make_incident(cast.submitter)
        for _session in range(sessions):
            new = remote.create_support_code(incident=incident, actor=staff)
            remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                        code=new.digits)
        client = client_for(cast.submitter.user)
        client.get(MEEKIJKEN)
        return queries_of(client, MEEKIJKEN)

    one = count(1)
    Incident.objects.all().delete()
    assert count(50) == one


# Who may start and end ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["viewer", "administrator"])
def test_a_contact_who_may_not_grant_access_cannot_start_a_session__R_INC_11(cast, staff, who):
    incident = make_incident(cast.submitter)
    new = remote.create_support_code(incident=incident, actor=staff)
    contact = getattr(cast, who)
    html = client_for(contact.user).get(f"/incidents/{incident.number}/").content.decode()
    assert 'data-testid="code-form"' not in html
    response = client_for(contact.user).post(f"/incidents/{incident.number}/session/",
                                             {"code": new.digits})
    assert response.status_code == 403
    with pytest.raises(CapabilityDenied):
        remote.start_remote_session(contact=contact, number=incident.number, code=new.digits)
    code = SupportCode.objects.get()
    assert code.used_at is None and code.failed_tries == 0
    assert not RemoteSession.objects.exists()


def test_a_closed_incident_takes_no_code__R_INC_11(cast, staff):
    incident = make_incident(cast.submitter)
    actions.withdraw_incident(contact=cast.submitter, incident=incident)
    with pytest.raises(actions.IncidentClosed):
        remote.create_support_code(incident=incident, actor=staff)


def test_a_post_that_names_engineer_or_confirmer_is_ignored__R_INC_11_R_X_2(cast, staff):
    incident = make_incident(cast.submitter)
    new = remote.create_support_code(incident=incident, actor=staff)
    other_engineer = support_user(staff_member("Support"))
    response = client_for(cast.submitter.user).post(f"/incidents/{incident.number}/session/", {
        "code": new.digits, "engineer": other_engineer.pk, "confirmed_by": cast.viewer.pk,
        "started_at": "2020-01-01 10:00", "ended_at": "2020-01-01 11:00"})
    assert response.status_code == 302
    session = RemoteSession.objects.get()
    assert (session.engineer, session.confirmed_by, session.ended_at) == (
        staff, cast.submitter, None)
    assert session.started_at > timezone.now() - dt.timedelta(minutes=1)


def test_the_customer_sees_the_session_and_ends_it__R_INC_11(cast, staff):
    staff.first_name = "Sanne"
    staff.save()
    incident = make_incident(cast.submitter)
    new = remote.create_support_code(incident=incident, actor=staff)
    client = client_for(cast.submitter.user)
    response = client.post(f"/incidents/{incident.number}/session/", {"code": new.digits},
                           follow=True)
    html = response.content.decode()
    assert "Session running with Sanne (Support)" in html
    session = RemoteSession.objects.get()
    # Another contact cannot end it; the owner can.
    assert client_for(cast.viewer.user).post(
        f"/incidents/{incident.number}/session/{session.pk}/end/").status_code == 403
    client.post(f"/incidents/{incident.number}/session/{session.pk}/end/")
    session.refresh_from_db()
    assert session.ended_at is not None and session.ended_by_contact == cast.submitter
    assert "Session running" not in client.get(f"/incidents/{incident.number}/").content.decode()


def test_a_session_of_another_incident_is_404__R_INC_11(cast, staff):
    mine, other = make_incident(cast.submitter), make_incident(cast.submitter)
    new = remote.create_support_code(incident=other, actor=staff)
    session = remote.start_remote_session(contact=cast.submitter, number=other.number,
                                          code=new.digits)
    client = client_for(cast.submitter.user)
    assert client.post(f"/incidents/{mine.number}/session/{session.pk}/end/").status_code == 404
    outsider = client_for(cast.other_administrator.user)
    for url in (f"/incidents/{other.number}/session/",
                f"/incidents/{other.number}/session/{session.pk}/end/",
                f"/incidents/{other.number}/backup/"):
        assert outsider.post(url, {"code": new.digits, "period": "1d"}).status_code == 404, url
    session.refresh_from_db()
    assert session.ended_at is None and not BackupPermission.objects.exists()


def test_history_shows_every_step_of_a_session__R_INC_11(cast, staff):
    incident = make_incident(cast.submitter)
    first = remote.create_support_code(incident=incident, actor=staff)
    for _try in range(5):
        with pytest.raises(remote.WrongCode):
            remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                        code=_wrong(first.digits))
    second = remote.create_support_code(incident=incident, actor=staff)
    session = remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                          code=second.digits)
    remote.end_remote_session_by_staff(session=session, actor=staff)
    assert _steps(incident) == [
        RemoteStepKind.CODE_CREATED, RemoteStepKind.CODE_LOCKED, RemoteStepKind.CODE_CREATED,
        RemoteStepKind.SESSION_STARTED, RemoteStepKind.SESSION_ENDED]
    html = client_for(cast.viewer.user).get(f"/incidents/{incident.number}/").content.decode()
    for text in ("Support created a one-time support code",
                 "Support code refused after too many wrong tries",
                 "Screen-sharing session started", "Screen-sharing session ended"):
        assert text in html


# Backup permissions -------------------------------------------------------------------------


def test_the_owner_grants_and_revokes_backup_permission_in_the_history__R_INC_11(cast, staff):
    incident = make_incident(cast.submitter)
    asked = remote.request_backup_permission(incident=incident, actor=staff, reason="Back-up")
    client = client_for(cast.submitter.user)
    assert 'data-testid="backup-request"' in client.get(
        f"/incidents/{incident.number}/").content.decode()
    response = client.post(f"/incidents/{incident.number}/backup/",
                           {"period": "7d", "request": asked.pk,
                            "granted_by": cast.viewer.pk, "expires_at": "2099-01-01"})
    assert response.status_code == 302
    permission = BackupPermission.objects.get()  # the request answered, no second row
    assert permission.granted_by == cast.submitter
    assert permission.expires_at - permission.granted_at == dt.timedelta(days=7)
    assert 'data-testid="active-backup"' in client.get(
        f"/incidents/{incident.number}/").content.decode()
    client.post(f"/incidents/{incident.number}/backup/{permission.pk}/revoke/")
    permission.refresh_from_db()
    assert permission.revoked_by == cast.submitter
    with translation.override("en"):
        assert permission.state(timezone.now()) == "revoked"
    assert _steps(incident) == [RemoteStepKind.BACKUP_REQUESTED, RemoteStepKind.BACKUP_GRANTED,
                                RemoteStepKind.BACKUP_REVOKED]


def test_backup_permission_expires_into_the_history__R_INC_11(cast, monkeypatch):
    from incidents import views

    incident = make_incident(cast.submitter)
    start = timezone.now()
    permission = remote.grant_backup_permission(
        contact=cast.submitter, incident=incident, expires_at=start + dt.timedelta(days=1),
        now=start)
    with translation.override("en"):  # state() is a label; an earlier request's language
        assert permission.is_active(start) and permission.state(start) == "active"
    later = start + dt.timedelta(days=1, seconds=1)
    with translation.override("en"):
        assert not permission.is_active(later) and permission.state(later) == "expired"
    monkeypatch.setattr(views, "now", lambda: later)
    assert _steps(incident) == [RemoteStepKind.BACKUP_GRANTED, RemoteStepKind.BACKUP_EXPIRED]
    # Revoking an expired permission changes nothing.
    remote.revoke_backup_permission(contact=cast.submitter, permission=permission, now=later)
    permission.refresh_from_db()
    assert permission.revoked_at is None


@pytest.mark.parametrize("who", ["viewer", "administrator"])
def test_only_the_acting_owner_grants_backup_permission__R_INC_11(cast, who):
    incident = make_incident(cast.submitter)
    contact = getattr(cast, who)
    html = client_for(contact.user).get(f"/incidents/{incident.number}/").content.decode()
    assert 'data-testid="backup-form"' not in html
    assert client_for(contact.user).post(f"/incidents/{incident.number}/backup/",
                                         {"period": "1d"}).status_code == 403
    with pytest.raises(CapabilityDenied):
        remote.grant_backup_permission(contact=contact, incident=incident,
                                       expires_at=timezone.now() + dt.timedelta(days=1))
    assert not BackupPermission.objects.exists()


def test_backup_permission_is_at_most_14_days__R_INC_11(cast):
    incident = make_incident(cast.submitter)
    with pytest.raises(ValidationError):
        remote.grant_backup_permission(contact=cast.submitter, incident=incident,
                                       expires_at=timezone.now() + dt.timedelta(days=15))
    response = client_for(cast.submitter.user).post(f"/incidents/{incident.number}/backup/",
                                                    {"period": "30d"})
    assert response.status_code == 302 and not BackupPermission.objects.exists()


# The incident page stays a fixed number of queries --------------------------------------------


def _detail_queries(cast, staff, count: int) -> int:
    incident = make_incident(cast.submitter)
    for _number in range(count):
        new = remote.create_support_code(incident=incident, actor=staff)
        session = remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                              code=new.digits)
        remote.end_remote_session(contact=cast.submitter, session=session)
        permission = remote.grant_backup_permission(
            contact=cast.submitter, incident=incident,
            expires_at=timezone.now() + dt.timedelta(days=1))
        remote.revoke_backup_permission(contact=cast.submitter, permission=permission)
        remote.request_backup_permission(incident=incident, actor=staff)
        actions.request_remote_access(incident=incident, actor=staff)
    remote.create_support_code(incident=incident, actor=staff)
    client = client_for(cast.submitter.user)
    client.get(f"/incidents/{incident.number}/")
    return queries_of(client, f"/incidents/{incident.number}/")


def test_the_incident_page_query_count_does_not_grow_with_remote_assistance__R_X_3(
        cast, staff):
    one = _detail_queries(cast, staff, 1)
    Incident.objects.all().delete()
    assert _detail_queries(cast, staff, 50) == one


# Staff in the admin -----------------------------------------------------------------------------


def test_staff_create_a_code_in_the_admin_and_see_it_once__R_INC_11(cast, staff):
    from django.contrib.messages import get_messages

    incident = make_incident(cast.submitter)
    client = client_for(staff)
    url = f"/admin/incidents/incident/{incident.pk}/change/"
    response = client.post(url, _change(incident, create_support_code="on",
                                        request_backup="Back-up voor de analyse"))
    assert response.status_code == 302
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    digits = re.search(r"(?:Support code for|Supportcode voor) \d{8}: ([0-9]{6})",
                       " ".join(shown)).group(1)
    code = SupportCode.objects.get()
    assert code.code_hash == remote.hash_code(incident.pk, digits) and code.created_by == staff
    assert BackupPermission.objects.get().requested_by == staff
    client.get(url)  # the message shown once, on the page after saving
    html = client.get(url).content.decode()
    assert digits not in html  # never again
    assert "Back-up voor de analyse" in html

    session = remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                          code=digits)
    assert client.post(url, _change(incident, end_sessions="on")).status_code == 302
    session.refresh_from_db()
    assert session.ended_at is not None and session.ended_by_user == staff


def test_the_admin_refuses_a_code_on_a_closed_incident__R_INC_11(cast, staff):
    incident = make_incident(cast.submitter)
    actions.withdraw_incident(contact=cast.submitter, incident=incident)
    incident.refresh_from_db()
    response = client_for(staff).post(f"/admin/incidents/incident/{incident.pk}/change/",
                                      _change(incident, create_support_code="on"))
    assert response.status_code == 200 and not SupportCode.objects.exists()
    assert incident.status == Status.CLOSED


@pytest.mark.parametrize("env", [{"SUPPORT_CODE_MINUTES": "0"}, {"SUPPORT_CODE_TRIES": "five"},
                                 {"SUPPORT_CODE_USER_TRIES": "-1"}])
def test_bad_support_code_settings_fail_loudly__R_INC_11(env):
    import os
    import subprocess
    import sys
    from pathlib import Path

    clean = {key: value for key, value in os.environ.items()
             if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"}}
    result = subprocess.run([sys.executable, "manage.py", "check"],
                            cwd=Path(__file__).resolve().parents[2], env={**clean, **env},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert any(name in result.stderr for name in env)


def test_ending_a_session_or_access_asks_the_owner_first__issue_14_R_INC_11(cast):
    """GET shows a confirmation whose form ends it; nothing ends by opening it. Someone who
    is not the owner gets no confirmation page (403); an ended session has nothing to end."""
    from incidents.actions import grant_remote_access

    incident = make_incident(cast.submitter)
    digits = remote.create_support_code(incident=incident,
                                        actor=support_user(staff_member("Support"))).digits
    session = remote.start_remote_session(contact=cast.submitter, number=incident.number,
                                          code=digits)
    owner = client_for(cast.submitter.user)
    url = f"/incidents/{incident.number}/session/{session.pk}/end/"
    page = owner.get(url)
    assert page.status_code == 200 and 'data-testid="confirm-end"' in page.content.decode()
    session.refresh_from_db()
    assert session.ended_at is None
    assert client_for(cast.viewer.user).get(url).status_code == 403
    assert owner.post(url).status_code == 302
    session.refresh_from_db()
    assert session.ended_at is not None
    assert owner.get(url)["Location"] == f"/incidents/{incident.number}/"

    grant = grant_remote_access(contact=cast.submitter, incident=incident, level="screen",
                                expires_at=timezone.now() + dt.timedelta(hours=2))
    url = f"/incidents/{incident.number}/access/{grant.pk}/revoke/"
    assert 'data-testid="confirm-end"' in owner.get(url).content.decode()
    grant.refresh_from_db()
    assert grant.revoked_at is None
