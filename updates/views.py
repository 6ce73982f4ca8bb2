"""The Update Center: releases with their notes and files, downloads, and the unsubscribe
link of the release emails (R-ROLE-4, R-UPD-1 … R-UPD-4)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.permissions import Capability, requires
from contacts.middleware import ContactRequest
from core import unsubscribe as unsubscribe_links

from . import actions, downloads, news, queries
from .forms import ReleaseFilterForm

RELEASES_PER_PAGE = 20


@requires(Capability.UPDATES)
def release_list(request: ContactRequest) -> HttpResponse:
    """Published releases newest first, filtered, searched, or everything since a version
    (R-UPD-2, R-ROLE-4)."""
    form = ReleaseFilterForm(request.GET or None)
    chosen = form.chosen()
    releases = queries.releases_for(request.portal.contact, chosen)
    actions.record_visit(contact=request.portal.contact)
    return render(request, "updates/list.html", {
        "form": form, "chosen": chosen,
        "page": Paginator(releases, RELEASES_PER_PAGE).get_page(request.GET.get("page")),
    })


@requires(Capability.UPDATES)
def release_detail(request: ContactRequest, pk: int) -> HttpResponse:
    """A published release: notes from Markdown, files with size and SHA-256 (R-UPD-1)."""
    release = queries.get_release_for(request.portal.contact, pk)
    # The notes in the page's language (or, with ?notes=, the other one when it exists).
    available = release.notes_languages()
    chosen = request.GET.get("notes")
    notes_html, notes_language = release.notes_html_in(
        chosen if chosen in available else translation.get_language())
    return render(request, "updates/detail.html", {
        "release": release, "files": list(release.files.all()),
        "notes_html": notes_html, "notes_language": notes_language,
        "other_notes_language": next((language for language in available
                                      if language != notes_language), None),
    })


@never_cache
@requires(Capability.UPDATES)
def download(request: ContactRequest, pk: int) -> HttpResponseBase:
    """A file of a published release, recorded; resumable (R-UPD-3, R-ROLE-4)."""
    contact = request.portal.contact
    release_file = queries.get_file_for(contact, pk)
    response = downloads.serve(request, release_file)
    if downloads.is_new_download(request, response):
        actions.record_download(contact=contact, release_file=release_file)
    return response


@csrf_exempt  # RFC 8058: the signed token is the proof (core.unsubscribe)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation; POST switches the preference off (R-UPD-4)."""
    return unsubscribe_links.page(
        request, token, read_token=news.read_unsubscribe_token,
        switch_off=lambda contact, purpose: actions.unsubscribe(contact=contact,
                                                                purpose=purpose),
        url_name="updates_unsubscribe", template="updates/unsubscribe.html",
        context=lambda contact, purpose: {
            "contact": contact, "purpose": purpose,
            "subscribed": getattr(contact, news.PURPOSE_FIELDS[purpose])})
