"""The production settings (portal.settings.production, with the environment bench/run.py
gives it) and one addition: the bench-only URLconf with the bare "hello" view, so the
ceiling is measured by the same gunicorn, settings and middleware as the pages. The API's
per-login rate limit is lifted: the load would otherwise measure its 429 answers."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
API_RATE = "100000000/min"
