"""Staff maintain releases in the admin: files get their size and SHA-256 on upload, the list
shows download counts, Customer Care publishes (which emails the news) and Support only
reads (R-UPD-1, R-UPD-3, R-UPD-4)."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import client_for
from tests.updates.factories import make_release, make_release_file
from updates.actions import record_download
from updates.models import Release, ReleaseFile

pytestmark = pytest.mark.django_db


def _staff(cast, group: str):
    cast.staff.groups.add(Group.objects.get(name=group))
    return client_for(cast.staff)


def _form(**changes) -> dict:
    data = {"version": "6.4.3", "kind": "update", "released_on": "2026-09-07",
            "notes": "## Opgelost\n\n- Iets", "files-TOTAL_FORMS": "1",
            "files-INITIAL_FORMS": "0", "files-MIN_NUM_FORMS": "0",
            "files-MAX_NUM_FORMS": "1000"}
    data.update(changes)
    return data


def test_an_uploaded_file_gets_its_size_and_sha256__R_UPD_1(cast):
    content = b"PROFIT" * 1000
    response = _staff(cast, "Customer Care").post("/admin/updates/release/add/", _form(**{
        "files-0-file": SimpleUploadedFile("profit-6.4.3-update.bin", content)}))
    assert response.status_code == 302, response.context["adminform"].form.errors
    release = Release.objects.get(version="6.4.3")
    assert not release.is_published  # publishing is a separate, deliberate step
    release_file = release.files.get()
    assert (release_file.size, release_file.sha256) == (
        len(content), hashlib.sha256(content).hexdigest())
    assert release_file.name == "profit-6.4.3-update.bin"
    assert release_file.file.name.startswith(f"private/updates/{release.pk}/")
    with release_file.file.open("rb") as stored:
        assert stored.read() == content


def test_a_bad_version_is_refused_with_a_message__R_X_2(cast):
    response = _staff(cast, "Customer Care").post("/admin/updates/release/add/",
                                                  _form(version="6.4-beta"))
    assert response.status_code == 200
    assert "version" in response.context["adminform"].form.errors


def test_the_list_shows_download_counts_per_release__R_UPD_3(cast):
    popular, quiet = make_release("6.4.1"), make_release("6.4.2")
    first, second = make_release_file(popular, "a.bin"), make_release_file(popular, "b.bin")
    make_release_file(quiet)
    for release_file in (first, first, second):
        record_download(contact=cast.employee, release_file=release_file)
    response = _staff(cast, "Support").get("/admin/updates/release/")
    assert response.status_code == 200
    counts = {release.version: release.download_total or 0
              for release in response.context["cl"].result_list}
    assert counts == {"6.4.1": 3, "6.4.2": 0}
    assert '<td class="field-download_count">3</td>' in response.content.decode()


def test_customer_care_publishes_with_the_admin_action__R_UPD_4(
        cast, django_capture_on_commit_callbacks):
    cast.employee.release_news = True
    cast.employee.save()
    release = make_release(published=False)
    client = _staff(cast, "Customer Care")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/updates/release/", {
            "action": "publish", "_selected_action": [release.pk]})
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.is_published and release.published_by == cast.staff
    assert [message.to for message in mail.outbox] == [["employee@test.example"]]
    # Pressing it again emails nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/updates/release/", {"action": "publish",
                                                "_selected_action": [release.pk]})
    assert len(mail.outbox) == 1


def test_support_reads_but_cannot_publish_or_change__R_UPD_4(cast):
    release = make_release(published=False)
    client = _staff(cast, "Support")
    page = client.get("/admin/updates/release/")
    assert page.status_code == 200
    assert 'value="publish"' not in page.content.decode()
    client.post("/admin/updates/release/", {"action": "publish",
                                            "_selected_action": [release.pk]})
    assert not Release.objects.get(pk=release.pk).is_published
    assert client.post(f"/admin/updates/release/{release.pk}/change/",
                       _form(version="9.9")).status_code == 403


def test_published_cannot_be_ticked_in_the_form(cast):
    release = make_release(published=False)
    _staff(cast, "Customer Care").post(f"/admin/updates/release/{release.pk}/change/",
                                       _form(version=release.version, is_published="on"))
    assert not Release.objects.get(pk=release.pk).is_published


def test_staff_download_a_file_through_the_admin_also_of_a_draft(cast, client):
    release_file = make_release_file(make_release(published=False), content=b"draft bytes")
    url = f"/admin/updates/release/file/{release_file.pk}/"
    response = _staff(cast, "Support").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"draft bytes"
    assert client_for(cast.employee.user).get(url).status_code == 302  # not staff: login
    assert ReleaseFile.objects.count() == 1


def test_downloads_are_a_read_only_record__R_UPD_3(cast):
    release_file = make_release_file(make_release())
    download = record_download(contact=cast.employee, release_file=release_file)
    client = _staff(cast, "Customer Care")
    page = client.get("/admin/updates/download/")
    assert page.status_code == 200 and "employee@test.example" in page.content.decode()
    assert client.get("/admin/updates/download/add/").status_code == 403
    assert client.post(f"/admin/updates/download/{download.pk}/delete/",
                       {"post": "yes"}).status_code == 403


def test_the_change_page_links_the_file_to_the_staff_download_view(cast):
    release_file = make_release_file(make_release(), "profit.bin")
    record_download(contact=cast.employee, release_file=release_file)
    page = _staff(cast, "Customer Care").get(
        f"/admin/updates/release/{release_file.release_id}/change/")
    assert page.status_code == 200
    content = page.content.decode()
    assert f'href="/admin/updates/release/file/{release_file.pk}/"' in content
    assert release_file.sha256 in content
    assert re.search(r'<td class="field-download_count">\s*<p>1</p>', content)
