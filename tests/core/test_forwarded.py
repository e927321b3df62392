"""Which address a request is limited as: X-Forwarded-For believed only from a trusted proxy."""

from __future__ import annotations

import pytest

from debate_kit.core.errors import InvalidInput
from debate_kit.core.forwarded import LOOPBACK, MAX_HOPS, client_address, parse_networks

K8S = LOOPBACK + parse_networks("10.0.0.0/8")


@pytest.mark.parametrize(("peer", "header", "trusted", "expected"), [
    # a phone straight on the Wi-Fi: its header is its own invention and is ignored
    ("192.168.1.20", "1.2.3.4", LOOPBACK, "192.168.1.20"),
    ("192.168.1.20", None, LOOPBACK, "192.168.1.20"),
    # the hub's proxy on this machine appends the phone's address
    ("127.0.0.1", "192.168.1.20", LOOPBACK, "192.168.1.20"),
    # ... and what the phone wrote itself, left of it, is never believed
    ("127.0.0.1", "9.9.9.9, 192.168.1.20", LOOPBACK, "192.168.1.20"),
    ("127.0.0.1", "127.0.0.1, 192.168.1.20", LOOPBACK, "192.168.1.20"),
    # a browser on this machine through the proxy: every hop trusted, it is this machine
    ("127.0.0.1", "127.0.0.1", LOOPBACK, "127.0.0.1"),
    # the loopback peer without a header: a phone on this machine (the benchmarks' 127.0.x.y)
    ("127.0.3.7", None, LOOPBACK, "127.0.3.7"),
    # Kubernetes: the proxy pod and an ingress in the cluster's network, both trusted by configuration
    ("10.4.0.9", "203.0.113.5, 10.4.1.2", K8S, "203.0.113.5"),
    # ... but not trusted without it: the proxy pod is the one address
    ("10.4.0.9", "203.0.113.5", LOOPBACK, "10.4.0.9"),
    # ports, brackets and IPv4-mapped IPv6 as proxies write them
    ("127.0.0.1", "203.0.113.5:51000", LOOPBACK, "203.0.113.5"),
    ("::1", "[2001:db8::7]:443", LOOPBACK, "2001:db8::7"),
    ("::ffff:127.0.0.1", "203.0.113.5", LOOPBACK, "203.0.113.5"),
    # a malformed hop stops the reading at the last trusted address
    ("127.0.0.1", "203.0.113.5, not-an-ip", LOOPBACK, "127.0.0.1"),
    ("127.0.0.1", "", LOOPBACK, "127.0.0.1"),
])
def test_client_address(peer: str, header: str | None, trusted: tuple, expected: str) -> None:
    assert client_address(peer, header, trusted) == expected


def test_a_long_header_is_read_only_from_the_right() -> None:
    header = ", ".join(["127.0.0.1"] * (MAX_HOPS * 10))
    assert client_address("127.0.0.1", "8.8.8.8, " + header, LOOPBACK) == "127.0.0.1"


def test_networks_are_parsed_and_a_wrong_one_is_explained() -> None:
    assert [str(n) for n in parse_networks("10.0.0.0/8, 192.168.4.7;fd00::/8")] == [
        "10.0.0.0/8", "192.168.4.7/32", "fd00::/8"]
    assert parse_networks("") == ()
    with pytest.raises(InvalidInput) as problem:
        parse_networks("10.0.0.0/8, proxy.school")
    assert "'proxy.school' is not an address" in problem.value.message
