"""Demo releases (seed_demo, SPEC §11): a year of builds, updates and patches with notes and
files, one draft, and running it again changes nothing (R-UPD-1)."""

from __future__ import annotations

import datetime as dt

import pytest

from contacts import demo as contacts_demo
from updates import demo
from updates.models import Kind, Release, ReleaseFile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_staff():
    contacts_demo.seed()  # the demo's Customer Care member stores the files


def _state():
    return (sorted(Release.objects.values_list("version", "kind", "is_published",
                                               "is_important", "notes")),
            sorted(ReleaseFile.objects.values_list("release__version", "file", "sha256")))


def test_a_year_of_releases_of_each_kind_with_files():
    demo.seed()
    published = Release.objects.filter(is_published=True)
    for kind in Kind:
        assert published.filter(kind=kind).count() >= 2
    days = published.values_list("released_on", flat=True)
    assert max(days) - min(days) >= dt.timedelta(days=330)
    assert not Release.objects.filter(files__isnull=True).exists()
    assert Release.objects.filter(is_published=False).count() == 1
    assert published.filter(is_important=True).exists()
    for release_file in ReleaseFile.objects.all()[:5]:
        with release_file.file.open("rb") as stored:
            assert len(stored.read()) == release_file.size > 0


def test_it_is_idempotent():
    demo.seed()
    before = _state()
    demo.seed()
    assert _state() == before
