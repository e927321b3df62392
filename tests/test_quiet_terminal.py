"""A quiet terminal: ``serve`` at its default level shows no kernel id and no noise a teacher can do
nothing about, stops cleanly on Ctrl+C (also through run.py), and run.py's first set-up says what it does."""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debate_kit.server.redact import QuietTerminal, RedactSecrets
from debate_kit.testing import free_port
from tests.serve_process import ServeProcess

ROOT = Path(__file__).resolve().parent.parent
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                r"|(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])", re.IGNORECASE)
KERNEL = "4d2f8dcb-60a6-4dee-8bcf-a1db5118deaa"


def filtered(message: str, *args: object, exc: BaseException | None = None,
             name: str = "ServerApp") -> logging.LogRecord | None:
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    record = logging.LogRecord(name, logging.WARNING, __file__, 1, message, args, exc_info)
    for kind in (RedactSecrets, QuietTerminal):
        if not kind().filter(record):
            return None
    return record


def test_ids_are_hidden_and_secrets_still_redacted() -> None:
    record = filtered("404 GET /api/kernels/%s/channels?token=abc (%s@127.0.0.1)", KERNEL,
                      "191665b429874bfc92a12c16d54c1947")
    assert record is not None
    assert record.getMessage() == "404 GET /api/kernels/[id]/channels?token=[secret] ([id]@127.0.0.1)"
    try:
        raise KeyError(KERNEL)
    except KeyError as problem:
        failed = filtered("Kernel shutdown failed", exc=problem)
    assert failed is not None and KERNEL not in logging.Formatter().format(failed)


@pytest.mark.parametrize("line", [
    "Notebook teacher.ipynb is not trusted",
    f"403 POST /voila/api/shutdown/{KERNEL} (127.0.0.1): '_xsrf' argument missing from POST",
    "wrote error: \"'_xsrf' argument missing from POST\"",
    "The websocket_ping_timeout (20000) cannot be longer than the websocket_ping_interval (10000).\n"
    "Setting websocket_ping_timeout=10000",
])
def test_noise_a_teacher_cannot_act_on_is_dropped(line: str) -> None:
    assert filtered(line) is None


def test_other_warnings_are_kept() -> None:
    record = filtered("debate_kit: the student page is off: the store cannot be opened (%s)", "locked")
    assert record is not None and record.getMessage().endswith("(locked)")


@pytest.fixture
def chromium() -> Iterator[Any]:
    from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.voila
@pytest.mark.browser
def test_serve_at_the_default_level_prints_no_id_no_trust_warning_and_stops_cleanly(
        tmp_path: Path, chromium: Any) -> None:
    from tests.browser.helpers import PHONE, PROJECTOR, READY, READY_MS

    server = ServeProcess(tmp_path).start()
    try:
        teacher = chromium.new_context(viewport=PROJECTOR).new_page()
        teacher.goto(server.opener(), timeout=READY_MS)
        teacher.wait_for_selector(READY["teacher"], state="visible", timeout=READY_MS)
        teacher.reload()  # the old page's kernel: refused shutdown beacon, then the reaper
        teacher.wait_for_selector(READY["teacher"], state="visible", timeout=READY_MS)
        phone = chromium.new_context(viewport=PHONE).new_page()
        phone.goto(f"{server.url}/debate-kit/join", timeout=READY_MS)
        phone.wait_for_selector("input.dk-join-name", state="visible", timeout=READY_MS)
        time.sleep(8)  # grace (3 s) + a reap (every 2 s): the reloaded page's kernel is shut down
    finally:
        code = server.stop()  # Ctrl+C with the pages still open
    out = server.outputs[-1]
    assert code == 0, out
    assert not ID.search(out), ID.search(out)
    assert "not trusted" not in out and "Traceback" not in out and "websocket_ping_timeout" not in out
    assert "debate_kit stopped" in out


def load_run_py() -> Any:
    spec = importlib.util.spec_from_file_location("run_py_under_test", ROOT / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_first_run_says_what_it_does_and_how_long_it_takes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    run = load_run_py()
    venv_dir = tmp_path / ".venv"
    monkeypatch.setattr(run, "VENV", venv_dir)
    monkeypatch.setattr(run, "PY", venv_dir / "bin" / "python")
    commands: list[list[str]] = []
    monkeypatch.setattr(run, "run", lambda cmd, **_kw: commands.append(cmd))

    class Builder:
        def __init__(self, **_kwargs: object) -> None:
            pass

        def create(self, folder: Path) -> None:
            (folder / "bin").mkdir(parents=True)
            (folder / "bin" / "python").touch()

    monkeypatch.setattr(run.venv, "EnvBuilder", Builder)
    run.ensure_venv(test=False)
    out = capsys.readouterr().out
    assert "first run: setting up a Python environment in .venv (about a minute; later starts take a " \
           "second)" in out
    for number in (1, 2, 3):
        assert f"[run.py] {number}/3 " in out and f"[run.py] {number}/3 done in " in out
    assert "set-up finished in" in out and len(commands) == 2
    run.ensure_venv(test=False)
    assert capsys.readouterr().out == ""  # later starts: nothing to do, nothing said


@pytest.mark.voila
def test_ctrl_c_of_run_py_serve_exits_cleanly(tmp_path: Path) -> None:
    """run.py and the server both get Ctrl+C (one process group); run.py waits for the server's clean stop."""
    port = free_port()
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import run; run.ensure_venv = lambda test: None; "
              "sys.argv = ['run.py', *sys.argv[2:]]; sys.exit(run.main())")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER_", "DEBATE_KIT_"))}
    env.update(HOME=str(tmp_path / "home"), JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"),
               JUPYTER_DATA_DIR=str(tmp_path / "data"), JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    log = tmp_path / "run.log"
    serve = ["serve", "--no-browser", "--ip", "127.0.0.1", "--port", str(port),
             "--db", str(tmp_path / "c.sqlite3")]
    proc = subprocess.Popen([sys.executable, "-c", script, str(ROOT), *serve],
                            env=env, cwd=tmp_path, start_new_session=True,
                            stdout=open(log, "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/debate-kit/alive", timeout=2):
                    break
            except OSError:
                assert proc.poll() is None, log.read_text()
                time.sleep(0.2)
        os.killpg(proc.pid, signal.SIGINT)
        code = proc.wait(40)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    out = log.read_text()
    assert code == 0, out
    assert "Traceback" not in out and "KeyboardInterrupt" not in out, out
    assert "debate_kit stopped" in out
