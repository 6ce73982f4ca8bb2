"""Releases: versions sort as numbers, notes are sanitized Markdown, files live in the
private folder (R-UPD-1)."""

from __future__ import annotations

import pytest

from tests.conftest import client_for
from tests.updates.factories import make_release, make_release_file
from updates.models import Release, version_key
from updates import notes as notes_module
from updates.notes import notes_summary, render_notes


def test_versions_sort_as_numbers():
    versions = ["6.10", "6.3.1.1", "6.3", "6.3.10", "6.3.2", "10.0"]
    assert sorted(versions, key=version_key) == [
        "6.3", "6.3.1.1", "6.3.2", "6.3.10", "6.10", "10.0"]
    assert version_key("6.4") == version_key("6.4.0.0")


@pytest.mark.django_db
def test_the_sort_key_follows_the_version():
    release = make_release("6.3.2")
    release.version = "6.3.10"
    release.save(update_fields=["version"])
    assert Release.objects.get(pk=release.pk).version_key == version_key("6.3.10")


@pytest.mark.django_db
def test_files_are_stored_in_the_private_folder__R_UPD_1():
    release_file = make_release_file(make_release(), "profit.bin", b"abc")
    assert release_file.file.name.startswith(f"private/updates/{release_file.release_id}/")
    assert release_file.name == "profit.bin"
    assert release_file.sha256 == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")


@pytest.mark.parametrize("dangerous", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    '<a href="https://x.example" style="color:red" onmouseover="x()">x</a>',
    "<iframe src=https://evil.example></iframe>", "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name=p></form>',
])
def test_release_notes_are_sanitized__R_UPD_1(dangerous):
    html = render_notes(f"Tekst\n\n{dangerous}")
    for bad in ("<script", "onerror", "javascript:", "onmouseover", "style=", "<iframe",
                "<style", "<form", "<input", "<img"):
        assert bad not in html


def test_markdown_becomes_html__R_UPD_1():
    html = render_notes("# Kop\n\n- **vet**\n- `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<h3>Kop</h3>" in html and "<strong>vet</strong>" in html
    assert "<code>code</code>" in html and "<table>" in html


def test_the_summary_is_plain_text():
    assert notes_summary("# Kop\n\n**Vet** & <b>x</b>\n\n## Opgelost\n\n- Iets") == "Vet & x · Iets"


def test_the_summary_keeps_list_items_apart__R_UPD_2():
    notes = "Opgelost:\n\n- CRM: de btw-aangifte klopt\n- Workflow: taken blijven staan\n\nKlaar."
    assert notes_summary(notes) == ("Opgelost: CRM: de btw-aangifte klopt · Workflow: taken "
                                    "blijven staan · Klaar.")


@pytest.mark.django_db
def test_notes_are_rendered_when_saved_and_never_by_a_page__R_UPD_1(cast, monkeypatch):
    """Issue 15: Markdown and sanitizing were half of /updates/; a release stores its rendered
    notes and summaries when saved, the pages read them, and a changed text renders anew."""
    calls = []
    real = notes_module.markdown.markdown

    def counting(text, **kwargs):
        calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(notes_module.markdown, "markdown", counting)
    release = make_release(notes="## Opgelost\n\n- De btw-aangifte <script>x</script> klopt",
                           notes_en="## Fixed\n\n- The VAT return is right")
    assert len(calls) == 4  # HTML and summary, in both languages
    stored = Release.objects.get(pk=release.pk)
    assert "<h4>Opgelost</h4>" in stored.notes_html and "<script>" not in stored.notes_html
    assert stored.summary == "De btw-aangifte klopt"
    assert stored.summary_en == "The VAT return is right"

    calls.clear()
    client = client_for(cast.employee.user)
    assert "De btw-aangifte klopt" in client.get("/updates/").content.decode()
    assert "<h4>Opgelost</h4>" in client.get(f"/updates/{release.pk}/").content.decode()
    assert calls == []

    stored.notes = "Nieuw: **vet**"
    stored.save(update_fields=["notes"])
    stored = Release.objects.get(pk=release.pk)
    assert stored.notes_html == "<p>Nieuw: <strong>vet</strong></p>"
    assert stored.summary == "Nieuw: vet"
    assert stored.summary_en == "The VAT return is right"


@pytest.mark.django_db
def test_the_migration_renders_the_stored_releases__R_UPD_1():
    """Issue 15: releases saved before the rendered fields existed get them from 0004."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("updates.migrations.0004_release_rendered_notes")
    release = make_release(notes="# Kop\n\nTekst *schuin*")
    Release.objects.filter(pk=release.pk).update(notes_html="", summary="")
    migration.render_stored_notes(apps, None)
    stored = Release.objects.get(pk=release.pk)
    assert stored.notes_html == "<h3>Kop</h3>\n<p>Tekst <em>schuin</em></p>"
    assert stored.summary == "Tekst schuin"
