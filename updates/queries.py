"""Reads of the Update Center for the active contact: published releases only, with a fixed
number of queries whatever the number of releases and files (R-UPD-1/2/3, R-ROLE-4, R-X-3)."""

from __future__ import annotations

from django.db.models import Count, DateTimeField, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.permissions import Capability, can
from contacts.models import Contact
from core.queries import count_of

from .forms import ReleaseFilter
from .models import Release, ReleaseFile, version_key


def _published_for(contact: Contact) -> QuerySet[Release]:
    """Nothing without EMPLOYEE or ADMINISTRATOR (R-ROLE-4); drafts are never visible."""
    if not can(contact, Capability.UPDATES):
        return Release.objects.none()
    return Release.objects.filter(is_published=True)


def releases_for(contact: Contact, chosen: ReleaseFilter | None = None) -> QuerySet[Release]:
    """Published releases newest first, filtered by kind, version (the version itself and
    everything within it) and text in the notes; with ``since`` every release after that
    version, oldest first (R-UPD-2). Each has ``file_count``."""
    chosen = chosen or ReleaseFilter()
    # The list shows the stored summary; the rendered notes are for the release's own page.
    releases = (_published_for(contact).defer("notes_html", "notes_en_html")
                .annotate(file_count=Count("files")))
    if chosen.kind is not None:
        releases = releases.filter(kind=chosen.kind)
    if chosen.version is not None:
        releases = releases.filter(Q(version=chosen.version)
                                   | Q(version__startswith=chosen.version + "."))
    if chosen.search is not None:
        releases = releases.filter(Q(notes__icontains=chosen.search)
                                   | Q(notes_en__icontains=chosen.search)
                                   | Q(version__icontains=chosen.search))
    if chosen.since is not None:
        return (releases.filter(version_key__gt=version_key(chosen.since))
                .order_by("version_key", "released_on", "pk"))
    return releases.order_by("-released_on", "-version_key", "-pk")


def get_release_for(contact: Contact, pk: int) -> Release:
    """A published release with its files (two queries); 404 for a draft or unknown id."""
    files = ReleaseFile.objects.order_by("file", "pk")
    try:
        return (_published_for(contact).prefetch_related(Prefetch("files", queryset=files))
                .get(pk=pk))
    except Release.DoesNotExist:
        raise Http404 from None


def get_file_for(contact: Contact, pk: int) -> ReleaseFile:
    """A file of a published release; 404 otherwise, also without R-ROLE-4 (R-UPD-3)."""
    try:
        return (ReleaseFile.objects.select_related("release")
                .get(pk=pk, release__in=_published_for(contact)))
    except ReleaseFile.DoesNotExist:
        raise Http404 from None


def attention_counts(contact: Contact) -> dict[str, object]:
    """Issue 14, the dashboard: releases published since the contact last opened the Update
    Center (since they became a contact, before their first visit)."""
    from .models import UpdateCenterVisit

    seen_at = Subquery(UpdateCenterVisit.objects.filter(contact=contact).values("seen_at")[:1],
                       output_field=DateTimeField())
    return {"new_releases": count_of(Release.objects.filter(
        is_published=True,
        published_at__gt=Coalesce(seen_at, Value(contact.created_at,
                                                  output_field=DateTimeField()))))}
