"""Settings of the Celery worker started by test_worker.py: the test settings with the
loopback receiver allowed and a short Redis visibility timeout, so a task whose worker was
killed is delivered again within seconds."""

from portal.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3, "unacked_restore_throttle": 1}
WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
