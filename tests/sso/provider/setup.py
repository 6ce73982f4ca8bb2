"""Run in the provider's process before it serves: its database, users and clients from
``PROVIDER_DIR/setup.json`` ({"users": [username, …], "clients": [{client_id, secret,
redirect_uri}, …]}); every user's password is their username."""

import json
import os
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.sso.provider.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

call_command("migrate", verbosity=0, interactive=False)
config = json.loads((Path(os.environ["PROVIDER_DIR"]) / "setup.json").read_text())
for username in config["users"]:
    User.objects.create_user(username=username, password=username)
for client in config["clients"]:
    Application.objects.create(
        name=client["client_id"], client_id=client["client_id"],
        client_secret=client["secret"], client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=client["redirect_uri"], skip_authorization=True,
        algorithm=Application.RS256_ALGORITHM)
