"""Support attaches files to a public reply in the admin; the customer sees and downloads
them through the access-checked view, under the same allow-list and size limit as their own
files (R-INC-9). Internal notes take no files, and a file on a note never reaches a customer
(R-INC-8)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from incidents import actions
from core.models import OutboxItem
from core.outbox import relay
from incidents.models import Attachment, Message, MessageKind
from tests.conftest import client_for
from tests.incidents.factories import make_incident, pdf
from tests.incidents.test_admin_queue import QUEUE, _change

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def admin(staff):
    """The admin in English, so the texts asserted here are the msgids."""
    client = client_for(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _log(name: str = "export.log", content: bytes = b"12:00 fout bij boeken") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/plain")


def test_the_change_form_takes_files_with_the_public_reply__R_INC_9(cast, staff, admin):
    incident = make_incident(cast.submitter)
    html = admin.get(f"{QUEUE}{incident.pk}/change/").content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="reply_files"' in html and "multiple" in html
    assert "At most 5 files of at most 10" in html  # the customers' rule, shown to staff


def test_staff_reply_with_files_that_the_customer_downloads__R_INC_9(cast, staff, admin):
    incident = make_incident(cast.submitter)
    response = admin.post(f"{QUEUE}{incident.pk}/change/", _change(
        incident, public_reply="Zie de handleiding en het logbestand.",
        reply_files=[pdf("handleiding.pdf", b"%PDF-1.4 handleiding"), _log()]))
    assert response.status_code == 302, response.content.decode()[:3000]
    message = Message.objects.get(kind=MessageKind.PUBLIC)
    files = {item.name: item for item in message.attachments.all()}
    assert set(files) == {"handleiding.pdf", "export.log"}
    assert files["export.log"].content_type == "text/plain"

    detail = f"/incidents/{incident.number}/"
    for who in ("submitter", "administrator", "viewer"):
        client = client_for(getattr(cast, who).user)
        html = client.get(detail).content.decode()
        url = f"{detail}attachments/{files['handleiding.pdf'].pk}/"
        assert f'href="{url}"' in html and "handleiding.pdf" in html
        download = client.get(url)
        assert b"".join(download.streaming_content) == b"%PDF-1.4 handleiding"
    outsider = client_for(cast.other_administrator.user)
    assert outsider.get(f"{detail}attachments/{files['export.log'].pk}/").status_code == 404

    # The reply's email names the files; they stay in the portal (R-INC-7).
    relay(OutboxItem.objects.get(payload__message=message.pk).pk)
    body = mail.outbox[-1].body
    assert "handleiding.pdf, export.log" in body and "download" in body, body


@pytest.mark.parametrize(("upload", "error"), [
    (SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
     "setup.exe: this type of file is not accepted"),
    (SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00 not a pdf"),
     "rapport.pdf does not look like a .pdf file"),
])
def test_a_bad_file_is_refused_and_the_reply_kept__R_INC_9(cast, staff, admin, upload, error):
    incident = make_incident(cast.submitter)
    response = admin.post(f"{QUEUE}{incident.pk}/change/", _change(
        incident, priority=3, public_reply="Hierbij de oplossing.", reply_files=[upload]))
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert "Hierbij de oplossing.</textarea>" in html  # the reply is kept
    assert not Message.objects.exists() and not Attachment.objects.exists()
    incident.refresh_from_db()
    assert incident.priority is None  # nothing of the form was saved


@override_settings(INCIDENT_ATTACHMENT_MAX_BYTES=10)
def test_a_too_large_file_is_refused__R_INC_9(cast, staff, admin):
    incident = make_incident(cast.submitter)
    response = admin.post(f"{QUEUE}{incident.pk}/change/", _change(
        incident, public_reply="Hierbij.", reply_files=[pdf(content=b"%PDF-1.4 te groot")]))
    assert response.status_code == 200
    assert "screenshot.pdf is larger than 10" in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_action_checks_the_files_too__R_INC_9(cast, staff):
    incident = make_incident(cast.submitter)
    with pytest.raises(ValidationError):
        actions.reply_as_staff(incident=incident, body="x", actor=staff,
                               files=[_log("virus.exe")])
    with pytest.raises(ValidationError):
        actions.reply_as_staff(incident=incident, body="x", actor=staff,
                               files=[pdf(f"{number}.pdf") for number in range(6)])
    assert not Message.objects.exists() and not Attachment.objects.exists()


def test_files_without_a_public_reply_are_refused_not_put_on_a_note__R_INC_8(cast, admin):
    incident = make_incident(cast.submitter)
    response = admin.post(f"{QUEUE}{incident.pk}/change/", _change(
        incident, internal_note="Alleen voor ons", reply_files=[pdf("intern.pdf")]))
    assert response.status_code == 200
    assert "Write the public reply these files go with." in response.content.decode()
    assert not Message.objects.exists() and not Attachment.objects.exists()


def test_a_file_on_an_internal_note_never_reaches_a_customer__R_INC_8(cast, staff, admin):
    incident = make_incident(cast.submitter)
    note = actions.add_internal_note(incident=incident, body="Intern", actor=staff)
    # A file on a note can only come from outside the actions (an import, the shell).
    secret = Attachment.objects.create(incident=incident, message=note, file=pdf("intern.pdf"),
                                       name="intern.pdf", size=13,
                                       content_type="application/pdf")
    detail = f"/incidents/{incident.number}/"
    for who in ("submitter", "administrator", "viewer"):
        client = client_for(getattr(cast, who).user)
        assert "intern.pdf" not in client.get(detail).content.decode()
        assert client.get(f"{detail}attachments/{secret.pk}/").status_code == 404
    # Staff still see it in the admin.
    assert "intern.pdf" in admin.get(f"{QUEUE}{incident.pk}/change/").content.decode()
