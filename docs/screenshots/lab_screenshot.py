"""README's screenshot of a lesson notebook in JupyterLab (docs/screenshots/lesson-notebook-lab.png).

JupyterLab is not one of debate_kit's dependencies and this script installs nothing: run it with a Python
that has ``jupyterlab`` and ``playwright`` (Playwright drives Debian's Chromium; its own browser download
is not needed), from the repository's root:

    python3 -m venv /tmp/labvenv && /tmp/labvenv/bin/pip install jupyterlab playwright
    /tmp/labvenv/bin/python docs/screenshots/lab_screenshot.py [--chromium /usr/bin/chromium]

It starts JupyterLab on loopback with a random token and throw-away settings (no news, no update check),
opens ``notebooks/lessons/new-soviet-union.ipynb`` at 1280 x 800 with the file browser closed, runs no
cell, saves the PNG and stops the server.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "notebooks/lessons/new-soviet-union.ipynb"
OUT = ROOT / "docs" / "screenshots" / "lesson-notebook-lab.png"
VIEWPORT = {"width": 1280, "height": 800}
MAX_BYTES = 300_000
#: User settings for a clean window (no news toast, no update check) that never saves the notebook.
SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings":
            '{"fetchNews": "false", "checkForUpdates": false}',
            "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": '{"autosave": false}'}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_lab(folder: Path, port: int, token: str) -> subprocess.Popen[bytes]:
    """JupyterLab serving the repository on loopback, with its own config, data and settings folders."""
    settings = folder / "settings"
    for name, text in SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(folder / "config"),
           "JUPYTER_RUNTIME_DIR": str(folder / "runtime"), "JUPYTER_TOKEN": token}
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            f"--ServerApp.root_dir={ROOT}", f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={folder / 'workspaces'}", "--ServerApp.port_retries=0",
            # the checkpoint Lab makes on opening goes to the throw-away folder, not beside the notebook
            f"--FileContentsManager.checkpoints_kwargs=root_dir={folder / 'checkpoints'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")  # a container's root: the server is on loopback with a random token
    log = open(folder / "lab.log", "wb")  # noqa: SIM115 (the server writes to it until it stops)
    return subprocess.Popen(args, env=env, cwd=folder, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def wait_for(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"JupyterLab exited:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"JupyterLab did not answer in {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def shoot(url: str, chromium: str, out: Path) -> None:
    """Open the notebook in Lab, close the file browser, show "How to use" with the start cell and the
    first section, save the PNG."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(url, timeout=120_000)
        page.wait_for_selector(".jp-Notebook .jp-RenderedMarkdown h1", timeout=120_000)
        tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']")
        if tab.count() and "lm-mod-current" in (tab.first.get_attribute("class") or ""):
            tab.first.click()  # close the file browser: the notebook gets the width
        page.locator(".jp-Notebook .jp-RenderedMarkdown h2").first.evaluate(
            "(el) => el.scrollIntoView({block: 'start'})")
        # the start cell's code (collapsed to one line when the notebook hides its code cells' source)
        page.wait_for_selector(".jp-Notebook .jp-CodeCell .jp-Cell-inputWrapper", state="visible",
                               timeout=60_000)
        page.wait_for_timeout(1500)  # let the kernel status and the layout settle
        for dialog in page.locator(".jp-Dialog button.jp-mod-reject").all():
            dialog.click()  # a kernel or news dialog, if one came up
        page.mouse.move(0, 0)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), type="png")
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the Chromium to drive")
    parser.add_argument("--notebook", default=NOTEBOOK, help="path under the repository's root")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    for module in ("jupyterlab", "playwright"):
        try:
            __import__(module)
        except ImportError:
            sys.exit(f"{module} is missing: run this with a Python that has jupyterlab and playwright "
                     "(see the docstring); this script installs nothing.")
    port, token = free_port(), secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="debate-kit-lab-") as tmp:
        folder = Path(tmp)
        proc = start_lab(folder, port, token)
        try:
            wait_for(f"http://127.0.0.1:{port}/api?token={token}", proc, folder / "lab.log")
            shoot(f"http://127.0.0.1:{port}/lab/tree/{args.notebook}?reset&token={token}", args.chromium,
                  args.out)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size} bytes)")
    return 0 if size < MAX_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
