"""Settings for the test suite: the development defaults with fast password hashing."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tasks run in the test process; tests/portal/test_celery_worker.py switches this off to send
# them through Redis to a real worker.
CELERY_TASK_ALWAYS_EAGER = True
# Rate limits stay on (they are tested); every test starts with an empty cache.
SECRET_KEY = env("SECRET_KEY", default="test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEF")
# Test data is thrown away: on PostgreSQL a commit need not wait for the disk (transactional
# tests, the browser tests' live server, real Celery workers). Nothing else changes.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["OPTIONS"]["options"] += " -c synchronous_commit=off"  # noqa: F405
# R-SSO-1: the SSO tests' OpenID provider runs on loopback over plain http.
SSO_ALLOW_HTTP_ISSUERS = True
