"""Production: everything that could be insecure is explicit here, and the values a
production site cannot guess (secret, hosts, database, broker, cache) are required."""

from django.core.exceptions import ImproperlyConfigured

from portal.checks import HOW_TO_GENERATE, secret_key_problems

from .base import *  # noqa: F403
from .base import env, without_jit

# DEBUG shows settings and code to every visitor: asking for it here is a mistake to stop at,
# not a wish to ignore.
if env.bool("DEBUG", default=False):
    raise ImproperlyConfigured("DEBUG must be off with the production settings: remove DEBUG "
                               "from the environment or set DEBUG=false.")
DEBUG = False
SECRET_KEY = env("SECRET_KEY")
# Gunicorn runs no system checks, so a weak key (a placeholder, too short, too few different
# characters: portal.checks) is refused here already, before anything is served with it;
# manage.py check, migrate and runserver report the same as portal.E001.
if secret_key_problems(SECRET_KEY):
    raise ImproperlyConfigured(
        f"SECRET_KEY is not safe ({'; '.join(secret_key_problems(SECRET_KEY))}): set it "
        f"to a new random value, e.g. the output of {HOW_TO_GENERATE}")
# The checks of portal/checks.py (SECRET_KEY, DEBUG) apply to these settings only.
PORTAL_ENFORCE_PRODUCTION_CHECKS = True
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": without_jit(env.db("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CACHES = {"default": env.cache("CACHE_URL")}

CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = False
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)

# R-HOOK-1: webhooks never go to private-network or loopback addresses, nor over plain http.
WEBHOOKS_ALLOW_PRIVATE_TARGETS = False

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind N reverse proxies, allauth takes the client's address from X-Forwarded-For (N from
# the right) for its login rate limits; with 0 behind a proxy every visitor would share the
# proxy's address, and ten failed logins would lock everyone out.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
