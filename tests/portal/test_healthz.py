"""/healthz reports database, cache and broker reachability (R-X-5)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from portal.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_it_reports_every_part_ok__R_X_5(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}
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
