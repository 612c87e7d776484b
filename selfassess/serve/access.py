"""Who may use a served app: the addresses it answers to, and the per-run token.

A browser runs pages from every site the user visits on the same computer as the server. Without
these checks any of them could open the app on 127.0.0.1 and drive it (rate, save, read the
assessment back): directly, with a WebSocket (browsers let any page open one to any address,
sending an ``Origin`` header saying which site asked), or by "DNS rebinding" (a site's own name
made to point at 127.0.0.1, so the browser treats the app as part of that site; the ``Host``
header still says the site's name). So a request is answered only when

- its ``Host`` is an address this server is listening on (for loopback: 127.0.0.1, localhost
  and [::1] are the same place), on its port;
- its ``Origin``, when the browser sends one, is such an address too;
- it carries this run's token, from the printed address (``?token=``) or from the cookie the
  page sets on the first visit (as Jupyter does).
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"", "0.0.0.0", "::"})


def new_token() -> str:
    """A secret for one run of the server: 256 random bits, safe in a URL."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) means this computer only."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normal_address(address: str) -> str:
    """An IP address as a browser writes it in ``Host`` (IPv4 mapped into IPv6 unwrapped)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address.lower()
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ip)


def split_host(value: str, default_port: int = 80) -> tuple[str, int] | None:
    """``host[:port]`` (as in a ``Host`` header) as ``(name, port)``; None if malformed."""
    try:
        parts = urlsplit(f"//{value}")
        name, port = parts.hostname, parts.port
    except ValueError:
        return None
    extra = parts.username or parts.password or parts.path or parts.query or parts.fragment
    if not name or extra:
        return None
    return name.lower(), default_port if port is None else port


@dataclass(frozen=True)
class Access:
    """The rules for one server: the host it listens on, its port, and this run's token."""

    host: str
    port: int
    token: str = field(default_factory=new_token, repr=False)
    machine_names: frozenset[str] = frozenset()
    """This computer's own names, accepted when listening on every address (``--host 0.0.0.0``)."""

    @classmethod
    def for_server(cls, host: str, port: int, token: str | None = None) -> Access:
        """The rules for a server listening on ``host``:``port``."""
        names: frozenset[str] = frozenset()
        if host in WILDCARDS:
            names = frozenset(
                name.lower() for name in (socket.gethostname(), socket.getfqdn()) if name
            )
        return cls(host, port, token or new_token(), names)

    def names(self, local_address: str | None) -> frozenset[str]:
        """Host names that reach this server, for a connection that arrived at ``local_address``.

        The local address is the one the browser connected to, so it is always right; with
        ``--host 0.0.0.0`` it is how a colleague's browser names this computer by number.
        """
        found: set[str] = set()
        if self.host not in WILDCARDS:
            found.add(normal_address(self.host.strip("[]")))
        else:
            found |= self.machine_names
        if local_address:
            found.add(normal_address(local_address))
        if any(is_loopback(name) for name in found):
            found |= LOOPBACK_NAMES
        return frozenset(found)

    def host_allowed(self, host_header: str | None, local_address: str | None) -> bool:
        """Whether a request's ``Host`` header names this server (refuses DNS rebinding)."""
        if not host_header:
            return False
        parsed = split_host(host_header)
        if parsed is None:
            return False
        name, port = parsed
        return port == self.port and normal_address(name) in self.names(local_address)

    def origin_allowed(self, origin: str | None, local_address: str | None) -> bool:
        """Whether a request's ``Origin`` (sent by browsers for WebSockets) is this server.

        No ``Origin`` at all is allowed: browsers always send one when another page makes the
        request, so its absence means the user's own navigation or a program that holds the token.
        """
        if origin is None:
            return True
        try:
            parts = urlsplit(origin)
            port = parts.port
        except ValueError:
            return False
        if parts.scheme != "http" or not parts.hostname:
            return False
        return (port or 80) == self.port and normal_address(parts.hostname) in self.names(
            local_address
        )

    def token_allowed(self, candidates: Iterable[str | None]) -> bool:
        """Whether any of ``candidates`` (from the address or the cookie) is this run's token."""
        expected = self.token.encode()
        return any(
            candidate is not None
            and secrets.compare_digest(candidate.encode(errors="replace"), expected)
            for candidate in candidates
        )

    @property
    def cookie_name(self) -> str:
        """The cookie holding the token; one per port, as browsers share cookies across ports."""
        return f"selfassess-token-{self.port}"
