"""Claims from a JSON file the test writes (``PROVIDER_DIR/claims.json``), per username:
standard claims as they are, and ``_aud`` / ``_exp`` (seconds from now) to make the id token
of a misbehaving provider: another client's audience, already expired."""

import json
import os
import time
from pathlib import Path

from oauth2_provider.oauth2_validators import OAuth2Validator


def _claims(username: str) -> dict:
    path = Path(os.environ["PROVIDER_DIR"]) / "claims.json"
    return json.loads(path.read_text()).get(username, {})


class ClaimsValidator(OAuth2Validator):
    def get_additional_claims(self, request):
        return {key: value for key, value in _claims(request.user.username).items()
                if not key.startswith("_")}

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        overrides = _claims(request.user.username)
        if "_aud" in overrides:
            claims["aud"] = overrides["_aud"]
        if "_exp" in overrides:
            claims["exp"] = int(time.time()) + int(overrides["_exp"])
        return claims, expiration_time


# The portal under test answers at http://testserver (Django's test client) or at a live
# server on a port chosen at random: any loopback callback of allauth's OIDC login will do.
_CALLBACK_HOSTS = ("http://testserver/", "http://localhost:", "http://127.0.0.1:")


def _portal_callback(redirect_uri: str) -> bool:
    return redirect_uri.startswith(_CALLBACK_HOSTS) and redirect_uri.endswith("/login/callback/")


class _Loopback:
    def validate_redirect_uri(self, client_id, redirect_uri, request, *args, **kwargs):
        return _portal_callback(redirect_uri)

    def confirm_redirect_uri(self, client_id, code, redirect_uri, client, *args, **kwargs):
        return _portal_callback(redirect_uri) and super().confirm_redirect_uri(
            client_id, code, redirect_uri, client, *args, **kwargs)


ClaimsValidator = type("ClaimsValidator", (_Loopback, ClaimsValidator), {})
