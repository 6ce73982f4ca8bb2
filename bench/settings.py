"""The production settings (portal.settings.production, with the environment bench/run.py
gives it) and one addition: the bench-only URLconf with the bare "hello" view, so the
ceiling is measured by the same gunicorn, settings and middleware as the pages."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
