"""The demo staff have an authenticator app with the published demo secret, so `make run`
still lets a developer into the admin (R-X-7): seed_demo prints it and README documents it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.core.management import call_command
from django.test import Client

from accounts.mfa import current_totp_code
from contacts.demo import DEMO_TOTP_SECRET

pytestmark = pytest.mark.django_db

STAFF = ["support@portal.example", "care@portal.example", "partners@portal.example"]
README = Path(__file__).resolve().parents[2] / "README.md"


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", allow_without_debug=True, stdout=out)
    return out.getvalue()


def test_the_demo_staff_have_the_published_secret_and_it_is_printed__R_X_7():
    output = seed()
    seed()  # idempotent: still one app each
    for email in STAFF:
        authenticator = Authenticator.objects.get(user__email=email,
                                                  type=Authenticator.Type.TOTP)
        assert decrypt(authenticator.data["secret"]) == DEMO_TOTP_SECRET
    assert not Authenticator.objects.filter(user__is_staff=False).exists()
    assert DEMO_TOTP_SECRET in output and "TOTP" in output
    assert DEMO_TOTP_SECRET in README.read_text(encoding="utf-8")


def test_a_demo_staff_member_logs_in_with_the_printed_code__R_X_7():
    seed()
    client = Client()
    response = client.post("/accounts/login/", {"login": "care@portal.example",
                                                "password": "Demo-portal-2026"})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    client.post(response["Location"], {"code": current_totp_code(DEMO_TOTP_SECRET)})
    assert client.get("/admin/").status_code == 200
