"""System checks that keep a production site from starting with development values.

Django's own ``security.W009`` only warns, only with ``--deploy``, and passes the placeholder
of ``.env.example``. The checks here are errors, so ``manage.py check``, ``migrate`` and
``runserver`` refuse to go on; they apply only where ``PORTAL_ENFORCE_PRODUCTION_CHECKS`` is
set (``portal/settings/production.py``) and DEBUG is off, so development and tests keep their
fixed keys. Gunicorn runs no system checks: ``production.py`` therefore also refuses the
placeholders itself when it is imported (``placeholder_problems``).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

MIN_LENGTH = 50
MIN_UNIQUE_CHARACTERS = 5
INSECURE_PREFIX = "django-insecure-"
# The keys this repository itself contains: .env.example, the development default
# (settings/base.py) and the test default (settings/test.py); tests/portal/test_checks.py
# fails when one of them changes and is not here. (The Dockerfile's build-time "build" is
# refused by its length: collectstatic, which it serves, runs no checks.)
KNOWN_PLACEHOLDERS = frozenset({
    "REPLACE-ME-this-placeholder-is-not-secret-generate-a-real-key-0123456789",
    "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop",
    "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEF",
})
# Words that only a key someone meant to replace contains; compared without case and
# separators, so "Change_Me" and "CHANGE ME" count too.
PLACEHOLDER_WORDS = ("changeme", "devonly", "testonly", "replace", "placeholder", "insecure",
                     "notsecret", "notasecret", "yoursecret", "secretkeyhere")
HOW_TO_GENERATE = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'


def placeholder_problems(key: str) -> list[str]:
    """Why ``key`` is a placeholder (empty when it is not): a known value, a placeholder word
    or Django's ``django-insecure-`` prefix."""
    problems = []
    if key in KNOWN_PLACEHOLDERS:
        problems.append("it is a placeholder from this repository")
    if key.startswith(INSECURE_PREFIX):
        problems.append(f"it starts with {INSECURE_PREFIX!r}")
    squashed = re.sub(r"[^a-z0-9]", "", key.lower())
    words = [word for word in PLACEHOLDER_WORDS if word in squashed]
    if words:
        problems.append(f"it contains {', '.join(repr(word) for word in words)}")
    return problems


def secret_key_problems(key: str) -> list[str]:
    """Why ``key`` is not fit to sign a production site's sessions and tokens (empty when it
    is): a placeholder, shorter than 50 characters or fewer than 5 different characters."""
    problems = placeholder_problems(key)
    if len(key) < MIN_LENGTH:
        problems.append(f"it has {len(key)} characters, fewer than {MIN_LENGTH}")
    if len(set(key)) < MIN_UNIQUE_CHARACTERS:
        problems.append(f"it has fewer than {MIN_UNIQUE_CHARACTERS} different characters")
    return problems


def enforced() -> bool:
    return bool(getattr(settings, "PORTAL_ENFORCE_PRODUCTION_CHECKS", False))


@register(Tags.security)
def check_secret_key(app_configs=None, **kwargs) -> list[CheckMessage]:
    """portal.E001/E002: SECRET_KEY and every key in SECRET_KEY_FALLBACKS (still accepted for
    signatures) must be real secrets in production."""
    if not enforced() or settings.DEBUG:
        return []
    errors: list[CheckMessage] = []
    problems = secret_key_problems(settings.SECRET_KEY)
    if problems:
        errors.append(Error(
            f"SECRET_KEY is not fit for production: {'; '.join(problems)}.",
            hint=f"Set SECRET_KEY to a new random value, e.g. the output of {HOW_TO_GENERATE}",
            id="portal.E001"))
    for position, key in enumerate(getattr(settings, "SECRET_KEY_FALLBACKS", [])):
        problems = secret_key_problems(key)
        if problems:
            errors.append(Error(
                f"SECRET_KEY_FALLBACKS[{position}] is not fit for production: "
                f"{'; '.join(problems)}.",
                hint="Anything signed with it is accepted: remove it from the fallbacks.",
                id="portal.E002"))
    return errors


@register(Tags.security)
def check_debug(app_configs=None, **kwargs) -> list[CheckMessage]:
    """portal.E003: DEBUG shows settings and code to every visitor; never in production."""
    if enforced() and settings.DEBUG:
        return [Error("DEBUG is on with the production settings.",
                      hint="Remove DEBUG from the environment or set DEBUG=false.",
                      id="portal.E003")]
    return []
