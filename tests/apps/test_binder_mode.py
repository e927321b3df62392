"""Binder runs Voila as a Jupyter Server extension: with binder/'s config, closed pages lose their kernels."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from debate_kit.testing import free_port, kernel_socket, open_page

pytestmark = pytest.mark.voila
ROOT = Path(__file__).resolve().parent.parent.parent


def test_binder_config_serves_the_apps_and_cleans_up_kernels(tmp_path: Path) -> None:
    config_dir = tmp_path / "jupyter-config"
    config_dir.mkdir()
    shutil.copy(ROOT / "binder" / "jupyter_server_config.json", config_dir)
    port = free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(config_dir),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_DATA_DIR": str(tmp_path / "data"),
           "DEBATE_KIT_DB": str(tmp_path / "class.sqlite3")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", f"--port={port}", "--ip=127.0.0.1", "--no-browser",
         "--IdentityProvider.token=", "--allow-root", f"--ServerApp.root_dir={ROOT}",
         "--ReapingKernelManager.grace_seconds=2", "--ServerApp.log_level=WARN"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "log", "wb"),  # noqa: SIM115
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
        html, kernel_id = open_page(f"{base}/voila/render/notebooks/student.ipynb?room=QQQQ")
        assert "Traceback" not in html
        ws = kernel_socket(base, kernel_id)
        kernels = lambda: [k["id"] for k in __import__("json").loads(  # noqa: E731
            urllib.request.urlopen(base + "/api/kernels", timeout=5).read())]
        assert kernel_id in kernels()
        ws.close()
        deadline = time.monotonic() + 30
        while kernel_id in kernels() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert kernel_id not in kernels(), "the reaping kernel manager shut the closed page's kernel down"
    finally:
        proc.terminate()
        proc.wait(20)
