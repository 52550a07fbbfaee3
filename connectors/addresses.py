"""Where a connector may connect: public addresses only, unless the operator allows more.

A user types a host; the server would connect from inside its own network, where the app's own
database, a metadata service or an admin panel listens. So the host is resolved here, every
address it resolves to is checked, and the connector then connects to the checked address (no
second lookup that could answer differently). Loopback, private, shared, link-local, multicast,
unspecified and reserved addresses — written any way (``127.1``, ``2130706433``, ``0x7f000001``,
``0177.0.0.1``, ``[::ffff:127.0.0.1]``) — and unix sockets are refused, unless listed in
``KPI_CONNECT_ALLOW`` (``config.connect_allow``): hosts, socket paths or CIDR ranges.
"""

from __future__ import annotations

import ipaddress
import socket

import config
from kpi_core.ingest.errors import IngestError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_internal(address: Address) -> bool:
    """True for every address that is not a public unicast one (an IPv4-mapped IPv6 address is
    judged by the IPv4 address it carries)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast or address.is_reserved or address.is_unspecified


def _allowed(host: str, address: Address | None) -> bool:
    names, networks = config.connect_allow()
    if host.lower().rstrip(".") in names:
        return True
    if address is None:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in networks)


def check_socket(path: str) -> None:
    """A unix socket may be used only when the operator allows its path."""
    if not _allowed(path, None):
        raise IngestError("connect.internal_host", host=path)


def checked_address(host: str, port: int) -> str:
    """The address to connect to for ``host``: every address it resolves to must be public (or
    allowed); IngestError with one sentence otherwise, or when it does not resolve."""
    name = (host or "").strip().strip("[]")
    if not name:
        raise IngestError("connect.no_host")
    if name.startswith("/"):
        check_socket(name)
        return name
    try:
        found = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError, OSError):
        raise IngestError("connect.unknown_host", host=name[:100]) from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    if not addresses:
        raise IngestError("connect.unknown_host", host=name[:100])
    for address in addresses:
        if is_internal(address) and not _allowed(name, address):
            raise IngestError("connect.internal_host", host=name[:100])
    return str(addresses[0])
