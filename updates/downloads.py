"""Serving a release file (R-UPD-3): in production the web server sends the bytes
(``X-Accel-Redirect``); otherwise Django streams them, honouring a single HTTP Range so that
an interrupted download can resume (RFC 9110 §14)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.http import (
    FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse,
)
from django.utils.http import content_disposition_header, http_date, parse_etags, quote_etag

from .models import PRIVATE_UPDATES_FOLDER, ReleaseFile

STREAM_CHUNK = 64 * 1024
CONTENT_TYPE = "application/octet-stream"
# At most 18 digits (any real file size): a longer number is not a range we understand.
_RANGE = re.compile(r"^bytes=([0-9]{0,18})-([0-9]{0,18})$")


@dataclass(frozen=True)
class ByteRange:
    first: int
    last: int  # inclusive

    @property
    def length(self) -> int:
        return self.last - self.first + 1


class Unsatisfiable(Exception):
    pass


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The one byte range asked for; ``None`` to send the whole file (no header, a header we
    do not understand, or several ranges: RFC 9110 lets a server ignore Range). Raises
    Unsatisfiable for a range that lies outside the file."""
    if not header:
        return None
    match = _RANGE.match(header.strip().replace(" ", ""))
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # "bytes=-500": the last 500 bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return ByteRange(max(size - suffix, 0), size - 1)
    start = int(first)
    if last and int(last) < start:
        return None  # syntactically invalid: ignore it
    if start >= size:
        raise Unsatisfiable
    end = int(last) if last else size - 1
    return ByteRange(start, min(end, size - 1))


class _Slice:
    """A file read from ``first`` for ``length`` bytes, in chunks; closed by Django."""

    def __init__(self, file, first: int, length: int) -> None:
        self.file, self.left = file, length
        file.seek(first)

    def __iter__(self):
        while self.left > 0:
            chunk = self.file.read(min(STREAM_CHUNK, self.left))
            if not chunk:
                break
            self.left -= len(chunk)
            yield chunk

    def close(self) -> None:
        self.file.close()


def _etag(release_file: ReleaseFile) -> str:
    return quote_etag(release_file.sha256 or f"{release_file.pk}-{release_file.size}")


def _if_range_matches(request: HttpRequest, etag: str) -> bool:
    """No If-Range, or one naming this very file: a Range may be honoured."""
    if_range = request.headers.get("If-Range")
    if not if_range:
        return True
    return etag in parse_etags(if_range)


def _common_headers(response: HttpResponseBase, release_file: ReleaseFile, etag: str) -> None:
    response["Content-Disposition"] = content_disposition_header(True, release_file.name)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(release_file.uploaded_at.timestamp())
    response["X-Content-Type-Options"] = "nosniff"


def serve(request: HttpRequest, release_file: ReleaseFile) -> HttpResponseBase:
    """The response for a file the contact may download; 404 when the bytes are missing."""
    response: HttpResponseBase
    etag = _etag(release_file)
    prefix = settings.UPDATES_ACCEL_REDIRECT_PREFIX
    if prefix:
        # nginx reads the file itself (and handles Range); Django only said yes.
        name = release_file.file.name or ""
        # The web server trusts this path: only a name inside the updates folder, no "..".
        if (not name.startswith(PRIVATE_UPDATES_FOLDER + "/")
                or any(part in ("", ".", "..") for part in name.split("/"))):
            raise Http404
        response = HttpResponse(content_type=CONTENT_TYPE)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
        _common_headers(response, release_file, etag)
        return response
    try:
        file = release_file.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    size = release_file.file.size
    header = request.headers.get("Range") if _if_range_matches(request, etag) else None
    try:
        wanted = parse_range(header, size)
    except Unsatisfiable:
        file.close()
        response = HttpResponse(status=416, content_type=CONTENT_TYPE)
        response["Content-Range"] = f"bytes */{size}"
        _common_headers(response, release_file, etag)
        return response
    if wanted is None:
        response = FileResponse(file, as_attachment=True, filename=release_file.name,
                                content_type=CONTENT_TYPE)
        response["Content-Length"] = str(size)
    else:
        response = StreamingHttpResponse(_Slice(file, wanted.first, wanted.length),
                                         status=206, content_type=CONTENT_TYPE)
        response["Content-Range"] = f"bytes {wanted.first}-{wanted.last}/{size}"
        response["Content-Length"] = str(wanted.length)
    _common_headers(response, release_file, etag)
    return response


def is_new_download(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether to record this response as a download: a GET from the first byte. Resuming
    (a Range further on) continues a download already recorded, and HEAD fetches nothing."""
    if request.method != "GET" or response.status_code not in (200, 206):
        return False
    if response.status_code == 206:
        return response["Content-Range"].startswith("bytes 0-")
    if response.has_header("X-Accel-Redirect"):  # the web server applies any Range
        match = _RANGE.match(request.headers.get("Range", "").strip().replace(" ", ""))
        return match is None or match.group(1) == "0"
    return True
