"""Uploaded files, for every file field of the portal (R-INC-9, R-X-2).

Three things go wrong with uploads unless one place takes care of them:

- **Size.** Django applies a form's size limits only after the whole body has arrived (and
  has been spooled to temporary disk). ``RequestSizeLimitHandler`` (first in
  ``FILE_UPLOAD_HANDLERS``) refuses a body over ``UPLOAD_MAX_REQUEST_BYTES`` from its
  Content-Length before a byte of it is read, and stops reading as soon as more arrives than
  that; ``UploadLimitMiddleware`` turns the refusal into a 413 page instead of Django's plain
  400. The proxy in front refuses the same size (``deploy/nginx.conf``).
- **Names.** A browser sends any name: 100 CJK characters are 300 bytes, more than a file
  system takes (255), and names may carry path parts or control characters. The handlers
  below clean every uploaded name when it arrives (``clean_file_name``: what is shown and
  downloaded, at most 200 characters), and ``upload_path`` stores it under a random folder
  with a short, storage-safe name (``stored_file_name``: at most 100 bytes of UTF-8). Both
  keep the extension and never give an empty name.
- **Left-overs.** A file is saved when its row is inserted, inside the transaction; when that
  transaction rolls back, the row is gone but the file is not. ``removing_uploads_on_error``
  around the transaction removes the files (and their folders) saved under it when it fails.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import unicodedata
import uuid
from collections.abc import Iterator
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.core.files.uploadhandler import FileUploadHandler
from django.core.files.uploadhandler import (
    MemoryFileUploadHandler as DjangoMemoryFileUploadHandler,
)
from django.core.files.uploadhandler import (
    TemporaryFileUploadHandler as DjangoTemporaryFileUploadHandler,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

# The display name fits Attachment.name; the stored name leaves room under the file system's
# 255 bytes for a storage suffix (``_AbCdEf1``) and keeps paths short.
DISPLAY_NAME_MAX_CHARS = 200
STORED_NAME_MAX_BYTES = 100
# Only a short ASCII suffix counts as an extension: "rapport.pdf" keeps ".pdf", while the
# part after the dot of "Versie 2.0 van het overzicht" is just part of the name.
EXTENSION_MAX_CHARS = 16
FALLBACK_NAME = "file"


# Names -----------------------------------------------------------------------------------

def _split_extension(name: str) -> tuple[str, str]:
    root, dot, extension = name.rpartition(".")
    if (dot and root and len(extension) <= EXTENSION_MAX_CHARS and extension.isascii()
            and extension.isalnum()):
        return root, f".{extension}"
    return name, ""


def _shorten(root: str, extension: str, *, max_chars: int | None = None,
             max_bytes: int | None = None) -> str:
    """``root + extension`` within the limits, cutting the root only (never inside a UTF-8
    sequence); "file" when nothing of the root is left."""
    if max_chars is not None:
        root = root[:max(max_chars - len(extension), 0)]
    if max_bytes is not None:
        budget = max(max_bytes - len(extension.encode()), 0)
        root = root.encode()[:budget].decode(errors="ignore")
    root = root.rstrip(" .")
    return f"{root or FALLBACK_NAME}{extension}"


def clean_file_name(name: str | None, *, max_chars: int = DISPLAY_NAME_MAX_CHARS) -> str:
    """The name to show and to download under: the last path part, without control or format
    characters (such as a right-to-left override that turns "exe.pdf" around), blanks
    collapsed, at most ``max_chars`` characters with the extension kept; never empty."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(" " if char.isspace() else char for char in name
                   if char.isspace() or not unicodedata.category(char).startswith("C"))
    name = " ".join(name.split()).strip(" .")  # no hidden files, no Windows trailing dots
    return _shorten(*_split_extension(name), max_chars=max_chars)


def stored_file_name(name: str | None, *, max_bytes: int = STORED_NAME_MAX_BYTES) -> str:
    """The name to store: the cleaned name with only letters, digits, ``-``, ``_`` and ``.``
    (what FileSystemStorage keeps, so it changes nothing more), at most ``max_bytes`` of UTF-8
    with the extension kept; never empty."""
    root, extension = _split_extension(clean_file_name(name))
    root = re.sub(r"[^\w.-]+", "_", root).lstrip(".")
    if not root.strip("_."):  # nothing left of the name but what replaced it
        root = ""
    return _shorten(root, extension, max_bytes=max_bytes)


# Saving and removing ---------------------------------------------------------------------

_saved_folders: ContextVar[list[str] | None] = ContextVar("saved_upload_folders", default=None)


def upload_path(folder: str, filename: str) -> str:
    """``folder/<random>/<stored name>``, for a file field's ``upload_to``: a folder of its
    own per file, so no name is taken and no suffix is added, and the folder can be removed
    whole when the file's transaction fails (``removing_uploads_on_error``)."""
    own_folder = f"{folder.rstrip('/')}/{uuid.uuid4().hex}"
    saved = _saved_folders.get()
    if saved is not None:
        saved.append(own_folder)
    return f"{own_folder}/{stored_file_name(filename)}"


