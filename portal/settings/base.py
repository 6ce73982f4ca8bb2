"""Settings shared by every environment.

Every value that differs between machines comes from an environment variable with an
embedded default that works on a fresh checkout: SQLite, Celery in-process, console email.
Bad values fail loudly at start-up (django-environ raises ImproperlyConfigured).
"""

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-0123456789abcdefghijklmnop")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # R-SSO-1: organisations' own identity providers over OpenID Connect (sso/).
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "csp",
    "auditlog",
    "django_filters",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "portal",
    "accounts",
    "contacts",
    "courses",
    "invoices",
    "incidents",
    "knowledge",
    "updates",
    "care",
    "partners",
    "consultancy",
    "webhooks",
    "api",
    "sso",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # R-X-2: a NUL in the path is a 404 before anything reads it.
    "core.middleware.NulPathMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # R-INC-9, R-X-2: a body over the upload cap answers a 413 page before CSRF reads the form.
    "core.uploads.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "contacts.middleware.ActiveContactMiddleware",
    "contacts.middleware.LanguageMiddleware",
    # R-X-7: after the active contact is known (an organisation may require a second factor).
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]



def without_jit(database: dict) -> dict:
    """Issue 15: PostgreSQL compiles a query whose estimated cost is high just in time (the
    dashboard's counts over 50,000 incidents: 690 ms of compiling for a query that runs in
    300 ms). A portal's queries are short; JIT pays off for analytics only. Off on every
    connection (a connection option, so it needs no database owner's ALTER)."""
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return database


DATABASES = {
    "default": without_jit(env.db("DATABASE_URL",
                                  default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: email is the username; contacts are added by their administrators,
# so there is no public sign-up (see accounts.adapter).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Klantportal] "
# Failed logins: 10 a minute per IP address, 5 per 5 minutes per account (allauth's cache).
# (Rates named apart: a literal under a key with "password" in it reads as a password.)
_RESET_RATE, _RESET_KEY_RATE, _CHANGE_RATE = "20/m/ip,5/m/key", "20/m/ip", "5/m/user"
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("RATE_LIMIT_LOGIN_FAILED", default="10/m/ip,5/5m/key"),
    "reset_password": _RESET_RATE,
    "reset_password_from_key": _RESET_KEY_RATE,
    "change_password": _CHANGE_RATE,
    "manage_email": "10/m/user",
    "confirm_email": "1/3m/key",
}
# --- R-X-7: second factors and reauthentication (accounts.mfa, accounts.middleware) -------
# Staff always, and contacts of organisations that require it, set up an authenticator app
# (TOTP, with recovery codes) before any page opens; whoever must have one cannot remove it.
MFA_ADAPTER = "accounts.mfa.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Klantportal"
# One 30-second period either side: a phone clock a little off, or a code typed as it turns,
# still counts. A code once used is refused for the rest of its period all the same.
MFA_TOTP_TOLERANCE = 1
# Sensitive changes ask for the password (or a code) again unless the session confirmed it
# within REAUTHENTICATION_TIMEOUT seconds: second factors (allauth.mfa), email addresses
# (allauth.account), and contacts' roles, flags, deactivation and deletion (contacts.views).
MFA_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = env.int("REAUTHENTICATION_TIMEOUT", default=300)
if not 0 < ACCOUNT_REAUTHENTICATION_TIMEOUT <= 3600:
    raise environ.ImproperlyConfigured("REAUTHENTICATION_TIMEOUT must be 1 to 3600 seconds.")
# --- end of R-X-7 ----------------------------------------------------------------------------
# --- R-SSO-1: single sign-on with an organisation's identity provider (sso/) ---------------
# One allauth SocialApp ("openid_connect", provider_id "org-<pk>") per organisation, kept by
# staff in the admin; sso.adapter decides who a login may be (verified email, the
# organisation's domains), never allauth's own sign-up or email matching.
SOCIALACCOUNT_ADAPTER = "sso.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
# Starting a login is a POST (the portal's own form); a GET only asks to confirm.
SOCIALACCOUNT_LOGIN_ON_GET = False
# The portal needs who the person is, not their access to the provider's APIs.
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("SSO_REQUESTS_TIMEOUT", default=5)
# Issuers must be https://; plain http only for the test suite's provider on loopback.
SSO_ALLOW_HTTP_ISSUERS = False
# A correct password of a contact of an organisation that requires single sign-on does not
# log in, and a password reset sends them the way to their provider instead (sso.forms).
ACCOUNT_FORMS = {
    "login": "sso.forms.PasswordLoginForm",
    # Form classes, not passwords (bandit B105 reads "password" in the keys).
    "reset_password": "sso.forms.PasswordResetForm",  # nosec B105
    "reset_password_from_key": "sso.forms.PasswordResetKeyForm",  # nosec B105
}
# --- end of R-SSO-1 --------------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates as in the Dutch pages: 25 November 2026, 17:00
FORMAT_MODULE_PATH = ["core.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [BASE_DIR / "static"]
# Front-end packages from the npm registry (package.json, installed by `make install`), served
# as static files like our own: htmx for the server-rendered partials. Without npm the pages
# still work, only without the live parts.
HTMX_DIST = BASE_DIR / "node_modules" / "htmx.org" / "dist"
HTMX_AVAILABLE = HTMX_DIST.is_dir()
if HTMX_AVAILABLE:
    STATICFILES_DIRS.append(("htmx", HTMX_DIST))
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# An SMTP server that stops answering must not hold a worker for ever: the outbox retries.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Klantportal <noreply@portal.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: without a broker, tasks run in-process (the embedded default of `make run`).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None) or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else None
)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 3600
# R-X-8: a task whose worker was killed comes back after the visibility timeout (Redis), so
# it matches the longest task (a release-news batch, a relay with the SMTP timeout) rather
# than Redis' default hour; the outbox sweep republishes lost work even sooner.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600),
}
# The worker's size (issue 15). Processes that run tasks: Celery's own default is one per CPU
# core, each a copy of the whole portal (about 90 MB resident); tasks mostly wait on SMTP and
# the database, so the number is chosen here rather than by the machine. A process whose
# resident memory passes CELERY_WORKER_MAX_MEMORY_PER_CHILD (KiB) is replaced after its task,
# so one large task (a PDF, a long digest) does not keep its memory for ever.
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=2)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD",
                                             default=150_000)
