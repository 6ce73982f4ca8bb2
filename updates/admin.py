"""Staff maintain releases and their files (size and SHA-256 are computed on upload), see how
often each release was downloaded, and publish releases, which emails the news (R-UPD-1/3/4).
Publishing goes only through ``publish_release``: the flag is read-only here."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.permissions import require_staff, staff_may
from accounts.staff import staff_member
from core.private_files import PrivateFileWidget, private_file_response

from .actions import publish_release, store_release_file
from .models import Download, Release, ReleaseFile, ReleaseNotification

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ReleaseTotals(TypedDict):
    download_total: int | None  # a subquery: None without downloads
    emails_total: int | None


class ReleaseFileInline(admin.TabularInline):
    model = ReleaseFile
    extra = 1
    fields = ["file", "size", "sha256", "uploaded_at", "download_count"]
    readonly_fields = ["size", "sha256", "uploaded_at", "download_count"]
    formfield_overrides = {models.FileField: {
        "widget": PrivateFileWidget(url_name="admin:updates_releasefile_file")}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReleaseFile]:
        return super().get_queryset(request).annotate(download_total=Count("downloads"))

    @admin.display(description=_("downloads"))
    def download_count(self, release_file: ReleaseFile) -> int:
        return getattr(release_file, "download_total", 0)


def _count(model, **filters) -> Subquery:
    rows = (model.objects.filter(release=OuterRef("pk"), **filters).order_by()
            .values("release").annotate(total=Count("pk")).values("total"))
    return Subquery(rows, output_field=IntegerField())


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ["version", "kind", "released_on", "is_important", "is_published",
                    "published_at", "download_count", "emails_sent"]
    list_filter = ["kind", "is_published", "is_important"]
    search_fields = ["version", "notes", "notes_en"]
    date_hierarchy = "released_on"
    fields = ["version", "kind", "released_on", "is_important", "notes", "notes_en",
              "is_published", "published_at", "published_by"]
    readonly_fields = ["is_published", "published_at", "published_by"]
    inlines = [ReleaseFileInline]
    actions = ["publish"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Release]:
        downloads = (Download.objects.filter(release_file__release=OuterRef("pk")).order_by()
                     .values("release_file__release").annotate(total=Count("pk"))
                     .values("total"))
        return super().get_queryset(request).annotate(
            download_total=Subquery(downloads, output_field=IntegerField()),
            emails_total=_count(ReleaseNotification, sent_at__isnull=False),
        ).select_related("published_by")

    @admin.display(description=_("downloads"), ordering="download_total")
    def download_count(self, release: WithAnnotations[Release, ReleaseTotals]) -> int:
        return release.download_total or 0

    @admin.display(description=_("emails sent"), ordering="emails_total")
    def emails_sent(self, release: WithAnnotations[Release, ReleaseTotals]) -> int:
        return release.emails_total or 0

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return staff_may(request.user, "updates.publish_release")

    @admin.action(description=_("Publish the selected releases and email the news"),
                  permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Release]) -> None:
        actor = staff_member(request)
        published = [publish_release(release=release, actor=actor)
                     for release in queryset.order_by("version_key")]
        newly = sum(1 for result in published if result.newly)
        if newly:
            self.message_user(request, _("Published: %(count)s; the news is being emailed.")
                              % {"count": newly}, messages.SUCCESS)
        if len(published) > newly:
            self.message_user(request, _("Already published, so nobody is emailed again: "
                                         "%(count)s.") % {"count": len(published) - newly},
                              messages.INFO)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not ReleaseFile:
            return super().save_formset(request, form, formset, change)
        for release_file in formset.save(commit=False):
            store_release_file(release_file=release_file, actor=request.user)
        for removed in formset.deleted_objects:
            removed.file.delete(save=False)
            removed.delete()
        formset.save_m2m()

    def get_urls(self):
        download = path("file/<int:pk>/", self.admin_site.admin_view(self.file_view),
                        name="updates_releasefile_file")
        return [download, *super().get_urls()]

    def file_view(self, request: HttpRequest, pk: int) -> FileResponse:
        """A release file for staff who may view releases (drafts too)."""
        require_staff(request.user, "updates.view_releasefile")
        return private_file_response(get_object_or_404(ReleaseFile, pk=pk).file)


@admin.register(Download)
class DownloadAdmin(admin.ModelAdmin):
    """Who downloaded what, when (R-UPD-3): a record, so nobody edits it."""

    list_display = ["downloaded_at", "email", "release_file", "release"]
    list_filter = ["release_file__release__kind"]
    search_fields = ["email", "release_file__release__version"]
    list_select_related = ["release_file__release"]
    date_hierarchy = "downloaded_at"

    @admin.display(description=_("release"), ordering="release_file__release__version_key")
    def release(self, download: Download) -> Release:
        return download.release_file.release

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
