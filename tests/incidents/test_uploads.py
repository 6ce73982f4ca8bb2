"""Bad uploads on the incident pages, on a real file system (R-INC-9, R-X-2): a name of 100
CJK characters (300 bytes, more than a file system takes) is stored shortened instead of a
500; a refused file keeps the form; nothing is left on disk after a refusal or a rollback; a
body over the cap is refused before it is read."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from incidents import actions
from incidents.models import Attachment, Incident, Message
from core.uploads import clean_file_name
from tests.conftest import client_for
from tests.incidents.factories import make_incident, pdf
from tests.incidents.test_admin_queue import QUEUE, _change
from tests.portal.upload_helpers import (
    CJK_NAME, UnreadBody, files_on_disk, oversized_post, stored, with_upload_middleware,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

FORM = {"incident_type": "fault", "product_area": "finance", "environment": "production",
        "subject": "Journaalpost blijft hangen", "description": "Na het boeken draait het wiel."}
LONG_ASCII = "a" * 296 + ".pdf"  # 300 bytes


@pytest.fixture
def disk(tmp_path):
    with files_on_disk(tmp_path / "media") as root:
        yield root


def _incident_files(root) -> list:
    folder = root / "private" / "incidents"
    return sorted(folder.iterdir()) if folder.exists() else []


def _assert_stored_safely(attachment: Attachment, root) -> None:
    stored_name = attachment.file.name.rsplit("/", 1)[-1]
    assert len(stored_name.encode()) <= 100 and stored_name.endswith(".pdf")
    assert (root / attachment.file.name).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("name", [f"{CJK_NAME}.pdf", LONG_ASCII])
def test_a_name_over_255_bytes_is_stored_shortened_not_a_500__R_INC_9_R_X_2(cast, disk, name):
    client = client_for(cast.submitter.user)
    response = client.post("/incidents/new/", {**FORM, "files": [pdf(name)]})
    assert response.status_code == 302, response.content.decode()[:2000]
    attachment = Incident.objects.get().attachments.get()
    assert attachment.name == name[:-4][:196] + ".pdf"  # in full up to 200 characters
    _assert_stored_safely(attachment, disk)
    # The download carries the name as uploaded (RFC 5987 for the non-ASCII ones).
    download = client.get(f"/incidents/{attachment.incident.number}/attachments/"
                          f"{attachment.pk}/")
    assert quote(attachment.name) in download["Content-Disposition"] or (
        attachment.name in download["Content-Disposition"])


def test_a_reply_with_a_100_cjk_character_name__R_INC_9(cast, disk):
    incident = make_incident(cast.submitter)
    response = client_for(cast.submitter.user).post(
        f"/incidents/{incident.number}/", {"body": "Zie bijlage", "files": [
            pdf(f"{CJK_NAME}.pdf")]})
    assert response.status_code == 302
    attachment = Message.objects.get().attachments.get()
    assert attachment.name == f"{CJK_NAME}.pdf"
    _assert_stored_safely(attachment, disk)


def test_a_staff_reply_file_with_a_100_cjk_character_name__R_INC_9(cast, staff, disk):
    incident = make_incident(cast.submitter)
    response = client_for(staff).post(f"{QUEUE}{incident.pk}/change/", _change(
        incident, public_reply="Hierbij de handleiding.",
        reply_files=[pdf(f"{CJK_NAME}.pdf"), pdf("é" * 150 + ".pdf")]))
    assert response.status_code == 302, response.content.decode()[:3000]
    attachments = list(Message.objects.get().attachments.order_by("pk"))
    assert [item.name for item in attachments] == [f"{CJK_NAME}.pdf", "é" * 150 + ".pdf"]
    for attachment in attachments:
        _assert_stored_safely(attachment, disk)


def test_a_refused_file_with_a_long_name_keeps_the_form_and_nothing_is_stored__R_INC_9_R_X_2(
        cast, disk):
    response = client_for(cast.submitter.user).post(
        "/incidents/new/", {**FORM, "files": [SimpleUploadedFile(f"{CJK_NAME * 3}.exe",
                                                                 b"MZ\x90\x00")]})
    assert response.status_code == 400
    html = response.content.decode()
    assert clean_file_name(f"{CJK_NAME * 3}.exe") in html  # 196 characters and ".exe"
    assert "this type of file is not accepted" in html
    assert FORM["subject"] in html and FORM["description"] in html
    assert not Incident.objects.exists()
    assert stored(disk) == []


@pytest.mark.parametrize(("files", "message"), [
    ([pdf(f"{number}.pdf") for number in range(6)], "Attach at most 5 files."),
    ([pdf("ok.pdf"), SimpleUploadedFile("virus.exe", b"MZ")], "virus.exe: this type of file"),
    ([pdf("ok.pdf"), pdf("te-groot.pdf", b"%PDF-" + b"x" * 64)], "te-groot.pdf is larger than"),
    ([pdf("ok.pdf"), SimpleUploadedFile("nep.pdf", b"MZ not a pdf")], "nep.pdf does not look"),
])
@override_settings(INCIDENT_ATTACHMENT_MAX_BYTES=32)
def test_a_refused_upload_attaches_none_of_the_files__R_INC_9(cast, disk, files, message):
    """Nothing is attached; a good file beside a bad one is held for the next try (issue
    14) in its private folder, never among the incidents' files."""
    response = client_for(cast.submitter.user).post("/incidents/new/", {**FORM, "files": files})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert FORM["description"] in response.content.decode()
    assert _incident_files(disk) == [] and not Attachment.objects.exists()
    held = [path.name for path in stored(disk) if path.is_file()]
    assert held == ([] if len(files) > 5 else ["ok.pdf"])
    assert all("private/held/" in str(path) for path in stored(disk) if path.is_file())


