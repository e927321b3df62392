"""Which address a request comes from, when it may have come through the school's proxy.

Behind JupyterHub's proxy (configurable-http-proxy) every phone reaches the kit from the proxy's address,
so per-address limits would treat a whole school as one phone. The proxy appends the address it saw to
``X-Forwarded-For``. That header is only believed from a **trusted proxy** (loopback, and the networks an
administrator names in ``DEBATE_KIT_TRUSTED_PROXIES``), and then read from the right: entries added by
trusted proxies are skipped, and the first other entry is the client as the outermost trusted proxy saw
it. Everything left of it was written by the client and is never believed. Pure: no request objects.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

from debate_kit.core.errors import InvalidInput

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
#: Trusted without configuration: a proxy on this machine (a hub's proxy beside the service).
LOOPBACK: tuple[Network, ...] = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))
#: The most entries of ``X-Forwarded-For`` read (a longer header is a client's invention).
MAX_HOPS = 20


def parse_networks(text: str) -> tuple[Network, ...]:
    """``"10.0.0.0/8, 192.168.4.7"`` -> networks; a wrong entry says which and what to write."""
    found: list[Network] = []
    for item in text.replace(";", ",").replace(" ", ",").split(","):
        if not item:
            continue
        try:
            found.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise InvalidInput("trusted-proxies", f"DEBATE_KIT_TRUSTED_PROXIES: {item!r} is not an address "
                               "or a network; write addresses or networks such as 10.0.0.0/8, "
                               "separated by commas.") from None
    return tuple(found)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.5:51000
        text = text.split(":", 1)[0]
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(ip, "ipv4_mapped", None)
    return mapped if mapped is not None else ip


def _trusted(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, networks: Iterable[Network]) -> bool:
    return any(ip.version == net.version and ip in net for net in networks)


def client_address(peer: str, forwarded_for: str | None, trusted: Sequence[Network] = LOOPBACK) -> str:
    """The address to limit: ``peer`` itself, unless ``peer`` is a trusted proxy that said whom it served."""
    peer_ip = _ip(peer)
    if peer_ip is None or not forwarded_for or not _trusted(peer_ip, trusted):
        return peer
    for hop in reversed(forwarded_for.split(",")[-MAX_HOPS:]):
        ip = _ip(hop)
        if ip is None:  # written by someone we do not trust: stop at the last address we do
            return peer
        if not _trusted(ip, trusted):
            return str(ip)
        peer = str(ip)
    return peer  # every hop was a trusted address: the client is on the proxy's side (this machine)
