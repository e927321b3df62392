"""Binder emulated: a Jupyter server with binder/'s config, a token, ``allow_origin='*'`` and
``JUPYTERHUB_USER`` set, as mybinder.org runs it. Students reach their page without the token and are
distinct people; everything else refuses them; the teacher's pages work with the token and their
kernels are cleaned up.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debate_kit.testing import free_port, open_page
from tests.server.conftest import Student
from tests.server.test_protocol import status

pytestmark = pytest.mark.voila
ROOT = Path(__file__).resolve().parent.parent.parent
TOKEN = "binder-session-token-0123456789"


class Binder:
    def __init__(self, url: str, db: str) -> None:
        self.url, self.db_url, self.token = url, db, TOKEN

    def authed(self, url: str) -> str:
        return f"{url}{'&' if '?' in url else '?'}token={self.token}"


@pytest.fixture(scope="module")
def binder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Binder]:
    tmp_path = tmp_path_factory.mktemp("binder")
    config_dir = tmp_path / "jupyter-config"
    config_dir.mkdir()
    shutil.copy(ROOT / "binder" / "jupyter_server_config.json", config_dir)  # what postBuild installs:
    templates = tmp_path / "data" / "voila" / "templates"  # the config, and debate_kit's Voila template
    templates.mkdir(parents=True)
    shutil.copytree(ROOT / "debate_kit/voila_app/share/jupyter/voila/templates/debate_kit",
                    templates / "debate_kit")
    assert "voila/templates/debate_kit" in (ROOT / "binder" / "postBuild").read_text()
    port = free_port()
    db = str(tmp_path / "class.sqlite3")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(config_dir),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_DATA_DIR": str(tmp_path / "data"),
           "DEBATE_KIT_DB": db, "JUPYTERHUB_USER": "binder-owner-x1y2"}
    env.pop("JUPYTER_TOKEN", None)
    log = tmp_path / "log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", f"--port={port}", "--ip=127.0.0.1", "--no-browser",
         f"--IdentityProvider.token={TOKEN}", "--ServerApp.allow_origin=*", "--allow-root",
         f"--ServerApp.root_dir={ROOT}", "--ReapingKernelManager.grace_seconds=2",
         "--ServerApp.log_level=WARN"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(log, "wb"),  # noqa: SIM115
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/api", timeout=2).close()
                break
            except OSError:
                time.sleep(0.3)
        yield Binder(base, db)
    finally:
        proc.terminate()
        proc.wait(20)
    text = log.read_text(errors="replace")
    assert TOKEN not in text
    assert "/debate_kit/" not in text, text


def test_students_reach_their_page_without_the_token_and_are_distinct(binder: Binder) -> None:
    from tests.browser.helpers import Classroom

    room = Classroom(binder)
    assert status(f"{binder.url}/debate-kit/join/{room.code}") == 200
    names = []
    for name in ("Ana", "Ben"):
        # Binder allows any origin: nothing may rest on it (a page elsewhere reaches the socket too).
        student = Student(binder.url, headers=["Origin: https://elsewhere.example"])
        assert student.hello(room.code)["stage"] == "join"
        answer = student.act("join", room=room.code, name=name, anonymous=False)
        assert answer["type"] == "ack", answer
        names.append(student.wait_view(lambda v: v["stage"] == "room")["me"]["name"])
        student.close()
    assert names == ["Ana", "Ben"], "JUPYTERHUB_USER (the Binder owner) is nobody's identity here"
    with room.store() as store:
        assert [p.name for p in store.participants(room.room_id)] == ["Ana", "Ben"]


@pytest.mark.parametrize("path", ["/api/kernels", "/api/contents", "/api/sessions", "/api/terminals",
                                  "/voila/render/notebooks/teacher.ipynb",
                                  "/voila/render/notebooks/student.ipynb", "/lab", "/terminals/1",
                                  "/debate-kit/teacher"])
def test_everything_else_refuses_students(binder: Binder, path: str) -> None:
    assert status(binder.url + path) in (302, 403, 404), path
    if path.startswith("/api/"):
        assert status(binder.url + path) == 403


def test_the_teacher_pages_work_with_the_token_and_their_kernels_are_cleaned_up(binder: Binder) -> None:
    html, kernel_id = open_page(binder.authed(f"{binder.url}/voila/render/notebooks/teacher.ipynb"))
    assert "Traceback" not in html
    import re

    cdn = re.findall(r".{0,80}(?:cdn\.jsdelivr|cdnjs).{0,40}", html)
    assert not cdn, f"nothing from a CDN (debate_kit's template): {cdn}"
    ws = _socket(binder, kernel_id)

    def kernels() -> list[str]:
        with urllib.request.urlopen(binder.authed(binder.url + "/api/kernels"), timeout=5) as response:
            return [k["id"] for k in json.loads(response.read())]

    assert kernel_id in kernels()
    ws.close()
    deadline = time.monotonic() + 30
    while kernel_id in kernels() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert kernel_id not in kernels(), "the reaping kernel manager shut the closed page's kernel down"


def _socket(binder: Binder, kernel_id: str) -> Any:
    import uuid

    import websocket

    url = binder.url.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"
    return websocket.create_connection(binder.authed(f"{url}?session_id={uuid.uuid4().hex}"), timeout=30)
