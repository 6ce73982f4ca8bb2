"""An employee finds a patch in the Update Center, reads its notes and downloads it; the
bytes are the stored file's and the download is recorded (R-ROLE-4, R-UPD-1/2/3, R-X-4)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.browser.conftest import assert_no_axe_violations, login, path_of
from tests.database_reset import seed_demo
from updates.models import Download, Release

pytestmark = pytest.mark.browser

EMPLOYEE = "medewerker@demo.example"


def test_find_a_patch_read_its_notes_and_download_it__R_UPD_3(page, live_server):
    seed_demo()
    login(page, live_server, EMPLOYEE)

    # The dashboard tile leads to the Update Center (R-ROLE-4).
    page.locator("[data-testid=tiles]").get_by_role("link", name="Update Center").click()
    page.wait_for_url(f"{live_server.url}/updates/")
    assert_no_axe_violations(page)

    # Only patches of update 6.4.2 (R-UPD-2).
    form = page.locator("[data-testid=release-filter]")
    form.get_by_label("Soort").select_option("patch")
    form.get_by_label("Versie", exact=True).fill("6.4.2")
    form.get_by_role("button", name="Tonen").click()
    page.wait_for_url("**/updates/?kind=patch&version=6.4.2*")
    rows = page.locator("[data-testid=releases] tbody tr")
    assert rows.count() == 2
    assert all(kind == "patch" for kind in
               rows.evaluate_all("rows => rows.map(row => row.dataset.kind)"))
    assert_no_axe_violations(page)

    # The important security patch: its notes, rendered from Markdown (R-UPD-1).
    page.get_by_role("link", name="6.4.2.1").click()
    release = Release.objects.get(version="6.4.2.1")
    assert path_of(page, live_server) == f"/updates/{release.pk}/"
    notes = page.locator("[data-testid=notes]")
    assert notes.locator("h3").first.inner_text() == "Patch 6.4.2.1"
    assert "Beveiligingsupdate" in notes.locator("strong").first.inner_text()
    assert_no_axe_violations(page)

    # Download it: the bytes are the stored file's, as the SHA-256 on the page says.
    release_file = release.files.get()
    row = page.locator(f"tr[data-file='{release_file.pk}']")
    shown_sha = row.locator("[data-testid=sha256]").inner_text().strip()
    with page.expect_download() as info:
        row.get_by_role("link", name="Downloaden").click()
    download = info.value
    assert download.suggested_filename == "profit-6.4.2.1-patch.bin"
    received = Path(download.path()).read_bytes()
    with release_file.file.open("rb") as stored:
        assert received == stored.read()
    assert hashlib.sha256(received).hexdigest() == shown_sha == release_file.sha256

    # Recorded: who, what, when (R-UPD-3).
    recorded = Download.objects.get(release_file=release_file)
    assert recorded.email == EMPLOYEE and recorded.contact.user.email == EMPLOYEE