if CELERY_WORKER_CONCURRENCY < 1 or CELERY_WORKER_MAX_MEMORY_PER_CHILD < 50_000:
    raise environ.ImproperlyConfigured(
        "CELERY_WORKER_CONCURRENCY must be at least 1 and CELERY_WORKER_MAX_MEMORY_PER_CHILD "
        "at least 50000 (KiB): one process of the portal alone is about 90 MB.")
# Publishing from a request never waits long on the broker: one attempt with this timeout
# (seconds), and after a failure the process leaves publishing to the sweep for a while.
OUTBOX_PUBLISH_TIMEOUT = env.float("OUTBOX_PUBLISH_TIMEOUT", default=0.5)
OUTBOX_PUBLISH_PAUSE = env.float("OUTBOX_PUBLISH_PAUSE", default=10.0)
# Issue 14: how long a file that passed its checks stays kept for its sender when the form
# had to be shown again (another file or field was wrong).
HELD_UPLOAD_HOURS = env.int("HELD_UPLOAD_HOURS", default=24)
if HELD_UPLOAD_HOURS < 1:
    raise environ.ImproperlyConfigured("HELD_UPLOAD_HOURS must be at least 1")
# /healthz reports an error when the oldest unsent outbox row is older than this (seconds).
OUTBOX_STALE_AFTER = env.int("OUTBOX_STALE_AFTER", default=900)
# Worker liveness (core.heartbeat): how often a worker beats, when it counts as gone, and
# the file whose age the container healthcheck reads (empty: no file).
HEARTBEAT_INTERVAL = env.float("HEARTBEAT_INTERVAL", default=10.0)
HEARTBEAT_STALE_AFTER = env.int("HEARTBEAT_STALE_AFTER", default=45)
WORKER_HEARTBEAT_FILE = env("WORKER_HEARTBEAT_FILE", default="")
# The queue tasks go to, also tasks queued by a task (e.g. release-news batches): a worker
# started with `-Q <name>` and this set alike keeps a benchmark or test off the shared queue.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Webhooks (R-HOOK-1): private-network and loopback targets and plain http are refused
# unless this is on (tests with a receiver on loopback; never in production). Timeouts of
# one delivery attempt (seconds), how long failures are retried before the endpoint is
# disabled, and how long an old secret keeps signing after a rotation.
WEBHOOKS_ALLOW_PRIVATE_TARGETS = env.bool("WEBHOOKS_ALLOW_PRIVATE_TARGETS", default=False)
WEBHOOKS_CONNECT_TIMEOUT = env.float("WEBHOOKS_CONNECT_TIMEOUT", default=3.0)
WEBHOOKS_READ_TIMEOUT = env.float("WEBHOOKS_READ_TIMEOUT", default=10.0)
WEBHOOKS_RETRY_FOR = timedelta(hours=env.float("WEBHOOKS_RETRY_HOURS", default=24.0))
WEBHOOKS_ROTATION_OVERLAP = timedelta(
    hours=env.float("WEBHOOKS_ROTATION_OVERLAP_HOURS", default=24.0))
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    # R-QUOTA-3: every night at 02:00 Amsterdam time (CELERY_TIMEZONE).
    "recount-submitter-seats": {
        "task": "contacts.tasks.recount_submitter_seats",
        "schedule": crontab(hour=2, minute=0),
    },
    # R-CARE-3: daily at 09:00; the task acts only in ORGANISATION_CHECK_MONTHS, so the 1st of
    # such a month asks everyone due and later days catch up whoever was missed.
    "request-organisation-checks": {
        "task": "contacts.tasks.request_organisation_checks",
        "schedule": crontab(hour=9, minute=0),
    },
    # R-PART-3: every night at 03:00, after the seat recount; idempotent.
    "check-partner-certifications": {
        "task": "partners.tasks.check_partner_certifications",
        "schedule": crontab(hour=3, minute=0),
    },
    # R-X-8, R-INC-7: every minute, publish again the outbox rows whose task never ran (the
    # broker was unreachable at commit, a worker was lost) or whose back-off is over. (The
    # kernel's tasks live in core/tasks.py and keep these names: see there.)
    "sweep-outbox": {
        "task": "portal.tasks.sweep_outbox",
        "schedule": 60.0,
    },
    # R-HOOK-1: every minute, publish again the webhook deliveries that are due (a lost
    # publish or task, a back-off that is over).
    "sweep-webhook-deliveries": {
        "task": "webhooks.tasks.sweep_webhook_deliveries",
        "schedule": 60.0,
    },
    # R-X-8: beat is alive (seen by /healthz as the "beat" heartbeat).
    "beat-heartbeat": {
        "task": "portal.tasks.beat_heartbeat",
        "schedule": 30.0,
    },
    # Issue 14: every hour, remove the files kept between two tries of a form that nobody
    # sent (older than HELD_UPLOAD_HOURS).
    "remove-expired-held-uploads": {
        "task": "core.tasks.remove_expired_held_uploads",
        "schedule": 60 * 60.0,
    },
    # R-INC-14: every 15 minutes, remind owners of a wait, resolve unanswered waits and close
    # incidents whose reopen period is over; idempotent.
    "end-incident-waits": {
        "task": "incidents.tasks.end_incident_waits",
        "schedule": 15 * 60.0,
    },
    # R-MAIL-6: every morning at 07:00 Amsterdam time, the daily digest of incident emails
    # to who chose it (one per contact and day, through the outbox; idempotent).
    "incident-daily-digests": {
        "task": "incidents.tasks.queue_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # R-MAIL-1: every minute, fetch the support mailbox (one poller at a time; does nothing
    # while INCIDENT_MAILBOX_URL is empty).
    "poll-support-mailbox": {
        "task": "incidents.tasks.poll_support_mailbox",
        "schedule": 60.0,
    },
}

