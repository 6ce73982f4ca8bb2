"""State changes of the Update Center: storing a file with its fingerprint, recording a
download, publishing a release (which emails the news, R-UPD-4) and unsubscribing."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import require_staff
from contacts.models import Contact

from . import news
from .models import Download, Release, ReleaseFile

CHUNK = 1024 * 1024


def store_release_file(*, release_file: ReleaseFile, actor: User) -> ReleaseFile:
    """Staff save a (new or replaced) file with its size and SHA-256, computed from the bytes
    that were uploaded (R-UPD-1)."""
    require_staff(actor, "updates.change_releasefile" if release_file.pk
                  else "updates.add_releasefile")
    digest, size = hashlib.sha256(), 0
    upload = release_file.file
    upload.seek(0)
    for chunk in iter(partial(upload.read, CHUNK), b""):
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    release_file.size, release_file.sha256 = size, digest.hexdigest()
    release_file.uploaded_at = timezone.now()
    release_file.save()
    return release_file


def record_download(*, contact: Contact, release_file: ReleaseFile) -> Download:
    """Record who downloaded what, and when (R-UPD-3)."""
    return Download.objects.create(release_file=release_file, contact=contact,
                                   email=contact.user.email)


@dataclass(frozen=True)
class Published:
    release: Release
    newly: bool  # False when it was already published: nothing is sent again


def publish_release(*, release: Release, actor: User) -> Published:
    """Publish a release for customers and email its news, in batches, to the contacts who
    may open the Update Center and opted in (and, when important, to those of them in
    application management) (R-UPD-4). The news is written to the outbox in this transaction
    (R-X-8): a broker that is down delays it, never loses it, and the request does not wait.
    Publishing again changes nothing and emails nobody twice."""
    require_staff(actor, "updates.publish_release")
    with transaction.atomic():
        locked = Release.objects.select_for_update().get(pk=release.pk)
        if locked.is_published:
            return Published(release=locked, newly=False)
        locked.is_published, locked.published_at = True, timezone.now()
        locked.published_by = actor
        locked.save(update_fields=["is_published", "published_at", "published_by"])
        news.queue_release_news(locked)
    return Published(release=locked, newly=True)


def unsubscribe(*, contact: Contact, purpose: str) -> bool:
    """Switch off the preference an email was sent for (a link in that email, no login).
    Returns whether anything changed."""
    field = news.PURPOSE_FIELDS[purpose]
    return bool(Contact.objects.filter(pk=contact.pk, **{field: True}).update(**{field: False}))


def record_visit(*, contact: Contact, now: dt.datetime | None = None) -> None:
    """The contact opened the Update Center: releases published until now are seen (issue
    14, the dashboard's "new releases"). One statement."""
    from .models import UpdateCenterVisit

    UpdateCenterVisit.objects.bulk_create(
        [UpdateCenterVisit(contact=contact, seen_at=now or timezone.now())],
        update_conflicts=True, unique_fields=["contact"], update_fields=["seen_at"])
