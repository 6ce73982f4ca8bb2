"""Every text is translatable and translated (R-X-1). The .po catalogues are the only source of
the translations (README, Translations): the Dutch one has no missing or fuzzy entries, the
committed .mo files say what the .po files say, and `make messages` finds nothing new."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("nl", "en")
PLACEHOLDER = re.compile(r"%\(\w+\)\w")


def catalogue(language: str, root: Path = ROOT) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


CATALOGUE = catalogue("nl")


def messages(entries) -> dict:
    """What a compiled catalogue answers: (context, msgid) → text, or the plural forms."""
    return {
        (entry.msgctxt, entry.msgid): (
            tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
        )
        for entry in entries if entry.msgid
    }


def differences(ours: dict, theirs: dict) -> list:
    """The msgids on which two catalogues disagree (a readable failure, not two full dicts)."""
    return sorted(key[1] for key in ours.keys() | theirs.keys()
                  if ours.get(key) != theirs.get(key))


def msgids(path: Path) -> set[tuple[str | None, str, str]]:
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in polib.pofile(str(path))}


def make_arguments(variable: str) -> list[str]:
    """The arguments `make messages` passes, read from the Makefile so both run the same."""
    makefile = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    match = re.search(rf"^{variable} :=(.*)$", makefile, re.MULTILINE)
    assert match, f"{variable} is not set in the Makefile"
    return shlex.split(match.group(1))


def test_every_dutch_entry_is_translated_and_not_fuzzy():
    po = polib.pofile(str(CATALOGUE))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


def test_placeholders_survive_translation():
    for entry in polib.pofile(str(CATALOGUE)).translated_entries():
        for placeholder in ("%(name)s", "%(organisation)s", "%(what)s"):
            assert (placeholder in entry.msgid) == (placeholder in entry.msgstr), entry.msgid
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural[0]),
                     (entry.msgid_plural, entry.msgstr_plural[1])]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), source


def test_the_english_catalogue_holds_only_wording_that_differs():
    """English is the language of the code: a msgstr equal to its msgid is noise, and a fuzzy
    one is an English wording that silently stopped applying when its text changed."""
    po = polib.pofile(str(catalogue("en")))
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po if entry.msgstr and entry.msgstr == entry.msgid] == []


def test_english_pages_show_the_text_of_the_code_where_the_catalogue_is_empty():
    """An empty English msgstr falls back to the msgid, not to the Dutch default language."""
    with translation.override("en"):
        for entry in polib.pofile(str(catalogue("en"))):
            if entry.msgid_plural:
                for count, form, source in ((1, 0, entry.msgid), (2, 1, entry.msgid_plural)):
                    shown = translation.npgettext(
                        entry.msgctxt, entry.msgid, entry.msgid_plural, count,
                    ) if entry.msgctxt else translation.ngettext(
                        entry.msgid, entry.msgid_plural, count)
                    expected = entry.msgstr_plural[form] if entry.translated() else source
                    assert shown == expected, source
            else:
                shown = (translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt
                         else translation.gettext(entry.msgid))
                assert shown == (entry.msgstr if entry.translated() else entry.msgid), entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_up_to_date(language):
    source = polib.pofile(str(catalogue(language)))
    compiled = polib.mofile(str(catalogue(language).with_suffix(".mo")))
    assert differences(messages(compiled), messages(source.translated_entries())) == []
    # msgfmt leaves out the creation date of the template; the plural rule must be there.
    assert ({key: value for key, value in compiled.metadata.items() if key != "POT-Creation-Date"}
            == {key: value for key, value in source.metadata.items() if key != "POT-Creation-Date"})


@pytest.mark.gettext
def test_make_messages_finds_no_new_text(tmp_path):
    """Run the steps of `make messages` on a copy of the project: makemessages adds and drops
    no msgid, and compilemessages turns the .po files into the .mo files we have."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", ".git", "node_modules", "staticfiles", "var", "__pycache__", "*.sqlite3",
        "test-results"))
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", *make_arguments("MAKEMESSAGES_ARGS")],
        cwd=copy, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        fresh, ours = msgids(catalogue(language, copy)), msgids(catalogue(language))
        assert fresh - ours == set(), "run `make messages` and translate the new texts"
        assert ours - fresh == set(), "run `make messages` to drop texts that are gone"

    for language in LANGUAGES:
        catalogue(language, copy).with_suffix(".mo").unlink()
    result = subprocess.run(
        [sys.executable, "manage.py", "compilemessages", *make_arguments("COMPILEMESSAGES_ARGS")],
        cwd=copy, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for language in LANGUAGES:
        fresh = polib.mofile(str(catalogue(language, copy).with_suffix(".mo")))
        ours = polib.mofile(str(catalogue(language).with_suffix(".mo")))
        assert differences(messages(fresh), messages(ours)) == [], "run `make messages`"
