"""/healthz reports database, cache and broker reachability (R-X-5), and whether workers and
beat are alive and the outbox keeps up (R-X-8)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from portal.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_it_reports_every_part_ok__R_X_5(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok",
                               "workers": "in-process", "beat": "in-process", "outbox": "ok",
                               "outbox_waiting": 0, "outbox_oldest_seconds": None}
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def unreachable_broker(monkeypatch):
    # Celery reads CELERY_BROKER_URL from the environment before its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
    celery_app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:1/0")
    yield
    celery_app.conf.update(saved)


def test_an_unreachable_broker_answers_503__R_X_5(client, unreachable_broker):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert response.json()["database"] == "ok"


@override_settings(CACHES={"default": {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0"}})
def test_an_unreachable_cache_answers_503__R_X_5(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"


@pytest.fixture
def with_workers(monkeypatch):
    """Tasks go to workers (not in-process), without reaching out to a broker."""
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    monkeypatch.setattr("portal.views._broker", lambda: None)
    yield
    celery_app.conf.task_always_eager = saved


def test_a_worker_that_stops_beating_makes_it_503__R_X_8(client, with_workers, settings):
    from django.utils import timezone

    from core import heartbeat

    settings.HEARTBEAT_STALE_AFTER = 45
    now = timezone.now()
    heartbeat.record(name="celery@one", kind=heartbeat.WORKER, now=now)
    heartbeat.record(name="beat", kind=heartbeat.BEAT, now=now)
    body = client.get("/healthz").json()
    assert (body["status"], body["workers"], body["workers_alive"], body["beat"]) == (
        "ok", "ok", 1, "ok")
    heartbeat.record(name="celery@one", kind=heartbeat.WORKER,
                     now=now - timezone.timedelta(seconds=46))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert (response.json()["workers"], response.json()["workers_alive"]) == ("error", 0)
    # The load balancer's probe only asks what the web process needs.
    assert client.get("/healthz?scope=web").status_code == 200


def test_beat_that_stops_makes_it_503__R_X_8(client, with_workers):
    from django.utils import timezone

    from core import heartbeat

    heartbeat.record(name="celery@one", kind=heartbeat.WORKER)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["beat"] == "error"
    heartbeat.record(name="beat", kind=heartbeat.BEAT,
                     now=timezone.now() - timezone.timedelta(seconds=30))
    assert client.get("/healthz").status_code == 200


def test_an_outbox_that_backs_up_makes_it_503__R_X_8(client, settings):
    from django.utils import timezone

    from core.models import OutboxItem

    settings.OUTBOX_STALE_AFTER = 600
    OutboxItem.objects.create(key="old", kind="x", created_at=timezone.now()
                              - timezone.timedelta(seconds=601))
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert (body["outbox"], body["outbox_waiting"]) == ("error", 1)
    assert body["outbox_oldest_seconds"] >= 601


@pytest.fixture
def real_broker(monkeypatch):
    """Tasks go to the Redis broker of CELERY_BROKER_URL; every socket opened to it counted."""
    import os

    import redis.connection

    from portal import views

    url = os.environ["CELERY_BROKER_URL"]
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
    celery_app.conf.update(task_always_eager=False, broker_url=url)
    views.broker_probe.close()
    opened = []
    real_connect = redis.connection.AbstractConnection.connect

    def counting(self, *args, **kwargs):
        if getattr(self, "_sock", None) is None:
            opened.append(self)
        return real_connect(self, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "connect", counting)
    yield opened
    views.broker_probe.close()
    celery_app.conf.update(saved)


@pytest.mark.redis
def test_two_calls_open_one_broker_connection__R_X_5(client, real_broker):
    """Issue 15: /healthz reuses its broker connection instead of opening one per call."""
    for _ in range(2):
        response = client.get("/healthz?scope=web")
        assert response.status_code == 200 and response.json()["broker"] == "ok"
    assert len(real_broker) == 1


@pytest.mark.redis
def test_a_broker_that_went_away_is_seen_and_the_next_call_reconnects__R_X_5(
        client, real_broker, monkeypatch):
    from portal import views

    assert client.get("/healthz?scope=web").json()["broker"] == "ok"
    client_of = views.broker_probe._connection.default_channel.client

    def gone():
        raise ConnectionError("the broker went away")

    monkeypatch.setattr(client_of, "ping", gone)
    assert client.get("/healthz?scope=web").status_code == 503
    assert client.get("/healthz?scope=web").json()["broker"] == "ok"
    assert len(real_broker) == 2
