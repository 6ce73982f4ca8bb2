"""Serving files from the private folder: one download response and one admin widget for
every app (invoices, courses, updates, partners, incidents). A missing file is a 404, never a
500 (R-X-2)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import Http404

from courses.models import CourseMaterial
from core.private_files import PrivateFileWidget, private_file_response

CONTENT = b"%PDF-1.4 private bytes"


@pytest.fixture
def stored():
    name = default_storage.save("private/tests/year report.pdf", ContentFile(CONTENT))
    yield name
    default_storage.delete(name)


def _field_file(name: str, *, pk: int | None = None) -> FieldFile:
    field_file = FieldFile(CourseMaterial(pk=pk), CourseMaterial._meta.get_field("file"), name)
    field_file._committed = True
    return field_file


def _body(response) -> bytes:
    body = b"".join(response.streaming_content)
    response.file_to_stream.close()  # response.close() would signal "request finished"
    return body


def test_it_serves_a_stored_name_as_an_attachment_named_after_the_file(stored):
    response = private_file_response(stored)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="year report.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert _body(response) == CONTENT


def test_it_serves_a_file_field_with_the_given_name_and_type(stored):
    response = private_file_response(_field_file(stored), filename="F2026-0001.pdf",
                                     content_type="application/octet-stream")
    assert response["Content-Disposition"] == 'attachment; filename="F2026-0001.pdf"'
    assert response["Content-Type"] == "application/octet-stream"
    assert _body(response) == CONTENT


@pytest.mark.parametrize("file", [
    "private/tests/gone.pdf", "", _field_file("private/tests/gone.pdf"), _field_file(""),
], ids=["missing name", "empty name", "missing field file", "empty field"])
def test_a_missing_or_empty_file_is_404_not_500__R_X_2(file):
    with pytest.raises(Http404):
        private_file_response(file)


def test_the_widget_links_a_stored_file_to_the_staff_download(stored):
    widget = PrivateFileWidget(url_name="admin:courses_coursematerial_file")
    link = widget.format_value(_field_file(stored, pk=7))
    assert str(link) == "year report.pdf"
    assert link.url == "/admin/courses/course/material/7/"
    html = widget.render("file", _field_file(stored, pk=7))
    assert 'href="/admin/courses/course/material/7/"' in html


def test_the_widget_shows_no_link_before_the_object_is_saved(stored):
    widget = PrivateFileWidget(url_name="admin:courses_coursematerial_file")
    assert widget.format_value(_field_file(stored, pk=None)) is None