def remove_folder(folder: str, *, storage: Storage = default_storage) -> None:
    """Delete ``folder`` of ``storage`` with everything in it; never raises (a file that
    cannot be removed is logged, the caller's own error matters more)."""
    try:
        folders, files = storage.listdir(folder)
        for name in files:
            storage.delete(f"{folder}/{name}")
        for name in folders:
            remove_folder(f"{folder}/{name}", storage=storage)
        if isinstance(storage, FileSystemStorage):  # only the file system keeps empty folders
            with contextlib.suppress(FileNotFoundError):
                os.rmdir(storage.path(folder))
    except FileNotFoundError:
        pass
    except Exception:  # cleaning up after another error must not hide that error
        logger.exception("Could not remove the upload folder %s", folder)


@contextlib.contextmanager
def removing_uploads_on_error() -> Iterator[None]:
    """Wrap around the transaction that saves uploads: when the block raises (the
    transaction rolled back), every file saved in it through ``upload_path`` is removed with
    its folder. When it succeeds inside another such block, the outer one takes the files
    over, so that block's failure removes them too."""
    folders: list[str] = []
    token = _saved_folders.set(folders)
    try:
        yield
    except BaseException:
        for folder in folders:
            remove_folder(folder)
        raise
    finally:
        _saved_folders.reset(token)
    outer = _saved_folders.get()
    if outer is not None:
        outer.extend(folders)


# The request cap -------------------------------------------------------------------------

class UploadTooLarge(RequestDataTooBig):
    """The request body is over the cap: nothing more of it is read."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"The request body is larger than {limit} bytes.")
        self.limit = limit


def _admin_prefix() -> str:
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return "/admin/"


def request_limit(request: HttpRequest | None) -> int:
    """The largest body this request may have: ``UPLOAD_MAX_ADMIN_REQUEST_BYTES`` for staff in
    the admin (release files are large), else ``UPLOAD_MAX_REQUEST_BYTES``."""
    user = getattr(request, "user", None)
    if (request is not None and user is not None and user.is_active and user.is_staff
            and request.path.startswith(_admin_prefix())):
        return settings.UPLOAD_MAX_ADMIN_REQUEST_BYTES
    return settings.UPLOAD_MAX_REQUEST_BYTES


class RequestSizeLimitHandler(FileUploadHandler):
    """The first upload handler: refuses a multipart body over the cap from its
    Content-Length before it is read, and stops as soon as the bytes received pass the cap
    (a body without a trustworthy length), so the handlers after it never write them to
    temporary disk. The ``UploadTooLarge`` it raises is a ``RequestDataTooBig``: a 413 page
    with ``UploadLimitMiddleware``, Django's 400 without it, never a 500."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = settings.UPLOAD_MAX_REQUEST_BYTES
        self.received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = request_limit(self.request)
        if content_length > self.limit:
            raise UploadTooLarge(self.limit)
        # Within the cap: Django parses the body, and receive_data_chunk counts what arrives.

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            raise UploadTooLarge(self.limit)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        """The handlers after this one store the file."""


class MemoryFileUploadHandler(DjangoMemoryFileUploadHandler):
    """Django's handler for small files, with the name cleaned as it arrives."""

    def new_file(self, field_name, file_name, *args, **kwargs):
        return super().new_file(field_name, clean_file_name(file_name), *args, **kwargs)


class TemporaryFileUploadHandler(DjangoTemporaryFileUploadHandler):
    """Django's handler for large files, with the name cleaned as it arrives (the temporary
    file takes the extension, so an overlong one would fail there)."""

    def new_file(self, field_name, file_name, *args, **kwargs):
        return super().new_file(field_name, clean_file_name(file_name), *args, **kwargs)


FORM_CONTENT_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})


class UploadLimitMiddleware:
    """A body over the cap answers a 413 page that says what happened, instead of Django's
    bare 400. It reads the form before any other middleware does (CsrfViewMiddleware reads
    ``request.POST``), so it must come before ``CsrfViewMiddleware`` in ``MIDDLEWARE``; it
    needs ``request.user`` and so does its work in ``process_view``."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        limit = request_limit(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return too_large_response(request, limit)
        if request.content_type in FORM_CONTENT_TYPES:
            try:
                request.POST  # noqa: B018 - parse now, under RequestSizeLimitHandler's cap
            except RequestDataTooBig as error:
                for handler in request.upload_handlers:  # the file cut off: its temp file
                    handler.upload_interrupted()
                return too_large_response(
                    request, getattr(error, "limit", settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
        return None


def too_large_response(request: HttpRequest, limit: int) -> HttpResponse:
    """The 413 page: what was refused, that nothing was saved, and the way back to the form
    (where the browser usually still has what was typed)."""
    # What was read of the body cannot be read again; later code that asks for the form
    # gets an empty one instead of the same error (as Django's own handling of this error).
    request._mark_post_parse_error()  # type: ignore[attr-defined]  # private, not in the stubs
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    return render(request, "413.html", {
        "maximum": filesizeformat(limit),
        "back": back,
    }, status=413)
