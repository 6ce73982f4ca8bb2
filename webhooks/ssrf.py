"""The SSRF guard of webhooks (R-HOOK-1): in production an endpoint is an ``https`` address
whose host resolves only to public addresses. It is checked twice:

- at registration (``check_url``): every address the name resolves to must be public;
- at delivery, on the connection itself (``GuardedSession``): after the TCP connect and
  before a byte is sent, the address actually connected to must be public. A name that
  resolved to a public address at registration and to 127.0.0.1 now (DNS rebinding) is
  refused there, whatever the resolver said in between.

``WEBHOOKS_ALLOW_PRIVATE_TARGETS`` (False by default, never in production) allows private
and loopback targets and plain ``http``: the tests' receiver listens on loopback."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class TargetRefused(ValueError):
    """The address may not receive webhooks; ``str()`` says why (in English, for logs)."""


class NameNotResolved(TargetRefused):
    """The host name does not resolve (now)."""


def private_targets_allowed() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_TARGETS", False))


def is_public(address: str) -> bool:
    """Is this IP address one the internet routes to (not private, loopback, link-local,
    multicast, reserved or unspecified)? An IPv4 address mapped into IPv6 counts as itself."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (the tests replace this for made-up names)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise NameNotResolved(f"{host} does not resolve") from error
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str) -> None:
    """Refuse an address that may not receive webhooks (``TargetRefused``)."""
    parts = urlsplit(url)
    allowed = private_targets_allowed()
    schemes = {"https", "http"} if allowed else {"https"}
    if parts.scheme not in schemes:
        raise TargetRefused("only https addresses")
    if not parts.hostname:
        raise TargetRefused("no host")
    if parts.username or parts.password:
        raise TargetRefused("no user name or password in the address")
    if allowed:
        return
    try:
        port = parts.port or 443
    except ValueError as error:
        raise TargetRefused("bad port") from error
    addresses = resolve(parts.hostname, port)
    if not addresses:
        raise NameNotResolved(f"{parts.hostname} does not resolve")
    for address in addresses:
        if not is_public(address):
            raise TargetRefused(f"{parts.hostname} resolves to a non-public address")


def _check_peer(sock: socket.socket) -> None:
    if private_targets_allowed():
        return
    address = sock.getpeername()[0]
    if not is_public(address):
        sock.close()
        raise TargetRefused(f"connected to a non-public address {address}")


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _check_peer(sock)
        return sock


class _GuardedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _check_peer(sock)  # before the TLS handshake: nothing is sent to a refused address
        return sock


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool,
                                                   "https": _GuardedHTTPSPool}


def guarded_session() -> requests.Session:
    """A ``requests`` session that connects only to public addresses (unless allowed), uses
    no proxy from the environment (the check would see the proxy) and keeps no cookies."""
    session = requests.Session()
    session.trust_env = False
    adapter = _GuardedAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
