"""Releases (builds, updates, patches) with their notes and files, who downloaded what, and
which contact was told about which release (SPEC §8, R-UPD-1 … R-UPD-4)."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact
from core.uploads import upload_path

from .notes import notes_summary, render_notes

# The files live in a folder that no URL serves: only the access-checked view hands them out.
PRIVATE_UPDATES_FOLDER = "private/updates"

VERSION_PATTERN = r"^\d{1,6}(\.\d{1,6}){0,3}$"
version_validator = RegexValidator(
    VERSION_PATTERN, _("Give the version as numbers separated by dots, e.g. 6.4.2."))


def version_key(version: str) -> str:
    """A text that sorts like the version: four zero-padded parts (6.4.2 → 000006.000004.
    000002.000000), so that SQL can order and compare versions."""
    parts = [int(part) for part in version.split(".")]
    return ".".join(f"{part:06d}" for part in (parts + [0, 0, 0, 0])[:4])


class Kind(models.TextChoices):
    BUILD = "build", _("Build")
    UPDATE = "update", _("Update")
    PATCH = "patch", _("Patch")


class Release(models.Model):
    """One release of the product (R-UPD-1); customers see it once it is published."""

    version = models.CharField(_("version"), max_length=27, unique=True,
                               validators=[version_validator],
                               help_text=_("Numbers separated by dots, e.g. 6.4.2."))
    version_key = models.CharField(max_length=27, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    released_on = models.DateField(_("release date"))
    notes = models.TextField(_("release notes"), blank=True,
                             help_text=_("Markdown: headings, lists, links and emphasis."))
    # Issue 14: the notes in English, when there is an English version. English readers get
    # it; without it they read the Dutch notes with a word that they are in Dutch only.
    notes_en = models.TextField(
        _("release notes (English)"), blank=True,
        help_text=_("Optional. Without it, English readers see the Dutch notes."))
    is_important = models.BooleanField(
        _("important"), default=False,
        help_text=_("Also email every contact who does application management."))
    is_published = models.BooleanField(_("published"), default=False, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True,
                                        editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"),
                                     null=True, blank=True, editable=False,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    # Issue 15: the notes rendered from Markdown and sanitized once, when the release is saved
    # (R-UPD-1), instead of on every page and email that shows them. Derived from the texts on
    # every save (``save``); a change to the rendering rules of ``updates.notes`` comes with a
    # data migration that renders the stored releases again (as 0004 does).
    notes_html = models.TextField(editable=False, blank=True, default="")
    notes_en_html = models.TextField(editable=False, blank=True, default="")
    summary = models.TextField(editable=False, blank=True, default="")
    summary_en = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["-released_on", "-version_key"]
        permissions = [("publish_release", _("Can publish a release and email its news"))]
        indexes = [models.Index(fields=["is_published", "-released_on", "-version_key"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_published=False) | models.Q(published_at__isnull=False),
                name="published_release_has_a_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}"

    def notes_in(self, language: str | None) -> tuple[str, str]:
        """The notes to show a reader of ``language`` and the language they are in: the
        English ones for English when there are any, else the Dutch ones."""
        if language == "en" and self.notes_en.strip():
            return self.notes_en, "en"
        return self.notes, "nl"

    def notes_languages(self) -> list[str]:
        """The languages the notes exist in."""
        return [language for language, text in (("nl", self.notes), ("en", self.notes_en))
                if text.strip()]

    def notes_html_in(self, language: str | None) -> tuple[SafeString, str]:
        """``notes_in`` rendered: the sanitized HTML stored when the release was saved."""
        _text, chosen = self.notes_in(language)
        html = self.notes_en_html if chosen == "en" else self.notes_html
        # Safe: nh3 sanitized it when it was stored (render_notes); nothing else writes it.
        return mark_safe(html), chosen  # nosec B308 B703

    def summary_in(self, language: str | None) -> str:
        """The plain-text start of ``notes_in``, for lists (stored when saved)."""
        return self.summary_en if self.notes_in(language)[1] == "en" else self.summary

    def render_texts(self) -> None:
        """Fill the rendered fields from the texts (R-UPD-1)."""
        self.notes_html, self.notes_en_html = render_notes(self.notes), render_notes(self.notes_en)
        self.summary, self.summary_en = notes_summary(self.notes), notes_summary(self.notes_en)

    def save(self, *args, **kwargs) -> None:
        # The sort key and the rendered notes are derived data, kept in step with the version
        # and the texts on every save.
        self.version_key = version_key(self.version)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"notes", "notes_en"} & set(update_fields):
            self.render_texts()
        if update_fields is not None:
            derived = set()
            if "version" in update_fields:
                derived.add("version_key")
            if {"notes", "notes_en"} & set(update_fields):
                derived.update(RENDERED_FIELDS)
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)


RENDERED_FIELDS = ("notes_html", "notes_en_html", "summary", "summary_en")


def release_file_path(instance: ReleaseFile, filename: str) -> str:
    # A folder per upload keeps the file's own name (storage would otherwise add a suffix
    # when a name is taken, and the download would be called differently); the name is
    # shortened to a safe length by core.uploads.
    return upload_path(f"{PRIVATE_UPDATES_FOLDER}/{instance.release_id}", filename)


class ReleaseFile(models.Model):
    """A downloadable file of a release; size and SHA-256 are computed on upload (R-UPD-1)."""

    release = models.ForeignKey(Release, verbose_name=_("release"), on_delete=models.CASCADE,
                                related_name="files")
    file = models.FileField(_("file"), upload_to=release_file_path, max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("release file")
        verbose_name_plural = _("release files")
        ordering = ["release", "file"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return PurePosixPath(self.file.name or "").name


class Download(models.Model):
    """Who downloaded which file when (R-UPD-3)."""

    release_file = models.ForeignKey(ReleaseFile, verbose_name=_("file"),
                                     on_delete=models.CASCADE, related_name="downloads")
    contact = models.ForeignKey(Contact, verbose_name=_("contact"), null=True,
                                on_delete=models.SET_NULL, related_name="downloads")
    # Kept when the contact is deleted: the record should still say who it was.
    email = models.EmailField(_("email address"))
    downloaded_at = models.DateTimeField(_("downloaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-downloaded_at", "-pk"]
        indexes = [models.Index(fields=["release_file", "downloaded_at"])]

    def __str__(self) -> str:
        return f"{self.email} – {self.release_file}"


class ReleaseNotification(models.Model):
    """One contact's email about one release (R-UPD-4): the unique pair makes sure nobody is
    told twice, whichever groups they are in and however often publish is pressed."""

    release = models.ForeignKey(Release, verbose_name=_("release"), on_delete=models.CASCADE,
                                related_name="notifications")
    contact = models.ForeignKey(Contact, verbose_name=_("contact"), on_delete=models.CASCADE,
                                related_name="release_notifications")
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("release email")
        verbose_name_plural = _("release emails")
        ordering = ["release", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["release", "contact"],
                                    name="one_notification_per_release_and_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.release} → {self.contact}"


class UpdateCenterVisit(models.Model):
    """When a contact last opened the Update Center (issue 14): the dashboard counts the
    releases published since."""

    contact = models.OneToOneField(Contact, verbose_name=_("contact"), on_delete=models.CASCADE,
                                   related_name="+")
    seen_at = models.DateTimeField(_("last opened at"))

    class Meta:
        verbose_name = _("Update Center visit")
        verbose_name_plural = _("Update Center visits")

    def __str__(self) -> str:
        return f"{self.contact_id}: {self.seen_at:%Y-%m-%d %H:%M}"
