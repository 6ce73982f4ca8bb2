"""/updates/<pk>/: a published release with its notes (Markdown, sanitized) and its files
with size and SHA-256 (R-UPD-1, R-ROLE-4, R-ROLE-14, R-X-3)."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from tests.conftest import client_for
from tests.updates.factories import make_release, make_release_file
from tests.queries import queries_of
from updates.models import Kind

pytestmark = pytest.mark.django_db

NOTES = """# Patch 6.4.0.1

Een **beveiligingsupdate**: installeer deze *snel*.

- [Handleiding](https://help.afas.nl/)
- [Kwaadaardig](javascript:alert(1))

<script>alert('x')</script>
<img src=x onerror="alert(1)">
<a href="https://x.example" onclick="steal()">klik</a>
"""


def test_it_requires_login(client):
    release = make_release()
    response = client.get(f"/updates/{release.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["no_role", "submitter", "viewer"])
def test_it_needs_employee_or_administrator__R_ROLE_4(cast, who):
    release = make_release()
    assert client_for(getattr(cast, who).user).get(f"/updates/{release.pk}/").status_code == 403


@pytest.mark.parametrize("who", ["employee", "administrator", "other_administrator",
                                 "partner"])
def test_an_unpublished_release_is_404_for_every_customer__R_ROLE_14(cast, who):
    draft = make_release("6.5", published=False)
    draft_file = make_release_file(draft)
    client = client_for(getattr(cast, who).user)
    assert client.get(f"/updates/{draft.pk}/").status_code == 404
    assert client.get(f"/updates/files/{draft_file.pk}/").status_code == 404


@pytest.mark.parametrize("pk", ["999999", "0"])
def test_an_unknown_release_is_404(cast, pk):
    assert client_for(cast.employee.user).get(f"/updates/{pk}/").status_code == 404


def test_the_notes_are_rendered_from_markdown_and_sanitized__R_UPD_1(cast):
    release = make_release("6.4.0.1", kind=Kind.PATCH, notes=NOTES)
    page = client_for(cast.employee.user).get(f"/updates/{release.pk}/").content.decode()
    notes = page[page.index('data-testid="notes"'):page.index('id="files-title"')]
    assert "<h3>Patch 6.4.0.1</h3>" in notes  # under the page's h1 and the notes' h2
    assert "<strong>beveiligingsupdate</strong>" in notes and "<em>snel</em>" in notes
    assert 'href="https://help.afas.nl/"' in notes
    assert "<script" not in notes and "onerror" not in notes and "onclick" not in notes
    assert "javascript:" not in notes and "<img" not in notes
    assert 'rel="noopener noreferrer nofollow"' in notes


def test_files_show_size_sha256_and_a_download_button__R_UPD_1(cast):
    release = make_release("6.4", kind=Kind.BUILD)
    content = b"x" * 2048
    release_file = make_release_file(release, "profit-6.4-server.bin", content)
    page = client_for(cast.employee.user).get(f"/updates/{release.pk}/").content.decode()
    assert "profit-6.4-server.bin" in page
    assert "2,0\xa0KB" in page
    assert hashlib.sha256(content).hexdigest() in page
    assert f'href="/updates/files/{release_file.pk}/"' in page


def test_it_is_in_english_for_an_english_contact__R_X_1(cast):
    cast.employee.language = "en"
    cast.employee.save()
    release = make_release("6.4", kind=Kind.BUILD)
    page = client_for(cast.employee.user).get(f"/updates/{release.pk}/").content.decode()
    assert "Release notes" in page and "Build 6.4" in page


def _count(client: Client, url: str) -> int:
    return queries_of(client, url)


def test_query_count_is_the_same_for_1_and_50_files__R_X_3(cast):
    client = client_for(cast.employee.user)
    release = make_release()
    make_release_file(release, "file-0.bin")
    one = _count(client, f"/updates/{release.pk}/")
    for number in range(1, 50):
        make_release_file(release, f"file-{number}.bin")
    assert _count(client, f"/updates/{release.pk}/") == one


def test_the_notes_come_in_the_page_language_and_link_to_the_other__issue_14(cast):
    release = make_release(notes="## Opgelost\n\n- Btw", notes_en="## Fixed\n\n- VAT")
    client = client_for(cast.employee.user)  # reads Dutch
    page = client.get(f"/updates/{release.pk}/").content.decode()
    assert "<li>Btw</li>" in page and "<li>VAT</li>" not in page
    assert ('<a href="?notes=en" hreflang="en">Read these release notes in English</a>'
            in page)
    page = client.get(f"/updates/{release.pk}/", {"notes": "en"}).content.decode()
    assert "<li>VAT</li>" in page and "<li>Btw</li>" not in page
    assert "Lees deze release notes in het Nederlands" in page
    page = client.get(f"/updates/{release.pk}/", {"notes": "xx"}).content.decode()
    assert "<li>Btw</li>" in page  # an unknown choice: the page's language


def test_notes_only_in_dutch_say_so_to_an_english_reader__issue_14(cast):
    cast.employee.language = "en"
    cast.employee.save(update_fields=["language"])
    release = make_release(notes="## Opgelost\n\n- Btw")
    page = client_for(cast.employee.user).get(f"/updates/{release.pk}/",
                                             HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<li>Btw</li>" in page
    assert 'data-testid="only-language"' in page and 'data-testid="other-language"' not in page
    page = client_for(cast.employee.user).get(f"/updates/{release.pk}/", {"notes": "en"}
                                             ).content.decode()
    assert "<li>Btw</li>" in page  # there is no English version to choose
