"""One retry policy for every task (R-X-8): what is worth another attempt, and how long to
wait before it.

Work fails on the way when something outside the process does not answer: the mail server,
the broker, the database. It is tried again, waiting longer after each failure in a row
(``backoff``: 2, 4, 8 … minutes, at most an hour). Tasks use it in one of two ways:

- An outbox row (``core.outbox``) that failed records the failure on the row, and the sweep
  publishes it again after ``backoff(attempts)``. The row is never given up, whatever the
  error, and shows it in the admin. The relay task itself is therefore not retried by Celery:
  a second retry path would only send sooner and twice as often.
- A periodic task of beat retries on a ``RETRYABLE_ERRORS`` failure with the same waits
  (``CELERY_RETRY``), up to ``MAX_RETRIES`` times; after that its next scheduled run takes
  over (they are idempotent). A task that runs every few minutes is not retried: its next
  run comes sooner than a retry would. ``tests/core/test_retry.py`` holds every task of the
  portal to one of the two.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

# Failures of something outside the process, which may be gone at the next attempt. OSError
# covers refused and dropped connections and timeouts (ConnectionError, TimeoutError,
# socket.timeout); smtplib's errors are OSErrors too, named so that nobody narrows the tuple
# and loses them. A programming error (TypeError, a template error) is not here: retrying it
# only repeats it.
RETRYABLE_ERRORS: tuple[type[Exception], ...] = (
    OSError, smtplib.SMTPException, OperationalError, InterfaceError, BrokerError)

FIRST_WAIT = dt.timedelta(minutes=2)
LONGEST_WAIT = dt.timedelta(hours=1)
MAX_RETRIES = 5  # 2 + 4 + 8 + 16 + 32 minutes: about an hour of trying


def backoff(failures: int) -> dt.timedelta:
    """How long to wait after ``failures`` failures in a row (at least one): 2, 4, 8 …
    minutes, at most an hour."""
    return min(FIRST_WAIT * 2 ** min(max(failures, 1) - 1, 10), LONGEST_WAIT)


# The same waits as Celery task options: Celery waits retry_backoff * 2 ** retries seconds
# (retries counted from 0) up to retry_backoff_max, which is ``backoff(retries + 1)``.
CELERY_RETRY = {
    "autoretry_for": RETRYABLE_ERRORS,
    "retry_backoff": int(FIRST_WAIT.total_seconds()),
    "retry_backoff_max": int(LONGEST_WAIT.total_seconds()),
    "retry_jitter": False,
    "max_retries": MAX_RETRIES,
}
