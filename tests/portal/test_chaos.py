"""Faults, with real parts (R-X-8): a Redis of the test's own, real `celery worker` processes
on PostgreSQL, and an SMTP server on loopback.

- 1,000 changes of mixed kinds while the worker is SIGKILLed three times: every change is
  mailed, and the duplicates (a kill between the SMTP server's "250" and the commit) are
  counted and reported.
- A broker that hangs (its process stopped) during 100 requests: every request answers in
  under 2 seconds, and after recovery exactly 100 emails go out.
- A worker that hangs (its process stopped) is seen by /healthz and by the container's
  healthcheck, which kills it.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from accounts.staff import ensure_staff_groups
from care.actions import send_feedback
from care.models import FeedbackKind
from contacts.actions import ContactChanges, invite_contact
from courses.actions import cancel_enrolment, enrol
from incidents import actions as incident_actions
from incidents.models import Status
from contacts.models import Contact
from core import heartbeat, outbox
from core.models import OutboxItem
from tests.celery_workers import broker, celery_workers, new_queue, own_redis, worker_database_url
from tests.conftest import client_for
from tests.courses.factories import make_event
from tests.factories import make_user
from tests.incidents.factories import make_incident, support_user
from tests.mail_sink import smtp_sink

pytestmark = [pytest.mark.chaos, pytest.mark.redis, pytest.mark.postgres,
              pytest.mark.django_db(transaction=True)]


def _wait_for(condition: Callable[[], bool], seconds: float, *, tick: Callable[[], None] = None,
              message: str = "timed out") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, message
        if tick is not None:
            tick()
        time.sleep(0.5)


@pytest.fixture
def rig(tmp_path):
    """Own Redis, SMTP sink, and a function that starts a worker on both."""
    with own_redis() as redis, smtp_sink() as (recorder, port), broker(redis.url):
        queue = new_queue("chaos")
        env = {"DJANGO_SETTINGS_MODULE": "tests.incidents.worker_settings",
               "DATABASE_URL": worker_database_url(), "CELERY_BROKER_URL": redis.url,
               "CELERY_RESULT_BACKEND": redis.url,
               "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
               "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port),
               "HEARTBEAT_INTERVAL": "1", "WORKER_HEARTBEAT_FILE": str(tmp_path / "beat")}
        with celery_workers(queue=queue, env=env, loglevel="WARNING") as start:
            yield redis, recorder, start, tmp_path / "beat"


def _customer_care() -> None:
    ensure_staff_groups()
    care = make_user("care@test.example", is_staff=True)
    care.groups.add(Group.objects.get(name="Customer Care"))


def test_every_change_is_mailed_through_three_worker_kills__R_X_8(cast, rig):
    redis, recorder, start, _beat = rig
    _customer_care()
    # One email per change: the cast's administrator and viewer do not hear of new incidents
    # (R-MAIL-6 would add two per incident).
    Contact.objects.update(notify_new_incidents=False)
    staff = support_user(cast.staff)
    worker = start()
    kills = 0
    changes = 0

    def changed() -> None:
        nonlocal changes, worker, kills
        changes += 1
        if changes in (250, 500, 750):  # SIGKILL wherever the worker is, then a new one
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
            kills += 1
            worker = start()

    incidents = []
    for number in range(100):  # 100 received + 300 status changes
        incidents.append(make_incident(cast.submitter, f"Storing {number}"))
        changed()
    for status in (Status.IN_PROGRESS, Status.WAITING, Status.IN_PROGRESS):
        for incident in incidents:
            incident_actions.change_status(incident=incident, status=status, actor=staff)
            changed()
    for number in range(250):  # invitations of new people
        invite_contact(actor=cast.administrator, email=f"nieuw{number}@chaos.example",
                       first_name="Nieuw", last_name=str(number),
                       changes=ContactChanges(roles=frozenset({Role.EMPLOYEE}),
                                              submission_profile=""))
        changed()
    for number in range(200):  # complaints, one email each to Customer Care
        send_feedback(contact=cast.employee, kind=FeedbackKind.COMPLAINT,
                      subject=f"Klacht {number}", message="Niemand belde terug.")
        changed()
    for _ in range(150):  # a freed seat promotes the waiting contact
        event = make_event(capacity=1)
        seat = enrol(contact=cast.viewer, event=event)
        enrol(contact=cast.no_role, event=event)
        cancel_enrolment(contact=cast.viewer, enrolment=seat)
        changed()
    assert kills == 3 and OutboxItem.objects.count() == 1000

    def beat() -> None:  # what beat's sweep does every minute, a little sooner
        outbox.sweep(now=timezone.now() + dt.timedelta(minutes=3))

    _wait_for(lambda: not outbox.pending().exists(), 300, tick=beat,
              message=f"{outbox.pending().count()} of 1000 not sent")
    time.sleep(2)  # a redelivered task may still arrive: it must send nothing
    ids = recorder.message_ids()
    duplicates = sum(count - 1 for count in ids.values())
    print(f"\n1000 changes, 3 worker kills: {len(ids)} distinct emails, {duplicates} "
          f"duplicate(s)")
    assert len(ids) == 1000  # every change mailed, none missing
    assert duplicates <= kills  # at most the one message a kill interrupts


def test_a_hanging_broker_costs_one_short_timeout_per_pause_and_loses_nothing__R_X_8(
        cast, rig, settings, monkeypatch):
    """Each publish that meets the hung broker gives up after OUTBOX_PUBLISH_TIMEOUT, and only
    one request per OUTBOX_PUBLISH_PAUSE pays it (before: every request waited 19 s). The
    bounds are on the publishing itself, with a margin for a loaded machine; the request
    times are printed."""
    redis, recorder, start, _beat = rig
    settings.OUTBOX_PUBLISH_PAUSE = 3
    _customer_care()
    start()
    client = client_for(cast.employee.user)
    assert client.get("/feedback/").status_code == 200  # the process's first page is cold
    attempts: list[float] = []
    real_publish_many = outbox.publish_many

    def timed_publish_many(item_ids):
        began = time.monotonic()
        try:
            return real_publish_many(item_ids)
        finally:
            attempts.append(time.monotonic() - began)

    monkeypatch.setattr(outbox, "publish_many", timed_publish_many)
    redis.pause()  # the broker accepts connections but answers nothing
    durations = []
    hang_began = time.monotonic()
    try:
        for number in range(100):
            began = time.monotonic()
            response = client.post("/feedback/", {"kind": "complaint",
                                                  "subject": f"Klacht {number}",
                                                  "message": "Niemand belde terug."})
            durations.append(time.monotonic() - began)
            assert response.status_code == 302
    finally:
        hung_for = time.monotonic() - hang_began
        redis.resume()
    slowest = sorted(range(len(durations)), key=durations.__getitem__)[-3:]
    print(f"\nbroker hanging: slowest requests {[f'#{i} {durations[i]:.2f} s' for i in slowest]}"
          f", mean {sum(durations) / len(durations):.3f} s; {len(attempts)} publishes, "
          f"slowest {max(attempts):.2f} s")
    timeout = settings.OUTBOX_PUBLISH_TIMEOUT
    assert len(attempts) == 100  # every change tried to publish after its commit ...
    assert max(attempts) < timeout + 1.5  # ... none waited longer than the timeout ...
    blocked = [took for took in attempts if took >= timeout / 2]
    assert 1 <= len(blocked) <= hung_for / settings.OUTBOX_PUBLISH_PAUSE + 1  # ... once a pause
    assert max(durations) < 10  # a request that waited on the broker took 19 s
    assert outbox.pending().count() == 100 and recorder.message_ids() == {}
    time.sleep(settings.OUTBOX_PUBLISH_PAUSE)
    _wait_for(lambda: not outbox.pending().exists(), 120,
              tick=lambda: outbox.sweep(now=timezone.now() + dt.timedelta(minutes=3)))
    time.sleep(2)
    ids = recorder.message_ids()
    assert len(ids) == 100 and sum(ids.values()) == 100  # exactly 100 after recovery


def test_a_hung_worker_is_seen_and_killed_by_its_healthcheck__R_X_8(cast, rig, settings):
    redis, _recorder, start, beat_file = rig
    settings.HEARTBEAT_STALE_AFTER = 5
    worker = start()
    _wait_for(lambda: beat_file.exists() and heartbeat.alive(heartbeat.WORKER), 30)
    heartbeat.record(name="beat", kind=heartbeat.BEAT)
    assert Client().get("/healthz").json()["workers"] == "ok"

    worker.send_signal(signal.SIGSTOP)  # hangs: the process is there, its loop is not
    stopped = time.monotonic()
    heartbeat.record(name="beat", kind=heartbeat.BEAT)
    _wait_for(lambda: Client().get("/healthz").json()["workers"] == "error", 60)
    detected = time.monotonic() - stopped
    print(f"\nhung worker seen by /healthz after {detected:.1f} s")
    assert Client().get("/healthz").status_code == 503

    # The container's healthcheck (docker-compose.yml), with this test's threshold. It reads
    # the file's age, which the worker wrote a moment after its last database beat: wait
    # until the file, too, is past the threshold (to the second, as `date +%s` counts).
    _wait_for(lambda: int(time.time()) - int(beat_file.stat().st_mtime) >= 5, 10)
    pidfile = beat_file.with_name("worker.pid")
    pidfile.write_text(str(worker.pid))
    check = (f"test $(( $(date +%s) - $(stat -c %Y {beat_file}) )) -lt 5 "
             f"|| {{ kill -KILL $(cat {pidfile}); exit 1; }}")
    assert subprocess.run(["sh", "-c", check]).returncode == 1
    assert worker.wait(timeout=10) == -signal.SIGKILL


def test_the_production_settings_see_a_hung_worker_within_a_minute__R_X_8():
    """The bound the healthcheck and /healthz give with the shipped defaults."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("HEARTBEAT")}
    code = ("from django.conf import settings as s; "
            "print(s.HEARTBEAT_STALE_AFTER + s.HEARTBEAT_INTERVAL)")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}, capture_output=True,
        text=True, cwd=Path(django_settings.BASE_DIR), check=True)
    assert float(result.stdout.strip().splitlines()[-1]) < 60
    compose = (Path(django_settings.BASE_DIR) / "docker-compose.yml").read_text()
    assert "-lt 45" in compose and "kill -KILL" in compose
