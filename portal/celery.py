"""The Celery application; tasks live in each app's ``tasks.py``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Liveness (R-X-8): every worker records a heartbeat from its event loop (core.heartbeat).
app.steps["worker"].add("core.heartbeat:WorkerHeartbeat")
