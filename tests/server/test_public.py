"""The public routes' base (server/public.py): the page and the socket without Jupyter's login lookup."""

from __future__ import annotations

import re
import urllib.request
from typing import Any

import pytest
import websocket

from debate_kit.server.public import origin_allowed
from tests.server.conftest import Student

SCHOOLS = re.compile(r"https://.*\.school\.example")


@pytest.mark.parametrize(("settings", "origin", "allowed"), [
    ({}, None, True),  # a script, not a page: no Origin
    ({}, "http://10.0.0.5:8866", True),  # the page's own host
    ({}, "HTTP://10.0.0.5:8866", True),
    ({}, "https://elsewhere.example", False),
    ({"allow_origin": "*"}, "https://elsewhere.example", True),  # Binder
    ({"allow_origin": "https://school.example"}, "https://school.example", True),
    ({"allow_origin": "https://school.example"}, "https://elsewhere.example", False),
    ({"allow_origin_pat": SCHOOLS}, "https://a.school.example", True),
    ({"allow_origin_pat": SCHOOLS}, "https://a.school.example.evil", False),  # whole origin, not a prefix
])
@pytest.mark.filterwarnings("ignore:allow_origin_pat")
def test_origin_rule_is_jupyter_servers(settings: dict, origin: str | None, allowed: bool) -> None:
    assert origin_allowed(settings, origin, "10.0.0.5:8866") is allowed


def test_the_socket_refuses_a_page_elsewhere_and_takes_its_own(server: Any) -> None:
    socket_url = server.url.replace("http://", "ws://") + "/debate-kit/ws"
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(socket_url, timeout=10, origin="https://elsewhere.example")
    assert refused.value.status_code == 403
    own = Student(server.url)  # websocket-client sends the server's own address as its Origin
    assert own.hello()["stage"] == "join"
    own.close()
    script = websocket.create_connection(socket_url, timeout=10, suppress_origin=True)  # no Origin
    script.close()


def test_the_page_sets_no_jupyter_cookie_and_keeps_its_headers(server: Any) -> None:
    with urllib.request.urlopen(f"{server.url}/debate-kit/join/ABCD") as response:
        headers = response.headers
        assert response.status == 200
    assert headers.get("Set-Cookie") is None, "no XSRF or login cookie for a student"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"
