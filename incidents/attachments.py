"""Which files may be attached to an incident (R-INC-9): at most
``INCIDENT_ATTACHMENT_MAX_BYTES`` each, an allow-list of extensions, and a cheap look at the
first bytes so that a renamed executable is not accepted as a PDF. Names are cleaned and
shortened by ``core.uploads`` (the body as a whole is capped there too)."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.uploads import clean_file_name

# Extension → (content type, the first bytes it must start with; None: plain text).
PDF, PNG, JPEG, GIF, ZIP = b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04"
ALLOWED: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    "pdf": ("application/pdf", (PDF,)),
    "png": ("image/png", (PNG,)),
    "jpg": ("image/jpeg", (JPEG,)),
    "jpeg": ("image/jpeg", (JPEG,)),
    "gif": ("image/gif", (GIF,)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    "zip": ("application/zip", (ZIP,)),
    "txt": ("text/plain", None),
    "log": ("text/plain", None),
    "csv": ("text/csv", None),
    "xml": ("application/xml", None),
    "json": ("application/json", None),
}
SNIFF_BYTES = 8192
MAX_FILES = 5


def allowed_extensions() -> str:
    return ", ".join(sorted(ALLOWED))


def check_upload(upload: UploadedFile) -> str:
    """The content type to store for an acceptable upload; raises ``ValidationError`` with a
    message naming the file otherwise."""
    name = clean_file_name(upload.name)
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED:
        raise ValidationError(
            _("%(name)s: this type of file is not accepted. Accepted: %(types)s.")
            % {"name": name, "types": allowed_extensions()}, code="type")
    maximum = settings.INCIDENT_ATTACHMENT_MAX_BYTES
    if upload.size is None or upload.size > maximum:
        raise ValidationError(
            _("%(name)s is larger than %(maximum)s.")
            % {"name": name, "maximum": filesizeformat(maximum)}, code="size")
    if upload.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    content_type, signatures = ALLOWED[extension]
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if signatures is None:
        plausible = b"\x00" not in head
    else:
        plausible = head.startswith(signatures)
    if not plausible:
        raise ValidationError(
            _("%(name)s does not look like a .%(extension)s file.")
            % {"name": name, "extension": extension}, code="content")
    return content_type
