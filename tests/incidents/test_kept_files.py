"""One bad attachment no longer makes the good ones disappear (issue 14, R-INC-9): the form
names only the bad file, keeps the good ones for the sender (listed as "kept"), and the next
send attaches them; nobody else can use them, and what nobody sends is removed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core import held_uploads
from core.models import HeldUpload
from incidents.models import Attachment, Incident
from tests.conftest import client_for
from tests.incidents.factories import make_incident, pdf
from tests.portal.upload_helpers import files_on_disk, stored

pytestmark = pytest.mark.django_db

FORM = {"incident_type": "question", "product_area": "finance", "environment": "production",
        "subject": "Journaalpost", "description": "Zie bijlagen."}
BAD = "virus.exe"


@pytest.fixture
def disk(tmp_path):
    with files_on_disk(tmp_path / "media") as root:
        yield root


def _bad():
    return SimpleUploadedFile(BAD, b"MZ\x90\x00")


def test_the_good_file_is_kept_and_only_the_bad_one_named(cast, disk):
    response = client_for(cast.submitter.user).post(
        "/incidents/new/", {**FORM, "files": [pdf("goed.pdf"), _bad()]})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"{BAD}: " in html and "goed.pdf:" not in html
    [held] = HeldUpload.objects.all()
    assert held.owner == cast.submitter.user and held.name == "goed.pdf"
    assert 'data-testid="kept-files"' in html
    assert f'name="kept" value="{held.pk}"' in html and "checked" in html
    assert not Incident.objects.exists()


def test_the_next_send_attaches_the_kept_file_and_lets_it_go(cast, disk,
                                                            django_capture_on_commit_callbacks):
    client = client_for(cast.submitter.user)
    client.post("/incidents/new/", {**FORM, "files": [pdf("goed.pdf"), _bad()]})
    held = HeldUpload.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/incidents/new/", {**FORM, "kept": [str(held.pk)],
                                                   "files": [pdf("tweede.pdf")]})
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert sorted(item.name for item in incident.attachments.all()) == ["goed.pdf",
                                                                         "tweede.pdf"]
    assert not HeldUpload.objects.exists()
    assert not [path for path in stored(disk) if "private/held" in str(path) and path.is_file()]


def test_a_missing_field_keeps_the_good_files_too(cast, disk):
    response = client_for(cast.submitter.user).post(
        "/incidents/new/", {**FORM, "subject": "", "files": [pdf("goed.pdf")]})
    assert response.status_code == 400
    assert HeldUpload.objects.get().name == "goed.pdf"


def test_an_unticked_kept_file_is_left_out(cast, disk):
    client = client_for(cast.submitter.user)
    client.post("/incidents/new/", {**FORM, "files": [pdf("goed.pdf"), _bad()]})
    assert client.post("/incidents/new/", FORM).status_code == 302
    assert not Attachment.objects.exists()


def test_another_persons_kept_file_is_ignored(cast, disk):
    """Hostile input: the id of someone else's held file does nothing."""
    client_for(cast.expert.user).post(
        "/incidents/new/", {**FORM, "files": [pdf("van-een-ander.pdf"), _bad()]})
    foreign = HeldUpload.objects.get()
    response = client_for(cast.submitter.user).post(
        "/incidents/new/", {**FORM, "kept": [str(foreign.pk), "x", "9" * 30]})
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert HeldUpload.objects.filter(pk=foreign.pk).exists()


def test_kept_files_count_towards_the_maximum(cast, disk):
    client = client_for(cast.submitter.user)
    client.post("/incidents/new/", {**FORM, "files": [pdf(f"{n}.pdf") for n in range(3)]
                                    + [_bad()]})
    kept = [str(pk) for pk in HeldUpload.objects.values_list("pk", flat=True)]
    assert len(kept) == 3
    response = client.post("/incidents/new/", {**FORM, "kept": kept,
                                               "files": [pdf("4.pdf"), pdf("5.pdf"),
                                                         pdf("6.pdf")]})
    assert response.status_code == 400
    assert "the kept ones included" in response.content.decode() or "meegerekend" in (
        response.content.decode())
    assert not Incident.objects.exists()


def test_a_reply_keeps_its_good_file_as_well(cast, disk):
    incident = make_incident(cast.submitter)
    client = client_for(cast.submitter.user)
    url = f"/incidents/{incident.number}/"
    response = client.post(url, {"body": "Hierbij de logs.", "files": [pdf("log.pdf"), _bad()]})
    assert response.status_code == 400
    held = HeldUpload.objects.get()
    assert f'name="kept" value="{held.pk}"' in response.content.decode()
    assert client.post(url, {"body": "Hierbij de logs.", "kept": [str(held.pk)]}).status_code == 302
    assert [item.name for item in incident.attachments.all()] == ["log.pdf"]


def test_what_nobody_sends_is_removed_after_its_lifetime(cast, disk, settings):
    settings.HELD_UPLOAD_HOURS = 24
    client_for(cast.submitter.user).post("/incidents/new/",
                                         {**FORM, "files": [pdf("goed.pdf"), _bad()]})
    held = HeldUpload.objects.get()
    assert held_uploads.remove_expired(now=timezone.now() + dt.timedelta(hours=23)) == 0
    assert held_uploads.held_of(cast.submitter.user.pk, [held.pk],
                                now=timezone.now() + dt.timedelta(hours=25)) == []
    assert held_uploads.remove_expired(now=timezone.now() + dt.timedelta(hours=25)) == 1
    assert not HeldUpload.objects.exists()
    assert not [path for path in stored(disk) if path.is_file()]
