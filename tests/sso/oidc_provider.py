"""A real OpenID provider for the SSO tests (R-SSO-1): django-oauth-toolkit with OIDC in a
second Django process (``tests/sso/provider/``), on a free loopback port, with an RSA key
made here. The portal under test does discovery, the token exchange and userinfo against it
over HTTP, as against a customer's identity provider; the person's side (logging in at the
provider, being sent back) is driven with ``requests`` or a browser."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Client:
    client_id: str
    secret: str


@dataclass
class OIDCProvider:
    base: str
    issuer: str
    directory: Path
    claims: dict[str, dict]

    def set_claims(self, username: str, **claims: object) -> None:
        """What the provider says about ``username`` from now on (``_aud``/``_exp``: a bad
        id token)."""
        self.claims[username] = claims
        (self.directory / "claims.json").write_text(json.dumps(self.claims))

    def authorize(self, authorize_url: str, username: str) -> str:
        """The person logs in at the provider and is sent back: the portal callback URL
        (with code and state) the provider redirects the browser to."""
        session = requests.Session()
        login = urljoin(self.base, "/login/")
        page = session.get(login, params={"next": authorize_url.removeprefix(self.base)},
                           timeout=10)
        page.raise_for_status()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        answer = session.post(login, data={
            "username": username, "password": username, "csrfmiddlewaretoken": token,
            "next": authorize_url.removeprefix(self.base)},
            headers={"Referer": login}, allow_redirects=False, timeout=10)
        assert answer.status_code == 302, answer.text
        back = session.get(urljoin(self.base, answer.headers["Location"]),
                           allow_redirects=False, timeout=10)
        assert back.status_code == 302, back.text
        return back.headers["Location"]


@contextmanager
def oidc_provider(*, users: list[str], clients: list[Client]) -> Iterator[OIDCProvider]:
    with tempfile.TemporaryDirectory(prefix="oidc-provider-") as directory_name:
        directory = Path(directory_name)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        (directory / "key.pem").write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        (directory / "setup.json").write_text(json.dumps({
            "users": users,
            "clients": [{"client_id": client.client_id, "secret": client.secret,
                         "redirect_uri": "http://testserver/callback/"} for client in clients]}))
        (directory / "claims.json").write_text("{}")
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PROVIDER_DIR": directory_name, "PROVIDER_ISSUER": f"{base}/o",
               "DJANGO_SETTINGS_MODULE": "tests.sso.provider.settings",
               "PYTHONPATH": str(ROOT)}
        for name in ("DATABASE_URL", "CELERY_BROKER_URL"):
            env.pop(name, None)
        subprocess.run([sys.executable, "-m", "tests.sso.provider.setup"], cwd=ROOT, env=env,
                       check=True, capture_output=True, timeout=120)
        log = open(directory / "server.log", "w")  # noqa: SIM115 (closed below)
        process = subprocess.Popen(
            [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload",
             "--skip-checks"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("The OIDC provider did not start:\n"
                                           + (directory / "server.log").read_text()) from None
                    time.sleep(0.1)
            yield OIDCProvider(base=base, issuer=f"{base}/o", directory=directory, claims={})
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()
