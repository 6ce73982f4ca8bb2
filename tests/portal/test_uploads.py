"""Shared upload handling (core/uploads.py): safe names, the request body cap that stops
before the body is read, the 413 page, and files removed when their transaction fails
(R-INC-9, R-X-2)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from django.test import Client, RequestFactory
from django.test.utils import override_settings

from contacts.models import Contact
from core import uploads
from core.uploads import (
    RequestSizeLimitHandler, UploadTooLarge, clean_file_name, removing_uploads_on_error,
    request_limit, stored_file_name, upload_path,
)
from tests.conftest import client_for
from tests.portal.upload_helpers import (
    CJK_NAME, UnreadBody, files_on_disk, oversized_post, stored, with_upload_middleware,
    without_upload_middleware,
)

CAP = 4096


# Names -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("uploaded", "shown"), [
    (f"{CJK_NAME}.pdf", f"{CJK_NAME}.pdf"),
    ("a" * 296 + ".pdf", "a" * 196 + ".pdf"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\piet\\rapport.docx", "rapport.docx"),
    ("\u202egpj.exe", "gpj.exe"),  # a right-to-left override would show "exe.jpg"
    ("export\x00\x1b[31m.log", "export[31m.log"),
    ("tab\tand\nnewline.txt", "tab and newline.txt"),
    ("  spaced   out  .csv", "spaced out.csv"),
    (".htaccess", "htaccess"),
    ("trailing dots...", "trailing dots"),
    ("", "file"),
    ("...", "file"),
    (None, "file"),
])
def test_the_display_name_is_clean_and_at_most_200_characters__R_INC_9(uploaded, shown):
    assert clean_file_name(uploaded) == shown
    assert len(clean_file_name(uploaded)) <= 200


@pytest.mark.parametrize("uploaded", [
    f"{CJK_NAME}.pdf",
    "a" * 296 + ".pdf",
    "é" * 150 + ".pdf",
    "x." + "é" * 300,
    "👍" * 80 + ".png",
    "e\u0301" * 120 + ".txt",  # decomposed accents: composed first (NFC)
])
def test_the_stored_name_is_valid_utf8_of_at_most_100_bytes_with_its_extension__R_INC_9(
        uploaded):
    name = stored_file_name(uploaded)
    assert 0 < len(name.encode()) <= 100
    name.encode().decode()  # never half a character
    if uploaded.endswith((".pdf", ".png", ".txt")):
        assert name.endswith(uploaded[-4:])
    # What FileSystemStorage would still change: nothing.
    assert default_storage.get_valid_name(name) == name


@pytest.mark.parametrize(("uploaded", "expected"), [
    ("Versie 2.0 van het overzicht", "Versie_2.0_van_het_overzicht"),
    ("€€€", "file"),
    ("€€€.pdf", "file.pdf"),
    ("rapport (1).PDF", "rapport_1_.PDF"),
    ("../..", "file"),
    ("naïve café.txt", "naïve_café.txt"),
])
def test_the_stored_name_keeps_only_what_storage_keeps_and_is_never_empty__R_X_2(
        uploaded, expected):
    assert stored_file_name(uploaded) == expected


def test_every_upload_gets_a_folder_of_its_own__R_INC_9():
    first, second = upload_path("private/x", "a.pdf"), upload_path("private/x/", "a.pdf")
    assert first != second
    assert first.startswith("private/x/") and first.endswith("/a.pdf")
    assert len(first.split("/")) == 4


def test_names_are_cleaned_as_the_upload_arrives__R_X_2(rf):
    """Every form of the portal sees the cleaned name, also those without the helper."""
    body = (b"--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\""
            + f"{CJK_NAME}\u202e{'x' * 300}.pdf".encode() + b"\"\r\n"
            b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n")
    request = rf.generic("POST", "/", body, content_type="multipart/form-data; boundary=b")
    upload = request.FILES["f"]
    assert upload.name == clean_file_name(f"{CJK_NAME}{'x' * 300}.pdf")
    assert len(upload.name) == 200 and upload.name.endswith("x.pdf")


def test_large_files_with_a_long_extension_reach_temporary_disk__R_X_2(rf, tmp_path):
    """Django names the temporary file after the extension: one of 300 characters was a
    500 ("File name too long") before names were cleaned on arrival."""
    body = (b"--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a." + b"x" * 300
            + b"\"\r\n\r\n" + b"y" * 2048 + b"\r\n--b--\r\n")
    with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1024, FILE_UPLOAD_TEMP_DIR=str(tmp_path)):
        request = rf.generic("POST", "/", body, content_type="multipart/form-data; boundary=b")
        upload = request.FILES["f"]
        assert upload.size == 2048 and len(upload.name) == 200


# The request cap -----------------------------------------------------------------------------

def test_the_default_cap_is_five_attachments_and_a_little__R_INC_9():
    assert (5 * settings.INCIDENT_ATTACHMENT_MAX_BYTES < settings.UPLOAD_MAX_REQUEST_BYTES
            <= 5 * settings.INCIDENT_ATTACHMENT_MAX_BYTES + 2 * 1024 * 1024)
    assert settings.FILE_UPLOAD_HANDLERS[0] == "core.uploads.RequestSizeLimitHandler"


@override_settings(UPLOAD_MAX_REQUEST_BYTES=CAP)
@pytest.mark.parametrize(("middleware", "status"), [(with_upload_middleware, 413),
                                                    (without_upload_middleware, 400)])
def test_a_body_claiming_more_than_the_cap_is_refused_unread__R_INC_9_R_X_2(
        cast, middleware, status):
    """5 x 200 MB took 67 s and 1 GB of temporary disk before its 400: now the
    Content-Length alone decides, and not a byte of the body is read. Without the middleware
    Django answers its plain 400; never a 500."""
    body = UnreadBody(b"x" * 10_000)
    with middleware():
        response = oversized_post(client_for(cast.submitter.user), "/incidents/new/",
                                  claimed=1024**3, body=body)
    assert body.read_bytes == 0
    assert response.status_code == status


@override_settings(UPLOAD_MAX_REQUEST_BYTES=CAP)
def test_the_413_page_says_what_happened_and_leads_back__R_X_2(cast):
    Contact.objects.update(language="en")
    client = client_for(cast.submitter.user)
    with with_upload_middleware():
        response = client.post(
            "/incidents/new/", {"subject": "Groot", "files": [SimpleUploadedFile(
                "groot.pdf", b"%PDF-" + b"x" * CAP)]},
            headers={"referer": "http://testserver/incidents/new/"})
    assert response.status_code == 413
    html = response.content.decode()
    assert "larger than the 4.0\xa0KB the portal accepts at once" in html
    assert "Nothing has been saved." in html
    assert 'href="http://testserver/incidents/new/"' in html


@override_settings(UPLOAD_MAX_REQUEST_BYTES=CAP)
def test_the_413_page_never_links_to_another_site__R_X_2(db):
    with with_upload_middleware():
        response = oversized_post(Client(HTTP_REFERER="https://evil.example/"), "/incidents/new/",
                                  claimed=CAP + 1, body=UnreadBody())
    assert response.status_code == 413
    assert "evil.example" not in response.content.decode()


@override_settings(UPLOAD_MAX_REQUEST_BYTES=CAP)
def test_a_body_under_the_cap_goes_through(db):
    with with_upload_middleware():
        response = Client().post("/accounts/login/", {"login": "x@example.com",
                                                      "password": "nope"})
    assert response.status_code == 200


def test_the_handler_stops_reading_once_the_bytes_received_pass_the_cap__R_INC_9():
    """For a body whose length was not known in advance."""
    handler = RequestSizeLimitHandler(RequestFactory().post("/"))
    with override_settings(UPLOAD_MAX_REQUEST_BYTES=CAP):
        assert handler.handle_raw_input(None, {}, 10, b"b") is None
        assert handler.receive_data_chunk(b"x" * CAP, 0) == b"x" * CAP
        with pytest.raises(UploadTooLarge) as refused:
            handler.receive_data_chunk(b"x", CAP)
    assert isinstance(refused.value, RequestDataTooBig)  # Django's 400, never a 500


def test_a_body_longer_than_it_said_is_cut_off_at_the_cap__R_INC_9(tmp_path):
    """The parser reads in chunks of 64 KiB: a body that claimed a length within the cap but
    goes on is stopped at the first chunk past the cap, and what was spooled to temporary
    disk is removed (as UploadLimitMiddleware does)."""
    chunk = 64 * 1024
    body = UnreadBody(b"--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big.pdf\""
                      b"\r\n\r\n" + b"y" * (50 * chunk) + b"\r\n--b--\r\n")
    spool = tmp_path / "spool"
    spool.mkdir()
    with override_settings(UPLOAD_MAX_REQUEST_BYTES=CAP, FILE_UPLOAD_MAX_MEMORY_SIZE=100,
                           FILE_UPLOAD_TEMP_DIR=str(spool)):
        handlers = [RequestSizeLimitHandler(), uploads.MemoryFileUploadHandler(),
                    uploads.TemporaryFileUploadHandler()]
        parser = MultiPartParser({"CONTENT_TYPE": "multipart/form-data; boundary=b",
                                  "CONTENT_LENGTH": str(CAP)}, body, handlers)
        with pytest.raises(UploadTooLarge):
            parser.parse()
        for handler in handlers:
            handler.upload_interrupted()
    assert body.read_bytes <= 3 * chunk  # of 3.2 MB
    assert list(spool.iterdir()) == []


def test_staff_in_the_admin_have_the_larger_cap_for_release_files__R_INC_9(cast, rf):
    from django.contrib.auth.models import AnonymousUser

    with override_settings(UPLOAD_MAX_REQUEST_BYTES=CAP, UPLOAD_MAX_ADMIN_REQUEST_BYTES=10 * CAP):
        for user, path, limit in [
            (cast.staff, "/admin/updates/releasefile/add/", 10 * CAP),
            (cast.staff, "/incidents/new/", CAP),
            (cast.administrator.user, "/admin/updates/releasefile/add/", CAP),
            (AnonymousUser(), "/admin/login/", CAP),
        ]:
            request = rf.post(path)
            request.user = user
            assert request_limit(request) == limit, (user, path)


@override_settings(UPLOAD_MAX_REQUEST_BYTES=CAP, UPLOAD_MAX_ADMIN_REQUEST_BYTES=10 * CAP)
def test_an_anonymous_body_to_the_admin_gets_the_small_cap__R_X_2(db):
    body = UnreadBody()
    with with_upload_middleware():
        response = oversized_post(Client(), "/admin/login/", claimed=2 * CAP, body=body)
    assert response.status_code == 413 and body.read_bytes == 0


# Removing what a failed transaction saved -------------------------------------------------

def test_files_saved_in_a_failing_block_are_removed_with_their_folders__R_INC_9(tmp_path):
    with files_on_disk(tmp_path):
        with pytest.raises(RuntimeError), removing_uploads_on_error():
            for name in ("a.pdf", f"{CJK_NAME}.pdf"):
                default_storage.save(upload_path("private/incidents", name), ContentFile(b"x"))
            assert len([path for path in stored(tmp_path) if path.is_file()]) == 2
            raise RuntimeError("the insert failed")
        assert [path.relative_to(tmp_path).as_posix() for path in stored(tmp_path)] == [
            "private", "private/incidents"]


def test_files_of_a_successful_block_stay__R_INC_9(tmp_path):
    with files_on_disk(tmp_path):
        with removing_uploads_on_error():
            name = default_storage.save(upload_path("private/incidents", "a.pdf"),
                                        ContentFile(b"x"))
        assert default_storage.exists(name)


def test_an_outer_block_that_fails_removes_the_files_of_an_inner_one_that_succeeded(tmp_path):
    with files_on_disk(tmp_path):
        with pytest.raises(RuntimeError), removing_uploads_on_error():
            with removing_uploads_on_error():
                name = default_storage.save(upload_path("private/x", "a.pdf"), ContentFile(b"x"))
            raise RuntimeError
        assert not default_storage.exists(name)


def test_a_folder_that_cannot_be_removed_does_not_hide_the_error(tmp_path, monkeypatch,
                                                               caplog):
    def broken(name):
        raise PermissionError(name)

    with files_on_disk(tmp_path):
        monkeypatch.setattr(FileSystemStorage, "delete", lambda self, name: broken(name))
        with pytest.raises(RuntimeError, match="the real error"), removing_uploads_on_error():
            default_storage.save(upload_path("private/x", "a.pdf"), ContentFile(b"x"))
            raise RuntimeError("the real error")
    assert "Could not remove the upload folder" in caplog.text



# The other uploads of the portal ------------------------------------------------------------

def _stored_safely(field_file, root) -> str:
    name = field_file.name.rsplit("/", 1)[-1]
    assert 0 < len(name.encode()) <= 100
    assert (root / field_file.name).is_file()
    return name


def test_a_release_file_with_a_100_cjk_character_name__R_UPD_1_R_X_2(cast, tmp_path):
    from tests.updates.test_admin import _form, _staff
    from updates.models import ReleaseFile

    with files_on_disk(tmp_path):
        response = _staff(cast, "Customer Care").post("/admin/updates/release/add/", _form(**{
            "files-0-file": SimpleUploadedFile(f"{CJK_NAME}.zip", b"PK\x03\x04 update")}))
        assert response.status_code == 302, response.content.decode()[:2000]
        release_file = ReleaseFile.objects.get()
        assert _stored_safely(release_file.file, tmp_path).endswith(".zip")
        assert release_file.name.startswith(CJK_NAME[:30])  # what the download is called


def test_course_material_with_a_100_cjk_character_name__R_COURSE_3_R_X_2(cast, tmp_path):
    """The material's column holds 100 characters of path: a clear message for a longer
    name as uploaded, a shortened stored name for a long one in bytes; never a 500."""
    from courses.models import CourseMaterial
    from tests.courses import factories_admin as make
    from tests.courses.test_admin import _course_form

    care = make.staff_client(cast.staff, "Customer Care")
    course = make.course()
    url = f"/admin/courses/course/{course.pk}/change/"
    with files_on_disk(tmp_path):
        response = care.post(url, _course_form(course, file=SimpleUploadedFile(
            f"{CJK_NAME[:60]}.pdf", b"%PDF-1.4 werkboek")))
        assert response.status_code == 302, response.content.decode()[:2000]
        assert _stored_safely(CourseMaterial.objects.get().file, tmp_path).endswith(".pdf")
        response = care.post(url, _course_form(course, file=SimpleUploadedFile(
            f"{CJK_NAME}.pdf", b"%PDF-1.4 werkboek")))
        assert response.status_code == 200
        assert CourseMaterial.objects.count() == 1


def test_an_agreement_with_a_100_cjk_character_name__R_PART_5_R_X_2(cast, tmp_path):
    from core.pdf import text_pdf
    from partners.models import AgreementDocument
    from tests.partners.test_admin import _manager

    with files_on_disk(tmp_path):
        response = _manager(cast).post("/admin/partners/agreementdocument/add/", {
            "organisation": cast.partner_organisation.pk, "integration": "",
            "title": "Contract", "file": SimpleUploadedFile(f"{CJK_NAME}.pdf",
                                                            text_pdf(["Contract"]))})
        assert response.status_code == 302, response.content.decode()[:2000]
        assert _stored_safely(AgreementDocument.objects.get().file, tmp_path).endswith(".pdf")


def test_a_download_name_with_a_line_break_is_served_not_a_500__R_X_2():
    """A row written before names were cleaned (or by an import) may hold one."""
    from core.private_files import private_file_response

    name = default_storage.save("private/tests/oud.pdf", ContentFile(b"%PDF-1.4"))
    try:
        response = private_file_response(name, filename="rapport\r\nSet-Cookie: x=1.pdf")
        assert response["Content-Disposition"] == (
            'attachment; filename="rapport Set-Cookie: x=1.pdf"')
        response.file_to_stream.close()
    finally:
        default_storage.delete(name)
