"""/updates/files/<pk>/: downloads through an access-checked view, recorded (who, what,
when), resumable with HTTP Range, or handed to the web server with X-Accel-Redirect
(R-UPD-3, R-ROLE-4, R-ROLE-14)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.conftest import client_for
from tests.updates.factories import make_release, make_release_file
from updates.models import Download, ReleaseFile

pytestmark = pytest.mark.django_db

CONTENT = bytes(range(256)) * 40  # 10,240 bytes, every offset recognisable
SIZE = len(CONTENT)


@pytest.fixture
def release_file():
    return make_release_file(make_release("6.4.0.1"), "profit-6.4.0.1-patch.bin", CONTENT)


def _url(release_file) -> str:
    return f"/updates/files/{release_file.pk}/"


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_it_requires_login(client, release_file):
    response = client.get(_url(release_file))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Download.objects.exists()


@pytest.mark.parametrize("who", ["no_role", "submitter", "viewer", "expert"])
def test_it_needs_employee_or_administrator__R_ROLE_4(cast, release_file, who):
    assert client_for(getattr(cast, who).user).get(_url(release_file)).status_code == 403
    assert not Download.objects.exists()


def test_a_file_of_a_draft_or_an_unknown_file_is_404__R_ROLE_14(cast):
    draft_file = make_release_file(make_release("6.5", published=False))
    client = client_for(cast.employee.user)
    assert client.get(_url(draft_file)).status_code == 404
    assert client.get("/updates/files/999999/").status_code == 404
    assert not Download.objects.exists()


def test_the_whole_file_is_sent_and_the_download_recorded__R_UPD_3(cast, release_file):
    response = client_for(cast.employee.user).get(_url(release_file))
    assert response.status_code == 200
    assert _body(response) == CONTENT
    assert response["Content-Length"] == str(SIZE)
    assert response["Accept-Ranges"] == "bytes"
    assert 'attachment; filename="profit-6.4.0.1-patch.bin"' == response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    download = Download.objects.get()
    assert (download.contact, download.email, download.release_file) == (
        cast.employee, "employee@test.example", release_file)
    assert download.downloaded_at is not None


@pytest.mark.parametrize(("header", "first", "last"), [
    ("bytes=0-99", 0, 99),
    ("bytes=100-199", 100, 199),
    ("bytes=10000-", 10000, SIZE - 1),
    ("bytes=-240", SIZE - 240, SIZE - 1),
    ("bytes=10200-99999", 10200, SIZE - 1),  # the end is clipped to the file
    ("bytes=-99999", 0, SIZE - 1),  # a suffix longer than the file is the whole file
    ("bytes=5-5", 5, 5),
])
def test_a_range_is_answered_with_206_and_just_those_bytes__R_UPD_3(cast, release_file,
                                                                     header, first, last):
    response = client_for(cast.employee.user).get(_url(release_file), HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{SIZE}"
    assert response["Content-Length"] == str(last - first + 1)
    assert _body(response) == CONTENT[first:last + 1]


def test_an_interrupted_download_resumes_to_the_same_bytes__R_UPD_3(cast, release_file):
    client = client_for(cast.employee.user)
    start = client.get(_url(release_file), HTTP_RANGE="bytes=0-4095")
    received = _body(start)
    rest = client.get(_url(release_file), HTTP_RANGE="bytes=4096-",
                      HTTP_IF_RANGE=start["ETag"])
    assert rest.status_code == 206
    assert received + _body(rest) == CONTENT
    assert Download.objects.count() == 1  # resuming is the same download


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=20000-20010", "bytes=-0"])
def test_an_unsatisfiable_range_is_416__R_UPD_3(cast, release_file, header):
    response = client_for(cast.employee.user).get(_url(release_file), HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert not Download.objects.exists()


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "items=0-5", "bytes=9-3", "bytes=-",
                                    "bytes=abc-def"])
def test_a_range_we_do_not_serve_gives_the_whole_file__R_X_2(cast, release_file, header):
    response = client_for(cast.employee.user).get(_url(release_file), HTTP_RANGE=header)
    assert response.status_code == 200
    assert _body(response) == CONTENT


def test_a_changed_file_is_sent_whole_when_if_range_does_not_match__R_UPD_3(cast,
                                                                           release_file):
    response = client_for(cast.employee.user).get(
        _url(release_file), HTTP_RANGE="bytes=100-", HTTP_IF_RANGE='"an-older-version"')
    assert response.status_code == 200
    assert _body(response) == CONTENT
    assert response["ETag"] == f'"{release_file.sha256}"'


def test_head_does_not_count_as_a_download(cast, release_file):
    response = client_for(cast.employee.user).head(_url(release_file))
    assert response.status_code == 200
    assert not Download.objects.exists()


@override_settings(UPDATES_ACCEL_REDIRECT_PREFIX="/protected-media/")
def test_in_production_the_web_server_sends_the_bytes__R_UPD_3(cast, release_file):
    response = client_for(cast.employee.user).get(_url(release_file))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{release_file.file.name}"
    assert release_file.file.name.startswith(f"private/updates/{release_file.release_id}/")
    assert response.content == b""
    assert 'filename="profit-6.4.0.1-patch.bin"' in response["Content-Disposition"]
    assert Download.objects.count() == 1
    # The web server handles a resumed range; it is not a new download.
    client_for(cast.employee.user).get(_url(release_file), HTTP_RANGE="bytes=500-")
    assert Download.objects.count() == 1


@override_settings(UPDATES_ACCEL_REDIRECT_PREFIX="/protected-media")
def test_the_accel_path_is_quoted(cast):
    release_file = make_release_file(make_release(), "profit 6.4 (nl).bin")
    response = client_for(cast.employee.user).get(_url(release_file))
    assert response["X-Accel-Redirect"].startswith("/protected-media/private/updates/")
    assert " " not in response["X-Accel-Redirect"]


def test_a_file_missing_from_storage_is_404_not_500(cast, release_file):
    release_file.file.storage.delete(release_file.file.name)
    assert client_for(cast.employee.user).get(_url(release_file)).status_code == 404
    assert not Download.objects.exists()


@override_settings(UPDATES_ACCEL_REDIRECT_PREFIX="/protected-media/")
@pytest.mark.parametrize("stored", ["private/updates/1/../../../etc/passwd",
                                    "/etc/passwd", "private/updates/./x/../../secrets.bin",
                                    "private/invoices/1/invoice.pdf"])
def test_the_accel_path_never_leaves_the_updates_folder__R_UPD_3(cast, release_file, stored):
    ReleaseFile.objects.filter(pk=release_file.pk).update(file=stored)
    response = client_for(cast.employee.user).get(_url(release_file))
    assert response.status_code == 404
    assert not response.has_header("X-Accel-Redirect")
    assert not Download.objects.exists()
