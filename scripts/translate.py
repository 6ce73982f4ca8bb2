"""Fill the Dutch catalogue from locale/translations/*.py (each defines a dict ``NL`` of
msgid → Dutch text), then compile both catalogues.

Usage: .venv/bin/python scripts/translate.py  (after `make messages` added new msgids).
Prints every msgid that still has no Dutch text.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
NL: dict[str, str | tuple[str, str]] = {}  # a plural text (ngettext) has (singular, plural)
for source in sorted((ROOT / "locale" / "translations").glob("*.py")):
    NL.update(runpy.run_path(str(source))["NL"])


def main() -> int:
    po = polib.pofile(str(ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    missing = []
    for entry in po:
        dutch = NL.get(entry.msgid)
        if entry.msgid_plural and isinstance(dutch, tuple):
            entry.msgstr_plural = {0: dutch[0], 1: dutch[1]}
        elif not entry.msgid_plural and isinstance(dutch, str):
            entry.msgstr = dutch
        elif not entry.translated():
            missing.append(entry.msgid)
            continue
        else:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.metadata["Language"] = "nl"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    for language in ("nl", "en"):
        path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        catalogue.metadata["Language"] = language
        catalogue.save()
        catalogue.save_as_mofile(str(path.with_suffix(".mo")))
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
