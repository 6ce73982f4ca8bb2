"""The SSRF guard (R-HOOK-1): no private-network, loopback, link-local or reserved target and
no plain http in production, at registration and on the actual connection (DNS
rebinding); ``WEBHOOKS_ALLOW_PRIVATE_TARGETS`` allows them for the tests' receiver."""

from __future__ import annotations

import socket

import pytest
import requests

from webhooks import ssrf
from webhooks.ssrf import TargetRefused, check_url, guarded_session, is_public

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False


@pytest.mark.parametrize("url", [
    "https://10.0.0.1/hook", "https://127.0.0.1/hook", "https://[::1]/hook",
    "https://169.254.169.254/latest/meta-data/", "https://192.168.1.10/hook",
    "https://172.16.0.5/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook",
    "https://224.0.0.1/hook", "https://240.0.0.1/hook", "https://[fe80::1]/hook",
    "https://[fc00::1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://localhost/hook",
    "https://2130706433/hook",  # 127.0.0.1 written as one number
])
def test_private_and_loopback_targets_are_refused__R_HOOK_1(production, url):
    with pytest.raises(TargetRefused):
        check_url(url)


def test_a_name_resolving_to_loopback_is_refused__R_HOOK_1(production, monkeypatch):
    monkeypatch.setattr(ssrf, "resolve", lambda host, port: (
        ["93.184.215.14", "127.0.0.1"] if host == "sneaky.example.com" else ["93.184.215.14"]))
    with pytest.raises(TargetRefused):
        check_url("https://sneaky.example.com/hook")
    check_url("https://hooks.example.com/hook")


def test_plain_http_and_credentials_are_refused_in_production__R_HOOK_1(production):
    with pytest.raises(TargetRefused):
        check_url("http://93.184.215.14/hook")
    with pytest.raises(TargetRefused):
        check_url("https://user:pw@93.184.215.14/hook")
    with pytest.raises(TargetRefused):
        check_url("ftp://93.184.215.14/hook")
    check_url("https://93.184.215.14/hook")


def test_the_setting_allows_the_loopback_receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    check_url("http://127.0.0.1:8080/hook")


def test_production_settings_refuse_private_targets__R_HOOK_1():
    source = (ssrf.__file__.rsplit("/", 2)[0] + "/portal/settings/production.py")
    assert "WEBHOOKS_ALLOW_PRIVATE_TARGETS = False" in open(source).read()


def test_public_addresses_pass():
    assert is_public("93.184.215.14") and is_public("2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    assert not is_public("::ffff:10.0.0.1")


def test_the_connection_itself_is_checked_against_dns_rebinding__R_HOOK_1(production,
                                                                          receiver):
    """The name passed the check, then resolves to loopback when connecting: the address
    actually connected to is refused before a byte is sent."""
    with guarded_session() as session, pytest.raises((TargetRefused, requests.RequestException)):
        session.post(receiver.url, data=b"{}", timeout=2)
    assert receiver.requests == []


def test_a_delivery_to_a_rebound_name_is_refused_and_recorded__R_HOOK_1(
        production, cast, receiver, monkeypatch):
    from webhooks import delivery as sending
    from webhooks.events import emit
    from webhooks.models import Delivery, DeliveryStatus, EventType
    from tests.webhooks.factories import make_endpoint

    port = receiver.url.split(":")[2].split("/")[0]
    endpoint = make_endpoint(cast.organisation, f"https://rebind.example.com:{port}/hooks")
    # The check sees a public address; the connection goes to loopback.
    monkeypatch.setattr(ssrf, "resolve", lambda host, port: ["93.184.215.14"])
    original = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *args, **kwargs: original(
        "127.0.0.1" if host == "rebind.example.com" else host, *args, **kwargs))
    event = emit(cast.organisation, EventType.CONTACT_CHANGED, {"change": "x"})
    delivery = Delivery.objects.get(event=event, endpoint=endpoint)
    assert sending.deliver(delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert "non-public" in delivery.last_error and receiver.requests == []
