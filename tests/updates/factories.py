"""Releases and files for tests; publishing goes through the real action when a test is
about publishing, otherwise ``make_release(published=True)`` sets the flag directly."""

from __future__ import annotations

import datetime as dt
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import staff_member
from updates.actions import store_release_file
from updates.models import Kind, Release, ReleaseFile

_numbers = itertools.count(1)


def make_release(version: str | None = None, *, kind: Kind = Kind.UPDATE,
                 published: bool = True, released_on: dt.date | None = None,
                 notes: str = "## Opgelost\n\n- Een fout in de btw-aangifte", **fields
                 ) -> Release:
    number = next(_numbers)
    return Release.objects.create(
        version=version or f"9.{number}", kind=kind, notes=notes,
        released_on=released_on or dt.date(2026, 1, 1) + dt.timedelta(days=number),
        is_published=published, published_at=timezone.now() if published else None,
        **fields)


def make_release_file(release: Release, name: str = "profit.bin",
                      content: bytes = b"0123456789abcdefghij") -> ReleaseFile:
    release_file = ReleaseFile(release=release)
    release_file.file.save(name, ContentFile(content), save=False)
    return store_release_file(release_file=release_file, actor=staff_member("Customer Care"))
