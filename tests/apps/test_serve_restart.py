"""A restarted ``serve`` keeps the teacher logged in, and the open console comes back by itself.

The teacher logs in through the opener file ``serve`` prints; the server is stopped with Ctrl+C and started
again on the same port and store; the same page shows "Reconnecting…" meanwhile and then the console
again, with no login page and no manual reload. ``--new-token`` logs that browser out.
"""

from __future__ import annotations

import json
import stat
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debate_kit.voila_app.login import SECRET_FILE, TOKEN_FILE, login_folder
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, PROJECTOR, READY, READY_MS
from tests.serve_process import ServeProcess

pytestmark = [pytest.mark.voila, pytest.mark.browser]
CONSOLE = READY["teacher"]
BANNER = ".dk-connection-lost.dk-reconnecting"
BACK_MS = 180_000  # stop + start + the page's poll + a new kernel, on a busy 2-core machine


@pytest.fixture
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[ServeProcess]:
    server = ServeProcess(tmp_path)
    yield server
    server.stop()


def kept_login(server: ServeProcess) -> tuple[Path, str]:
    from debate_kit.store import open_store

    with open_store(str(server.db)) as store:
        url = store.url
    folder = login_folder(url).relative_to(Path("~").expanduser())
    return server.home / folder, (server.home / folder / TOKEN_FILE).read_text()


def test_alive_is_public_and_says_only_which_run_answers(serve: ServeProcess) -> None:
    serve.start()
    with urllib.request.urlopen(serve.url + "/debate-kit/alive", timeout=10) as answer:
        assert answer.headers["Cache-Control"] == "no-store"
        first = json.loads(answer.read())
    assert list(first) == ["boot"] and isinstance(first["boot"], str)
    assert serve.stop() == 0
    serve.start()
    with urllib.request.urlopen(serve.url + "/debate-kit/alive", timeout=10) as answer:
        assert json.loads(answer.read())["boot"] != first["boot"]


def test_a_restarted_serve_keeps_the_console_logged_in_and_new_token_logs_it_out(
        serve: ServeProcess, chromium: Any) -> None:
    serve.start()
    folder, token = kept_login(serve)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in (TOKEN_FILE, SECRET_FILE):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    context = chromium.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.goto(serve.opener(), timeout=READY_MS)  # the file the terminal names: it logs in and goes on
    page.wait_for_selector(CONSOLE, state="visible", timeout=READY_MS)
    assert "token" not in page.url and page.url.endswith("/voila/render/teacher.ipynb")
    page.evaluate("window.__before_restart = true")
    page.wait_for_timeout(3000)  # the console has been open a moment: its heartbeat has had answers

    assert serve.stop() == 0
    page.wait_for_selector(BANNER, state="visible", timeout=30_000)
    banner = page.locator(BANNER)
    assert banner.get_attribute("role") == "status"
    assert "Reconnecting to the class server" in banner.inner_text()
    size = float(banner.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)"))
    assert size >= 28, size

    serve.start()
    assert kept_login(serve)[1] == token  # the same login, kept per store
    page.wait_for_function(f"() => !window.__before_restart && document.querySelector({json.dumps(CONSOLE)})",
                           timeout=BACK_MS)
    page.wait_for_selector(CONSOLE, state="visible", timeout=READY_MS)
    assert "/login" not in page.url and page.url.endswith("/voila/render/teacher.ipynb")
    assert page.locator(BANNER).count() == 0

    assert serve.stop() == 0
    serve.start("--new-token")
    assert kept_login(serve)[1] != token
    page.wait_for_url("**/login**", timeout=BACK_MS)  # the page reloaded once: the old login is refused
    for output in [*serve.outputs, serve.output()]:
        assert token not in output and kept_login(serve)[1] not in output
    context.close()
