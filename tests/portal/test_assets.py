"""Front-end assets come from package registries as declared dependencies and are served by
us, never from a CDN: Bootstrap from PyPI (django-bootstrap-static), htmx from npm."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.npm
def test_htmx_is_the_version_package_json_pins_and_is_a_static_file():
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["htmx.org"]
    installed = json.loads((ROOT / "node_modules" / "htmx.org" / "package.json").read_text())
    assert installed["version"] == pinned
    assert finders.find("htmx/htmx.min.js")


@pytest.mark.npm
@pytest.mark.django_db
def test_every_page_loads_htmx_from_our_own_static_files(cast):
    from tests.conftest import client_for

    html = client_for(cast.employee.user).get("/").content.decode()
    assert '<script src="/static/htmx/htmx.min.js" defer></script>' in html
    # The CSP forbids inline styles: htmx must be told not to add its indicator styles.
    assert '"includeIndicatorStyles": false' in html


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_host():
    html = Client().get("/accounts/login/").content.decode()
    assert "//cdn" not in html and "https://" not in html.split("<body", 1)[0]
