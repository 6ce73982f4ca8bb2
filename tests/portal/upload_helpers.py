"""Helpers for the upload tests: files on a real (temporary) file system, a request body that
records whether anyone read it, and the upload middleware in place."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.test.utils import override_settings

UPLOAD_MIDDLEWARE = "core.uploads.UploadLimitMiddleware"
CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"
# 100 CJK characters: 300 bytes of UTF-8, more than the 255 a file name may have on disk.
CJK_NAME = "問題報告" * 25
assert len(CJK_NAME) == 100 and len(CJK_NAME.encode()) == 300


@contextlib.contextmanager
def files_on_disk(root: Path) -> Iterator[Path]:
    """The default storage on the file system under ``root`` (the test settings keep files in
    memory, which takes any name)."""
    storages = {**settings.STORAGES,
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    with override_settings(MEDIA_ROOT=str(root), STORAGES=storages):
        yield root


def stored(root: Path) -> list[Path]:
    """Every file and folder under ``root``, for "nothing left behind" assertions."""
    return sorted(root.rglob("*"))


def with_upload_middleware():
    """The settings' MIDDLEWARE with UploadLimitMiddleware before CsrfViewMiddleware (where
    it belongs), whether or not the settings have it already."""
    middleware = [name for name in settings.MIDDLEWARE if name != UPLOAD_MIDDLEWARE]
    middleware.insert(middleware.index(CSRF_MIDDLEWARE), UPLOAD_MIDDLEWARE)
    return override_settings(MIDDLEWARE=middleware)


def without_upload_middleware():
    return override_settings(MIDDLEWARE=[name for name in settings.MIDDLEWARE
                                         if name != UPLOAD_MIDDLEWARE])


class UnreadBody:
    """A ``wsgi.input`` that counts the bytes anyone read from it."""

    def __init__(self, data: bytes = b"") -> None:
        self.data, self.read_bytes = data, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.data[:size] if size is not None and size >= 0 else self.data
        self.data = self.data[len(chunk):]
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def oversized_post(client, path: str, *, claimed: int, body: UnreadBody):
    """A multipart POST that claims ``claimed`` bytes of body (as a browser sending large
    files does in its Content-Length) and sends ``body``."""
    return client.generic(
        "POST", path, CONTENT_TYPE="multipart/form-data; boundary=kp-boundary",
        CONTENT_LENGTH=str(claimed), **{"wsgi.input": body})
