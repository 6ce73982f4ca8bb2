"""The embedded default (``make run``): DEBUG, SQLite unless DATABASE_URL, in-process Celery."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