def test_a_rollback_after_the_files_were_saved_removes_them_and_their_folders__R_INC_9(
        cast, disk, monkeypatch):
    """The incident and both attachments were inserted and the files written, then the
    status history failed: the transaction rolls back and the files go with it."""
    def fail(change):
        assert len([path for path in stored(disk) if path.is_file()]) == 2  # were saved
        raise RuntimeError("the database went away")

    monkeypatch.setattr(actions, "queue_status_email", fail)
    with pytest.raises(RuntimeError):
        make_incident(cast.submitter, files=[pdf(f"{CJK_NAME}.pdf"), pdf("tweede.pdf")])
    assert not Incident.objects.exists() and not Attachment.objects.exists()
    assert _incident_files(disk) == []  # no files, no empty random folders


def test_a_staff_reply_that_rolls_back_leaves_no_files__R_INC_9(cast, staff, disk,
                                                                  monkeypatch):
    incident = make_incident(cast.submitter, files=[pdf("blijft.pdf")])
    kept = _incident_files(disk)
    monkeypatch.setattr(actions, "queue_reply_email", lambda message: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        actions.reply_as_staff(incident=incident, body="Zie bijlage", actor=staff,
                               files=[pdf("handleiding.pdf"), pdf(LONG_ASCII)])
    assert _incident_files(disk) == kept  # the earlier attachment stays
    assert incident.attachments.count() == 1


def test_a_file_that_fails_to_save_takes_the_others_with_it__R_INC_9(cast, disk, monkeypatch):
    """The first file was written, the second could not be (the disk said no): no incident,
    no file, no folder."""
    from django.core.files.storage import FileSystemStorage

    original, calls = FileSystemStorage._save, []

    def second_fails(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(36, "File name too long")
        return original(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", second_fails)
    with pytest.raises(OSError):
        make_incident(cast.submitter, files=[pdf("eerste.pdf"), pdf("tweede.pdf")])
    assert not Incident.objects.exists()
    assert _incident_files(disk) == []


def test_an_action_given_a_long_name_directly_keeps_it_within_the_column__R_INC_9(cast, disk):
    """Imports and the shell call the actions with names no browser cleaned."""
    incident = make_incident(cast.submitter, files=[pdf("x/../" + "b" * 400 + ".pdf")])
    attachment = incident.attachments.get()
    assert attachment.name == "b" * 196 + ".pdf"
    _assert_stored_safely(attachment, disk)


@override_settings(UPLOAD_MAX_REQUEST_BYTES=4096)
def test_a_body_over_the_cap_is_refused_before_it_is_read__R_INC_9_R_X_2(cast, disk):
    body = UnreadBody(b"--kp-boundary\r\n" + b"x" * 8192)
    with with_upload_middleware():
        response = oversized_post(client_for(cast.submitter.user), "/incidents/new/",
                                  claimed=200 * 1024 * 1024, body=body)
    assert response.status_code == 413
    assert body.read_bytes == 0
    assert "Nothing has been saved." in response.content.decode()
    assert not Incident.objects.exists() and stored(disk) == []


@override_settings(UPLOAD_MAX_REQUEST_BYTES=4096)
def test_a_staff_reply_over_the_cap_is_refused_without_a_500__R_X_2(cast, staff, disk):
    """Staff in the admin have the larger cap (release files); over it, the same 413."""
    incident = make_incident(cast.submitter)
    body = UnreadBody()
    with with_upload_middleware(), override_settings(UPLOAD_MAX_ADMIN_REQUEST_BYTES=8192):
        response = oversized_post(client_for(staff), f"{QUEUE}{incident.pk}/change/",
                                  claimed=8193, body=body)
    assert response.status_code == 413 and body.read_bytes == 0
    assert not Message.objects.exists()
    # Under the admin cap but over the customers' one: the staff reply goes through.
    with with_upload_middleware(), override_settings(UPLOAD_MAX_ADMIN_REQUEST_BYTES=16384):
        response = client_for(staff).post(f"{QUEUE}{incident.pk}/change/", _change(
            # The file alone is over the customers' cap; with the form's fields (every
            # inline's management form) the body stays under the admin's.
            incident, public_reply="Hierbij.", reply_files=[pdf(content=b"%PDF-" + b"x" * 4100)]))
    assert response.status_code == 302
    assert Message.objects.get().attachments.count() == 1


def test_the_cap_leaves_room_for_five_full_attachments__R_INC_9(cast, disk):
    """Five files of the largest size, with the form, are under the cap."""
    with override_settings(INCIDENT_ATTACHMENT_MAX_BYTES=2048,
                           UPLOAD_MAX_REQUEST_BYTES=5 * 2048 + 1024 * 1024), \
            with_upload_middleware():
        response = client_for(cast.submitter.user).post("/incidents/new/", {**FORM, "files": [
            pdf(f"{number}.pdf", b"%PDF-" + b"x" * 2043) for number in range(5)]})
    assert response.status_code == 302
    assert Incident.objects.get().attachments.count() == 5


def test_the_form_shows_the_cap_unchanged(cast):
    html = client_for(cast.submitter.user).get("/incidents/new/").content.decode()
    assert "At most 5 files of at most 10" in html
    assert settings.UPLOAD_MAX_REQUEST_BYTES > 5 * settings.INCIDENT_ATTACHMENT_MAX_BYTES


def test_a_failed_validation_in_the_action_saves_nothing__R_INC_9(cast, disk):
    with pytest.raises(ValidationError):
        make_incident(cast.submitter, files=[pdf("ok.pdf"), SimpleUploadedFile("x.exe", b"MZ")])
    assert stored(disk) == []
