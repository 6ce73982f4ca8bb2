"""Feedback and extra-support requests for tests, made through the real actions."""

from __future__ import annotations

import datetime as dt

from care.actions import request_extra_support, send_feedback
from care.models import ExtraSupportRequest, Feedback, FeedbackKind
from contacts.models import Contact

# A Tuesday morning in working time, Amsterdam (09:00 CET).
TUESDAY = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.timezone.utc)


def make_feedback(contact: Contact, *, kind: FeedbackKind = FeedbackKind.COMPLAINT,
                  subject: str = "Te lang gewacht", message: str = "Niemand belde terug.",
                  now: dt.datetime | None = None) -> Feedback:
    return send_feedback(contact=contact, kind=kind, subject=subject, message=message,
                         now=now or TUESDAY)


def make_extra_support(contact: Contact, *, days: int = 10, hours: int = 4,
                       description: str = "Migratie naar de nieuwe omgeving",
                       now: dt.datetime | None = None) -> ExtraSupportRequest:
    """A window ``days`` after ``now`` (default: the real now) at 18:00 UTC."""
    from django.utils import timezone

    base = now or timezone.now()
    starts = (base + dt.timedelta(days=days)).replace(hour=18, minute=0, second=0,
                                                      microsecond=0)
    return request_extra_support(contact=contact, starts_at=starts,
                                 ends_at=starts + dt.timedelta(hours=hours),
                                 description=description, now=base)
