"""Small factories for the courses admin and import tests (tests/courses/factories.py belongs
to the portal-side tests)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from accounts.models import User
from contacts.models import Contact
from courses.models import Course, Event, Level, Result
from tests.conftest import client_for

_counter = itertools.count(1)


def course(code: str | None = None, **fields) -> Course:
    fields.setdefault("title", "Profit Financieel: de basis")
    fields.setdefault("level", Level.BASIC)
    return Course.objects.create(code=code or f"ADM-{next(_counter)}", **fields)


def event(of: Course | None = None, *, capacity: int = 2, days: int = 10, **fields) -> Event:
    starts = timezone.now() + dt.timedelta(days=days)
    fields.setdefault("location", "Leusden")
    return Event.objects.create(course=of or course(), starts_at=starts,
                                ends_at=starts + dt.timedelta(hours=7), capacity=capacity,
                                **fields)


def result(contact: Contact, of: Course, grade: str = "7.0",
           taken_on: dt.date = dt.date(2026, 3, 2)) -> Result:
    return Result.objects.create(user_id=contact.user_id, contact=contact, course=of,
                                 grade=Decimal(grade), taken_on=taken_on)


def staff_client(user: User, group: str = "Customer Care") -> Client:
    user.groups.add(Group.objects.get(name=group))
    return client_for(user)