# Content Security Policy (django-csp): no inline scripts, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Sessions are read from the cache (Redis in production) and written through to the database
# (issue 15): a logged-in page no longer starts with a session query. Not the cache-only
# engine: a Redis restart, flush or eviction would log everyone out and lose what a session
# holds (the active organisation, a draft kept over a login, a passed second factor), and with
# the per-process cache of `make run` each process would know other sessions; the database copy
# survives all of these and refills the cache on the next read.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Portal settings.
# The demo accounts' published password (SPEC §11); seed_demo refuses to run without DEBUG.
PORTAL_DEMO_PASSWORD = "Demo-portal-2026"  # nosec B105

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
# Submitter seats for a customer organisation that no allowance rule matches (R-QUOTA-2).
DEFAULT_SUBMITTER_SEATS = env.int("DEFAULT_SUBMITTER_SEATS", default=2)
# The support desk's phone number, shown to contacts who may submit incidents (R-ROLE-6).
SUPPORT_PHONE_NUMBER = env("SUPPORT_PHONE_NUMBER", default="+31 88 123 4567")
# Where visitors who are not logged in write to become a customer or a partner (the footer,
# issue 14).
PUBLIC_CONTACT_EMAIL = env("PUBLIC_CONTACT_EMAIL", default="info@portal.example")
if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", PUBLIC_CONTACT_EMAIL):
    raise environ.ImproperlyConfigured("PUBLIC_CONTACT_EMAIL must be an email address")
