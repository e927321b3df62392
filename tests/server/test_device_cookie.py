"""Behind a JupyterHub (one browser origin for everyone's servers) the device token is an HttpOnly cookie
scoped to the server's path, and the socket takes the student's identity from it (server/device.py)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import websocket

from debate_kit.testing import VoilaServer
from tests.server.test_protocol import Classroom

pytestmark = pytest.mark.voila
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def hello_and_join(url: str, cookie: str, token: str, room: Any, name: str) -> dict[str, Any]:
    ws = websocket.create_connection(url.replace("http://", "ws://") + "/debate-kit/ws", timeout=10,
                                     cookie=cookie)
    try:
        ws.send(json.dumps({"type": "hello", "token": token, "room": room.code}))
        ws.send(json.dumps({"type": "join", "id": 1, "room": room.code, "name": name, "anonymous": False}))
        while (message := json.loads(ws.recv()))["type"] not in ("ack", "error"):
            pass
        return message
    finally:
        ws.close()


def test_the_cookie_is_the_identity_and_scripts_cannot_read_it(tmp_path: Path) -> None:
    with VoilaServer(f"sqlite:///{tmp_path / 'db.sqlite3'}", notebooks=NOTEBOOKS, workdir=tmp_path,
                     extra_env={"JUPYTERHUB_SERVICE_PREFIX": "/user/teacher/"}) as server:
        room = Classroom(server)
        with urllib.request.urlopen(f"{server.url}/debate-kit/join/{room.code}") as response:
            set_cookie = response.headers["Set-Cookie"]
            body = response.read().decode()
        assert 'data-device="cookie"' in body
        assert set_cookie.startswith("debate_kit_device=")
        for attribute in ("HttpOnly", "SameSite=Strict", "Path=/"):
            assert attribute in set_cookie, set_cookie
        cookie = set_cookie.split(";", 1)[0]
        first = hello_and_join(server.url, cookie, "a" * 32, room, "Ana")
        again = hello_and_join(server.url, cookie, "b" * 32, room, "Ana again")  # another hello token
        assert first["type"] == again["type"] == "ack"
        assert "as Ana" in again["message"], "the same device: the cookie, not hello's token"
        with room.store() as store:
            assert [p.name for p in store.participants(room.room_id)] == ["Ana"]
        other = hello_and_join(server.url, "", "a" * 32, room, "Bo")  # no cookie: hello's token, a new one
        assert other["type"] == "ack" and "as Bo" in other["message"]
        assert server.log().count("Traceback") == 0
