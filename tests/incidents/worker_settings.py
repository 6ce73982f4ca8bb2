"""Settings of the Celery worker started by test_email_worker.py: the test settings, with a
short Redis visibility timeout so a task whose worker was killed is delivered again within
seconds instead of an hour."""

from portal.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3, "unacked_restore_throttle": 1}
