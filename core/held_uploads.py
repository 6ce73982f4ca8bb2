"""Files kept between two tries of a form (issue 14): one bad attachment no longer makes the
good ones disappear. See ``core.models.HeldUpload``.

``hold`` stores the files that passed their checks when the form is shown again; the page
lists them as kept (ticked boxes named ``kept``); ``held_of`` reads back only the sender's
own, fresh ones from those boxes; ``as_files`` hands them to the action like uploads; and
``release`` removes them once the action has attached copies. ``remove_expired`` (Celery
beat, hourly) removes what nobody sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.models import HeldUpload
from core.uploads import clean_file_name, remove_folder


def _lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.HELD_UPLOAD_HOURS)


def hold(owner_id: int, uploads: Iterable[UploadedFile]) -> list[HeldUpload]:
    """Keep checked uploads for their sender."""
    held = []
    for upload in uploads:
        upload.seek(0)
        held.append(HeldUpload.objects.create(owner_id=owner_id, file=upload,
                                              name=clean_file_name(upload.name),
                                              size=upload.size or 0))
    return held


def held_of(owner_id: int, ids: Iterable[object], *, now: dt.datetime | None = None,
            ) -> list[HeldUpload]:
    """The sender's own held files among ``ids`` (anything else is ignored: another
    person's file, an id that is not one, an expired one), in the order they were held."""
    wanted = {int(text) for text in map(str, ids) if text.isdigit() and len(text) < 19}
    if not wanted:
        return []
    since = (now or timezone.now()) - _lifetime()
    return list(HeldUpload.objects.filter(owner_id=owner_id, pk__in=wanted,
                                          created_at__gte=since))


def as_files(held: Sequence[HeldUpload]) -> list[File]:
    """The held files opened as uploads for an action (name and size as sent)."""
    files = []
    for item in held:
        stored = item.file.storage.open(str(item.file.name), "rb")
        files.append(File(stored, name=item.name))
    return files


def _remove(items: Sequence[HeldUpload]) -> None:
    folders = {item.file.name.rsplit("/", 1)[0] for item in items if item.file.name}
    HeldUpload.objects.filter(pk__in=[item.pk for item in items]).delete()
    for folder in folders:
        remove_folder(folder)


def release(held: Sequence[HeldUpload]) -> None:
    """Remove held files the action has attached copies of, once its transaction commits."""
    if held:
        items = list(held)
        transaction.on_commit(lambda: _remove(items))


def remove_expired(*, now: dt.datetime | None = None) -> int:
    """Remove held files older than their lifetime; the number removed."""
    since = (now or timezone.now()) - _lifetime()
    items = list(HeldUpload.objects.filter(created_at__lt=since))
    _remove(items)
    return len(items)