# Incident attachments (R-INC-9): the largest file accepted, in bytes (10 MB).
INCIDENT_ATTACHMENT_MAX_BYTES = env.int("INCIDENT_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
if INCIDENT_ATTACHMENT_MAX_BYTES < 1:
    raise environ.ImproperlyConfigured("INCIDENT_ATTACHMENT_MAX_BYTES must be a positive number")

# --- Uploads (R-INC-9, R-X-2; core/uploads.py) -------------------------------------------
# The largest request body, refused from its Content-Length before it is read (413): five
# incident attachments of INCIDENT_ATTACHMENT_MAX_BYTES and 1 MiB for the other fields. The
# proxy in front refuses the same (client_max_body_size in deploy/nginx.conf).
UPLOAD_MAX_REQUEST_BYTES = env.int("UPLOAD_MAX_REQUEST_BYTES",
                                   default=5 * INCIDENT_ATTACHMENT_MAX_BYTES + 1024 * 1024)
# Staff in the admin upload release files, which may be large; nobody else gets this cap.
UPLOAD_MAX_ADMIN_REQUEST_BYTES = env.int("UPLOAD_MAX_ADMIN_REQUEST_BYTES",
                                         default=2 * 1024 * 1024 * 1024)
if not INCIDENT_ATTACHMENT_MAX_BYTES < UPLOAD_MAX_REQUEST_BYTES <= UPLOAD_MAX_ADMIN_REQUEST_BYTES:
    raise environ.ImproperlyConfigured(
        "UPLOAD_MAX_REQUEST_BYTES must be larger than INCIDENT_ATTACHMENT_MAX_BYTES and at most "
        "UPLOAD_MAX_ADMIN_REQUEST_BYTES")
# The cap is checked first; then small files stay in memory and larger ones are spooled to
# temporary disk, all with their names cleaned (at most 200 characters, no path parts).
FILE_UPLOAD_HANDLERS = [
    "core.uploads.RequestSizeLimitHandler",
    "core.uploads.MemoryFileUploadHandler",
    "core.uploads.TemporaryFileUploadHandler",
]
# The form fields besides the files (Django's default, stated): 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# --- end of uploads --------------------------------------------------------------------------
# R-INC-14: waiting for the customer ends. The owner is reminded after this many working
# days of waiting, the incident is resolved automatically after this many, and a reply
# reopens a resolved incident for this many calendar days after it was resolved.
INCIDENT_WAITING_REMINDER_WORKING_DAYS = env.int("INCIDENT_WAITING_REMINDER_WORKING_DAYS",
                                                 default=3)
INCIDENT_WAITING_AUTO_RESOLVE_WORKING_DAYS = env.int(
    "INCIDENT_WAITING_AUTO_RESOLVE_WORKING_DAYS", default=10)
INCIDENT_REOPEN_DAYS = env.int("INCIDENT_REOPEN_DAYS", default=14)
if not 0 < INCIDENT_WAITING_REMINDER_WORKING_DAYS < INCIDENT_WAITING_AUTO_RESOLVE_WORKING_DAYS:
    raise environ.ImproperlyConfigured(
        "INCIDENT_WAITING_REMINDER_WORKING_DAYS must be positive and less than "
        "INCIDENT_WAITING_AUTO_RESOLVE_WORKING_DAYS")
if INCIDENT_REOPEN_DAYS < 1:
    raise environ.ImproperlyConfigured("INCIDENT_REOPEN_DAYS must be a positive number")
# --- The email channel (R-MAIL-1 … 4; incidents/replies.py, inbound.py, mailbox.py) ------
# The support address: incident emails get a Reply-To of its local part plus a signed token
# (support+<token>@domain) and mail to the plain address can open an incident. Empty: no
# Reply-To (nobody would read the replies), the thread headers stay.
INCIDENT_REPLY_ADDRESS = env("INCIDENT_REPLY_ADDRESS", default="")
if INCIDENT_REPLY_ADDRESS and (INCIDENT_REPLY_ADDRESS.count("@") != 1
                               or "+" in INCIDENT_REPLY_ADDRESS):
    raise environ.ImproperlyConfigured(
        "INCIDENT_REPLY_ADDRESS must be one address like support@portal.example (no +)")
# A reply address works this many days after the email that carried it.
INCIDENT_REPLY_TOKEN_DAYS = env.int("INCIDENT_REPLY_TOKEN_DAYS", default=90)
if INCIDENT_REPLY_TOKEN_DAYS < 1:
    raise environ.ImproperlyConfigured("INCIDENT_REPLY_TOKEN_DAYS must be a positive number")
# The support mailbox, e.g. imaps://user:password@imap.example:993/INBOX (TLS; imap:// only on
# loopback). Empty: the poller is off (make run), and the admin says so to staff.
INCIDENT_MAILBOX_URL = env("INCIDENT_MAILBOX_URL", default="")
# R-MAIL-4: at most this many refusals per sender address and hour; more mail is not answered.
INCIDENT_MAILBOX_REFUSALS_PER_HOUR = env.int("INCIDENT_MAILBOX_REFUSALS_PER_HOUR", default=3)
# One poll handles at most this many messages; the next poll (a minute later) goes on.
INCIDENT_MAILBOX_BATCH = env.int("INCIDENT_MAILBOX_BATCH", default=500)
_mailbox = urlsplit(INCIDENT_MAILBOX_URL)
if INCIDENT_MAILBOX_URL and (
        _mailbox.scheme not in ("imaps", "imap") or not _mailbox.hostname
        or not _mailbox.username
        or (_mailbox.scheme == "imap" and _mailbox.hostname not in ("127.0.0.1", "::1",
                                                                     "localhost"))):
    raise environ.ImproperlyConfigured(
        "INCIDENT_MAILBOX_URL must be imaps://user:password@host[:port][/folder] "
        "(imap:// only on loopback)")
# R-INC-11: a one-time support code lives this many minutes and dies after this many wrong
# tries; one login may enter this many wrong codes (on any incident) per window of minutes.
SUPPORT_CODE_MINUTES = env.int("SUPPORT_CODE_MINUTES", default=20)
SUPPORT_CODE_TRIES = env.int("SUPPORT_CODE_TRIES", default=5)
SUPPORT_CODE_USER_TRIES = env.int("SUPPORT_CODE_USER_TRIES", default=10)
SUPPORT_CODE_USER_WINDOW_MINUTES = env.int("SUPPORT_CODE_USER_WINDOW_MINUTES", default=15)
if min(SUPPORT_CODE_MINUTES, SUPPORT_CODE_TRIES, SUPPORT_CODE_USER_TRIES,
       SUPPORT_CODE_USER_WINDOW_MINUTES) < 1:
    raise environ.ImproperlyConfigured(
        "SUPPORT_CODE_MINUTES, SUPPORT_CODE_TRIES, SUPPORT_CODE_USER_TRIES and "
        "SUPPORT_CODE_USER_WINDOW_MINUTES must be positive numbers")
# The portal's own address, for links in emails sent outside a request (Celery tasks).
PORTAL_URL = env("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")
# R-CARE-3: the months in which administrators are asked to check their organisation's
# details (comma-separated, e.g. "1,7"). With the 5-month guard of contacts.checks each
# configured month needs another one 5 to 7 months later, so nobody waits more than 7 months.
ORGANISATION_CHECK_MONTHS = sorted(set(env.list("ORGANISATION_CHECK_MONTHS", cast=int,
                                                default=[1, 7])))
if (len(ORGANISATION_CHECK_MONTHS) < 2
        or not all(1 <= month <= 12 for month in ORGANISATION_CHECK_MONTHS)
        or not all(any((later - month) % 12 in (5, 6, 7) for later in ORGANISATION_CHECK_MONTHS)
                   for month in ORGANISATION_CHECK_MONTHS)):
    raise environ.ImproperlyConfigured(
        f"ORGANISATION_CHECK_MONTHS={ORGANISATION_CHECK_MONTHS}: give at least two months "
        "(1-12), each followed 5 to 7 months later by another (R-CARE-3), e.g. 1,7.")

# Courses (R-COURSE-2) and the starter-course gate (R-GATE-1).
COURSE_PASSING_GRADE = Decimal(env("COURSE_PASSING_GRADE", default="5.5"))
SUBMIT_COURSE_GATE_FROM = date.fromisoformat(env("SUBMIT_COURSE_GATE_FROM", default="2026-01-01"))
SUBMIT_COURSE_GATE_GRADE = Decimal(env("SUBMIT_COURSE_GATE_GRADE", default="7.0"))
# R-QUOTA-7: a passed expert course makes the person a certified expert for this many years.
EXPERT_CERTIFICATE_YEARS = env.int("EXPERT_CERTIFICATE_YEARS", default=2)
if EXPERT_CERTIFICATE_YEARS < 1:
    raise environ.ImproperlyConfigured("EXPERT_CERTIFICATE_YEARS must be at least 1.")
# R-PART-7: a newly registered integration's first security quickscan is due this many
# months after its registration; never scanned by then, it is delisted and given notice.
PARTNER_FIRST_SCAN_MONTHS = env.int("PARTNER_FIRST_SCAN_MONTHS", default=3)
if not 1 <= PARTNER_FIRST_SCAN_MONTHS <= 36:
    raise environ.ImproperlyConfigured("PARTNER_FIRST_SCAN_MONTHS must be 1 to 36.")
# django-import-export: importing needs the model's "add" permission (unset, any staff member
# may import) and runs in a transaction.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_USE_TRANSACTIONS = True
# R-UPD-3: with a prefix (e.g. "/protected-media/") release files are handed to the web server
# with X-Accel-Redirect: nginx maps the prefix to MEDIA_ROOT in an `internal` location and
# sends the bytes (and Range). Empty: Django streams them itself, resumable.
UPDATES_ACCEL_REDIRECT_PREFIX = env("UPDATES_ACCEL_REDIRECT_PREFIX", default="")
# R-UPD-4: contacts per release-news task: small enough to retry cheaply, large enough to
# keep the number of tasks (and of SMTP connections) down.
UPDATES_NEWS_BATCH_SIZE = env.int("UPDATES_NEWS_BATCH_SIZE", default=500)
if UPDATES_NEWS_BATCH_SIZE < 1:
    raise environ.ImproperlyConfigured("UPDATES_NEWS_BATCH_SIZE must be at least 1.")

# --- The REST API (R-API-1/2; api/) --------------------------------------------------------
# Personal access tokens (api.tokens) first, then the browser's session with CSRF. Every error
# is RFC 9457 problem details (api.problems); throttled per token on the shared cache.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.AccessTokenAuthentication",
        "api.authentication.PortalSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.CapabilityPermission"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests per token (or per login with the session, per address without either) and minute,
# counted in the default cache, which production shares between processes (CACHE_URL).
API_RATE = env("API_RATE", default="120/min")
if not re.fullmatch(r"[1-9][0-9]*/(s|sec|m|min|h|hour|d|day)", API_RATE):
    raise environ.ImproperlyConfigured("API_RATE must look like 120/min")
# A personal access token lives at most this many days (the issue: at most a year).
API_TOKEN_MAX_DAYS = 365
SPECTACULAR_SETTINGS = {
    "TITLE": "Klantportal API",
    "DESCRIPTION": ("The customer portal's REST API (v1). Authenticate with a personal access "
                    "token from your profile page: `Authorization: Bearer kp_...`. Errors are "
                    "RFC 9457 problem details."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # Served from our own static files (drf-spectacular-sidecar): no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}
