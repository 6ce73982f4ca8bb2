"""Files in the private folder (invoice PDFs, course material, release files, partner reports
and agreements, incident attachments) have no URL of their own: a permission-checked view
serves them with ``private_file_response``, and the admin's file input links to the staff
download view with ``PrivateFileWidget``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.urls import reverse

from core.uploads import clean_file_name


def private_file_response(file: FieldFile | str, *, filename: str | None = None,
                          content_type: str | None = None) -> FileResponse:
    """The stored file (a file field, or a name in the default storage) as a download named
    ``filename`` or else after the stored file; 404 when nothing is stored or the bytes are
    gone, never a 500. The name is cleaned again (``core.uploads``): a row written before
    names were cleaned, or by an import, may hold a line break that no header can carry."""
    name = file if isinstance(file, str) else file.name
    if not name:
        raise Http404
    try:
        handle = default_storage.open(name, "rb") if isinstance(file, str) else file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True,
                        filename=clean_file_name(filename or PurePosixPath(name).name),
                        content_type=content_type)


@dataclass(frozen=True)
class _StaffLink:
    """What the admin's file template shows: the file's name, linking to ``url``."""

    name: str
    url: str

    def __str__(self) -> str:
        return self.name


class PrivateFileWidget(AdminFileWidget):
    """The admin's file input, linking a stored file to the staff download view named
    ``url_name``, which takes the primary key of the file's object."""

    def __init__(self, *, url_name: str, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.url_name = url_name

    def is_initial(self, value) -> bool:
        instance = getattr(value, "instance", None)
        return bool(value) and getattr(value, "_committed", False) and getattr(
            instance, "pk", None) is not None

    def format_value(self, value):
        if not self.is_initial(value):
            return None
        return _StaffLink(PurePosixPath(value.name).name,
                          reverse(self.url_name, args=[value.instance.pk]))
