"""A real ``debate-kit serve`` (ServerApp + voila + debate_kit extensions) and websocket students."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import websocket

from debate_kit.testing import VoilaServer

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
pytestmark = pytest.mark.voila


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    folder = tmp_path_factory.mktemp("serve")
    with VoilaServer(f"sqlite:///{folder / 'classroom.sqlite3'}", notebooks=NOTEBOOKS, grace=2.0,
                     workdir=folder) as running:
        yield running
    log = running.log()
    assert running.token not in log, "the token is never logged"
    assert "Traceback" not in log, log


class Student:
    """One phone at the protocol level: a websocket to the light page's endpoint."""

    def __init__(self, base_url: str, token: str | None = None, headers: list[str] | None = None) -> None:
        import websocket

        self.url = base_url.replace("http://", "ws://") + "/debate-kit/ws"
        self.token = token or secrets.token_hex(16)
        self.ws = websocket.create_connection(self.url, timeout=10, header=headers or [])
        self.next_id = 0
        self.inbox: list[dict[str, Any]] = []
        self.view: dict[str, Any] | None = None

    def send_raw(self, text: str) -> None:
        self.ws.send(text)

    def hello(self, room: str = "") -> dict[str, Any]:
        self.send_raw(json.dumps({"type": "hello", "token": self.token, "room": room}))
        return self.wait_view(lambda v: True)

    def act(self, kind: str, **fields: Any) -> dict[str, Any]:
        """Send an action; return its answer (ack or error), keeping views that arrive meanwhile."""
        self.next_id += 1
        rid = self.next_id
        self.send_raw(json.dumps({"type": kind, "id": rid, **fields}))
        return self.wait(lambda m: m.get("type") in ("ack", "error") and m.get("id") == rid)

    def wait(self, match: Callable[[dict[str, Any]], bool], timeout: float = 15.0) -> dict[str, Any]:
        for i, message in enumerate(self.inbox):
            if match(message):
                return self.inbox.pop(i)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # Short reads: the server's pings restart a long socket timeout, so one long recv() could
            # outlive the deadline; each short one either brings a message or ends and is tried again.
            self.ws.settimeout(min(0.5, max(0.05, deadline - time.monotonic())))
            try:
                raw = self.ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            message = json.loads(raw)
            if message.get("type") == "view":
                self.view = message["view"]
            if match(message):
                return message
            self.inbox.append(message)
        raise AssertionError(f"no matching message in {timeout} s; got {self.inbox[-5:]}")

    def wait_view(self, match: Callable[[dict[str, Any]], bool], timeout: float = 15.0) -> dict[str, Any]:
        if self.view is not None and match(self.view):
            return self.view
        return self.wait(lambda m: m.get("type") == "view" and match(m["view"]), timeout)["view"]

    def error(self, raw: str) -> dict[str, Any]:
        self.send_raw(raw)
        return self.wait(lambda m: m.get("type") == "error")

    def close(self) -> None:
        self.ws.close()
