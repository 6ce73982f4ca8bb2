"""Demo releases (part of ``seed_demo``): a year of builds, updates and patches of Profit
6.3 and 6.4 with Dutch release notes and small generated files, plus one unpublished build
for staff to publish in the admin. No emails are sent: the published ones count as
published on their release date. Safe to run again: releases are keyed by version and a
file is stored again only when its bytes differ."""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from accounts.models import User
from contacts.demo import staff_of

from .actions import store_release_file
from .models import Kind, Release, ReleaseFile

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

BUILDS = [("6.3", dt.date(2025, 12, 1)), ("6.4", dt.date(2026, 6, 1))]
UPDATES = [
    ("6.3.1", dt.date(2026, 1, 5)), ("6.3.2", dt.date(2026, 2, 2)),
    ("6.3.3", dt.date(2026, 3, 2)), ("6.3.4", dt.date(2026, 4, 6)),
    ("6.3.5", dt.date(2026, 5, 4)), ("6.4.1", dt.date(2026, 7, 6)),
    ("6.4.2", dt.date(2026, 8, 3)), ("6.4.3", dt.date(2026, 9, 7)),
    ("6.4.4", dt.date(2026, 10, 5)), ("6.4.5", dt.date(2026, 11, 2)),
]
DRAFT = ("6.5", dt.date(2026, 12, 7))
IMPORTANT = {"6.4", "6.4.2.1"}

AREAS = ["Financieel", "HRM/Payroll", "CRM", "Projecten", "Ordermanagement", "Workflow"]
FIXES = [
    "de btw-aangifte toont weer het juiste tijdvak",
    "het exporteren van de loonjournaalpost naar Excel duurt niet meer minuten",
    "een verkooprelatie zonder e-mailadres kan weer worden opgeslagen",
    "de urenstaat rekent pauzes over middernacht goed mee",
    "de pakbon neemt de afleveradresregel 2 weer over",
    "een workflowtaak verdwijnt niet meer na het wijzigen van de behandelaar",
    "het bankafschrift in CAMT.053 met een lege omschrijving wordt ingelezen",
    "de jaaropgaaf toont het fiscaal loon van een uit dienst getreden medewerker",
]


def _notes(version: str, kind: Kind, index: int) -> str:
    area, other = AREAS[index % len(AREAS)], AREAS[(index + 2) % len(AREAS)]
    fix, fix2 = FIXES[index % len(FIXES)], FIXES[(index + 3) % len(FIXES)]
    if kind == Kind.BUILD:
        return (f"# Profit {version}\n\nDe nieuwe build van Profit met vernieuwingen in alle "
                f"modules.\n\n## Nieuw\n\n- **{area}**: een overzicht van openstaande posten "
                f"per kostenplaats\n- **{other}**: goedkeuren vanuit de app\n- Nieuwe "
                f"GetConnectors voor koppelingen\n\n## Let op\n\nLees eerst de "
                f"[installatiehandleiding](https://help.afas.nl/) voordat je bijwerkt; "
                f"de database wordt omgezet.\n")
    if kind == Kind.UPDATE:
        return (f"# Update {version}\n\n## Verbeteringen\n\n- **{area}**: {fix}\n"
                f"- **{other}**: {fix2}\n\n## Nieuw\n\n- Zoeken op postcode in "
                f"{area.lower()}\n")
    security = version in IMPORTANT
    return (f"# Patch {version}\n\n"
            + ("**Beveiligingsupdate**: installeer deze patch zo snel mogelijk.\n\n"
               if security else "")
            + f"## Opgelost\n\n- **{area}**: {fix}\n")


def _notes_en(version: str, kind: Kind) -> str:
    """The builds have English notes too (issue 14); updates and patches are Dutch only."""
    if kind != Kind.BUILD:
        return ""
    return (f"# Profit {version}\n\nThe new build of Profit, with improvements in every "
            f"module.\n\n## New\n\n- An overview of open items per cost centre\n"
            f"- Approving from the app\n- New GetConnectors for integrations\n\n## Note\n\n"
            f"Read the [installation guide](https://help.afas.nl/) before you upgrade; the "
            f"database is converted.\n")


def _content(version: str, name: str) -> bytes:
    """A few kilobytes of bytes that are the same every run (a file per version and name)."""
    seed = f"{version}/{name}".encode()
    size = 2048 + int(hashlib.sha256(seed).hexdigest()[:4], 16) % 30_000
    return b"KLANTPORTAL-DEMO\n" + hashlib.shake_256(seed).digest(size)


def _files(version: str, kind: Kind) -> list[str]:
    if kind == Kind.BUILD:
        return [f"profit-{version}-server.bin", f"profit-{version}-client.bin"]
    return [f"profit-{version}-{kind}.bin"]


def releases() -> list[tuple[str, Kind, dt.date]]:
    """Every demo release: the builds, the monthly updates, and two patches a week and two
    weeks after each build and update."""
    rows = [(version, Kind.BUILD, day) for version, day in BUILDS]
    rows += [(version, Kind.UPDATE, day) for version, day in UPDATES]
    for version, day in BUILDS + UPDATES:
        base = version if version.count(".") == 2 else f"{version}.0"
        rows += [(f"{base}.{number}", Kind.PATCH, day + dt.timedelta(weeks=number))
                 for number in (1, 2)]
    return sorted(rows, key=lambda row: row[2])


def _seed_files(release: Release, care: User) -> None:
    wanted = {name: _content(release.version, name)
              for name in _files(release.version, Kind(release.kind))}
    for release_file in release.files.all():
        content = wanted.get(release_file.name)
        if content is not None and release_file.sha256 == hashlib.sha256(content).hexdigest():
            del wanted[release_file.name]
            continue
        release_file.file.delete(save=False)
        release_file.delete()
    for name, content in wanted.items():
        release_file = ReleaseFile(release=release)
        release_file.file.save(name, ContentFile(content), save=False)
        store_release_file(release_file=release_file, actor=care)


def _release(version: str, kind: Kind, day: dt.date, index: int, published: bool,
             care: User) -> Release:
    release, _created = Release.objects.update_or_create(version=version, defaults={
        "kind": kind, "released_on": day, "notes": _notes(version, kind, index),
        "notes_en": _notes_en(version, kind),
        "is_important": version in IMPORTANT, "is_published": published,
        "published_at": (dt.datetime.combine(day, dt.time(9, 0), tzinfo=AMSTERDAM)
                         if published else None),
    })
    _seed_files(release, care)
    return release


def seed() -> None:
    """Create or reset the demo releases and their files (stored by the demo's Customer Care
    member); safe to run again."""
    care = staff_of("Customer Care")
    for index, (version, kind, day) in enumerate(releases()):
        _release(version, kind, day, index, published=True, care=care)
    version, day = DRAFT
    _release(version, Kind.BUILD, day, 0, published=False, care=care)
