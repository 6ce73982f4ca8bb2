"""Settings: production passes Django's deployment checks; bad values fail loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-production-secret-that-is-long-and-random-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "portal.example",
    "DATABASE_URL": "sqlite:////tmp/klantportal-check.db",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items()
             if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "DEBUG",
                                "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_production_settings_pass_check_deploy_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV}
    env.pop("SECRET_KEY")
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_bad_database_url_fails_loudly():
    result = _manage("check", env={"DATABASE_URL": "nonsense://what"})
    assert result.returncode != 0


def test_the_embedded_default_needs_no_settings():
    """`make run` on a fresh machine: SQLite, in-process Celery, console email."""
    result = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
         "'portal.settings.dev'; django.setup(); from django.conf import settings as s; "
         "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND,"
         " s.DEBUG)"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={key: value for key, value in os.environ.items()
             if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "EMAIL_BACKEND",
                            "DEBUG", "DJANGO_SETTINGS_MODULE"}},
    )
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True",
                                     "django.core.mail.backends.console.EmailBackend", "True"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_suite_runs_on_postgresql_when_asked():
    """In CI the whole suite runs against PostgreSQL: make sure that is really so."""
    assert connection.vendor == "postgresql"


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_compiles_no_query_just_in_time__issue_15():
    """JIT cost the dashboard 690 ms of compiling at 50,000 incidents: every connection of
    the portal (base and production settings) has it off."""
    from portal.settings.base import without_jit

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
    production = without_jit({"ENGINE": "django.db.backends.postgresql"})
    assert production["OPTIONS"]["options"] == "-c jit=off"
    assert without_jit({"ENGINE": "django.db.backends.sqlite3"}) == {
        "ENGINE": "django.db.backends.sqlite3"}


def test_behind_a_proxy_login_rate_limits_count_per_visitor():
    """With ALLAUTH_TRUSTED_PROXY_COUNT set, allauth reads the visitor's address from
    X-Forwarded-For instead of counting every login attempt against the proxy's address."""
    code = ("from django.conf import settings; from allauth import app_settings; "
            "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT, app_settings.TRUSTED_PROXY_COUNT)")
    result = _manage("shell", "--verbosity", "0", "-c", code,
                     env={**PRODUCTION_ENV, "ALLAUTH_TRUSTED_PROXY_COUNT": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "1"]
    result = _manage("shell", "--verbosity", "0", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split() == ["0", "0"]


@pytest.mark.processes
def test_make_run_default_migrates_and_seeds_the_demo_on_sqlite(tmp_path):
    """`make run` with no settings: SQLite, migrate, seed_demo (the README's first command).
    The suite itself runs on PostgreSQL in CI, so SQLite-only failures (an ORDER BY inside a
    UNION, say) would otherwise first show on a new developer's machine."""
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}"}
    for command in (["migrate", "-v0"], ["seed_demo"]):
        result = _manage(*command, env=env)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_worker_size_comes_from_the_settings():
    """Issue 15: concurrency and the memory cap per process reach Celery from the
    environment, and nonsense fails loudly."""
    code = ("import django; django.setup(); from portal.celery import app; "
            "print(app.conf.worker_concurrency, app.conf.worker_max_memory_per_child)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "CELERY_WORKER_CONCURRENCY": "3", "CELERY_WORKER_MAX_MEMORY_PER_CHILD": "120000"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["3", "120000"], result.stderr
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60,
                            env={**env, "CELERY_WORKER_MAX_MEMORY_PER_CHILD": "1000"})
    assert result.returncode != 0 and "CELERY_WORKER_MAX_MEMORY_PER_CHILD" in result.stderr
