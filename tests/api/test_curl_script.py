"""The curl session of docs/api-curl.sh (token → create incident → reply → status) runs
against the live server as the documentation says (R-API-1)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from incidents.models import Incident, Message
from tests.api.factories import make_token

SCRIPT = Path(settings.BASE_DIR) / "docs" / "api-curl.sh"


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.django_db(transaction=True)
def test_the_documented_curl_session_works__R_API_1(live_server, cast):
    token = make_token(cast.submitter).plaintext
    run = subprocess.run(
        ["sh", str(SCRIPT)], capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "KP_TOKEN": token, "KP_URL": live_server.url})
    assert run.returncode == 0, run.stdout + run.stderr
    incident = Incident.objects.get()
    assert f"Incident {incident.number} submitted" in run.stdout
    assert f"Incident {incident.number}: submitted" in run.stdout
    assert Message.objects.get(incident=incident).body == "Het gebeurt ook in de testomgeving."


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.django_db(transaction=True)
def test_the_script_stops_on_a_bad_token__R_API_1(live_server):
    run = subprocess.run(
        ["sh", str(SCRIPT)], capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "KP_TOKEN": "kp_forged", "KP_URL": live_server.url})
    assert run.returncode != 0
    assert "problems/not-authenticated" in run.stdout + run.stderr
