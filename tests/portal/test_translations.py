"""Every text is translatable and translated (R-X-1): `make messages` finds nothing new and
the Dutch catalogue has no missing or fuzzy entries."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_dutch_entry_is_translated_and_not_fuzzy():
    po = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


def test_placeholders_survive_translation():
    for entry in polib.pofile(str(CATALOGUE)).translated_entries():
        for placeholder in ("%(name)s", "%(organisation)s", "%(what)s"):
            assert (placeholder in entry.msgid) == (placeholder in entry.msgstr), entry.msgid


def test_the_compiled_catalogue_is_up_to_date():
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = {entry.msgid: entry.msgstr for entry in polib.pofile(str(CATALOGUE))
              if entry.translated()}
    assert {entry.msgid: entry.msgstr for entry in compiled if entry.msgid} == source


@pytest.mark.gettext
def test_makemessages_finds_no_new_text(tmp_path):
    """Run makemessages on a copy of the project and compare the msgids with ours."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", "node_modules", "staticfiles", "var", "__pycache__", "*.sqlite3",
        "test-results"))
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "nl", "--no-obsolete",
         "--ignore", "tests/*", "--ignore", "scripts/*", "--ignore", "locale/*",
         "--ignore", "staticfiles/*"],
        cwd=copy, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    fresh = {entry.msgid for entry in polib.pofile(str(copy / CATALOGUE.relative_to(ROOT)))}
    ours = {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
    assert fresh - ours == set(), "run `make messages` and translate the new texts"
    assert ours - fresh == set(), "run `make messages` to drop texts that are gone"
