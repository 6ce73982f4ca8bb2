"""Production refuses development values (issue 11 item 7): a placeholder, short or
repetitive SECRET_KEY (portal.E001/E002) and DEBUG on (portal.E003, and ImproperlyConfigured
when production.py is imported); development and tests are left alone."""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.test.utils import override_settings

from portal.checks import (
    KNOWN_PLACEHOLDERS, check_debug, check_secret_key, placeholder_problems, secret_key_problems,
)
from tests.portal.test_settings import PRODUCTION_ENV, ROOT, _manage

GOOD_KEY = PRODUCTION_ENV["SECRET_KEY"]
ENV_EXAMPLE_KEY = re.search(r"^SECRET_KEY=(\S+)$", (ROOT / ".env.example").read_text(),
                            re.MULTILINE).group(1)
DEV_KEY = re.search(r'env\("SECRET_KEY", default="([^"]+)"\)',
                    (ROOT / "portal/settings/base.py").read_text()).group(1)
TEST_KEY = re.search(r'env\("SECRET_KEY", default="([^"]+)"\)',
                     (ROOT / "portal/settings/test.py").read_text()).group(1)
RANDOM = secrets.token_urlsafe(50)

REFUSED = {
    "the .env.example placeholder": ENV_EXAMPLE_KEY,
    "the development default": DEV_KEY,
    "the test default": TEST_KEY,
    "shorter than 50": RANDOM[:49],
    "fewer than 5 different characters": "abcd" * 20,
    "django-insecure-": "django-insecure-" + RANDOM,
    "change-me": f"{RANDOM[:30]}-Change_Me-{RANDOM[30:]}",
    "dev-only": f"dev-only-{RANDOM}",
    "replace": f"please-REPLACE-this-{RANDOM}",
    "placeholder": f"placeholder{RANDOM}",
}


def _production(**settings):
    return override_settings(PORTAL_ENFORCE_PRODUCTION_CHECKS=True, DEBUG=False, **settings)


@pytest.mark.parametrize("key", REFUSED.values(), ids=REFUSED.keys())
def test_a_weak_or_placeholder_key_is_an_error_in_production__R_X_2(key):
    with _production(SECRET_KEY=key, SECRET_KEY_FALLBACKS=[]):
        errors = check_secret_key()
    assert [error.id for error in errors] == ["portal.E001"]
    assert errors[0].level >= 40  # ERROR: check, migrate and runserver stop
    assert key not in errors[0].msg  # the check never prints the secret


@pytest.mark.parametrize("key", [GOOD_KEY, RANDOM, secrets.token_hex(32)],
                         ids=["long", "generated", "hex"])  # fixed ids: pytest-xdist
def test_a_real_key_passes(key):
    with _production(SECRET_KEY=key, SECRET_KEY_FALLBACKS=[]):
        assert check_secret_key() == []


def test_the_repository_placeholders_are_known_and_refused_on_import():
    """Change a placeholder in .env.example or the settings and this fails until
    portal/checks.py knows it too."""
    for key in (ENV_EXAMPLE_KEY, DEV_KEY, TEST_KEY):
        assert key in KNOWN_PLACEHOLDERS
        assert placeholder_problems(key)


def test_a_placeholder_among_the_fallbacks_is_an_error_too():
    """Anything signed with a fallback key is accepted."""
    with _production(SECRET_KEY=GOOD_KEY, SECRET_KEY_FALLBACKS=[RANDOM, ENV_EXAMPLE_KEY]):
        errors = check_secret_key()
    assert [error.id for error in errors] == ["portal.E002"]
    assert "SECRET_KEY_FALLBACKS[1]" in errors[0].msg


def test_development_and_tests_keep_their_fixed_keys():
    with override_settings(SECRET_KEY=DEV_KEY, DEBUG=True):
        assert check_secret_key() == [] and check_debug() == []
    with override_settings(SECRET_KEY=TEST_KEY, DEBUG=False):
        assert check_secret_key() == [] and check_debug() == []


def test_debug_on_with_the_production_settings_is_an_error():
    with override_settings(PORTAL_ENFORCE_PRODUCTION_CHECKS=True, DEBUG=True):
        assert [error.id for error in check_debug()] == ["portal.E003"]


def test_problems_name_every_reason():
    assert secret_key_problems("django-insecure-x") == [
        "it starts with 'django-insecure-'", "it contains 'insecure'",
        "it has 17 characters, fewer than 50"]
    assert secret_key_problems(GOOD_KEY) == []


# The real thing: manage.py and gunicorn with the production settings --------------------

def test_production_refuses_to_start_with_the_env_example_key__R_X_2():
    result = _manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": ENV_EXAMPLE_KEY})
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not safe" in result.stderr
    assert ENV_EXAMPLE_KEY not in result.stderr


def test_production_check_refuses_a_short_key__R_X_2():
    result = _manage("check", "--deploy", env={**PRODUCTION_ENV, "SECRET_KEY": RANDOM[:40]})
    assert result.returncode != 0
    assert "SECRET_KEY is not safe" in result.stderr and "fewer than 50" in result.stderr


def test_production_refuses_to_start_with_debug_on__R_X_2():
    result = _manage("check", env={**PRODUCTION_ENV, "DEBUG": "true"})
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG must be off" in result.stderr


def test_runserver_refuses_to_serve_with_a_short_key__R_X_2():
    result = _manage("runserver", "--noreload", "127.0.0.1:0",
                     env={**PRODUCTION_ENV, "SECRET_KEY": RANDOM[:40]})
    assert result.returncode != 0
    assert "SECRET_KEY is not safe" in result.stderr


@pytest.mark.skipif(importlib.util.find_spec("gunicorn") is None,
                    reason="gunicorn is not installed")
def test_gunicorn_refuses_to_start_with_the_env_example_key__R_X_2():
    """Gunicorn runs no system checks; production.py refuses the placeholder on import, so
    no worker boots and the master exits."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind", "127.0.0.1:0",
         "--workers", "1"],
        cwd=ROOT, env={**environment, **PRODUCTION_ENV, "SECRET_KEY": ENV_EXAMPLE_KEY},
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert "SECRET_KEY is not safe" in result.stderr
