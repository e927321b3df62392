"""A real JupyterHub (from PyPI) with configurable-http-proxy (from npm) on loopback, running
``debate-kit service`` as a managed service: two teachers signed in by the hub's dummy authenticator
(a shared password, for tests only); no single-user servers are needed for the class."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from debate_kit.testing import free_port

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "class-test-password"
SERVICE = "debate-kit"


def proxy_command() -> str | None:
    """configurable-http-proxy: the project's own npm install (run.py), or one on PATH."""
    local = ROOT / ".tools" / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


class HubProcess:
    def __init__(self, folder: Path, db_url: str) -> None:
        self.folder = folder
        self.db_url = db_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.service_url = f"{self.url}/services/{SERVICE}/"
        self.service_port = free_port()  # the service's own port (the proxy forwards to it)
        self.direct_url = f"http://127.0.0.1:{self.service_port}/services/{SERVICE}/"
        self.proc: subprocess.Popen[bytes] | None = None

    def config(self) -> Path:
        service_port, hub_port, api_port = self.service_port, free_port(), free_port()
        data = self.folder / "service-data"
        text = f"""
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy_command()!r}]
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allowed_users = {{"teacher1", "teacher2"}}
c.JupyterHub.spawner_class = "simple"
c.JupyterHub.default_url = "/hub/home"
c.JupyterHub.db_url = "sqlite:///{self.folder / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = "{self.folder / 'jupyterhub_cookie_secret'}"
c.JupyterHub.services = [{{
    "name": "{SERVICE}",
    "url": "http://127.0.0.1:{service_port}",
    "command": [{sys.executable!r}, "-m", "debate_kit.cli", "service"],
    "environment": {{"DEBATE_KIT_DB": {self.db_url!r}, "XDG_DATA_HOME": "{data}",
                     "DEBATE_KIT_READINGS": "{ROOT / 'readings'}"}},
    "oauth_no_confirm": True,
}}]
c.JupyterHub.load_roles = [{{"name": "user", "scopes": ["self", "access:services!service={SERVICE}"]}}]
"""
        path = self.folder / "jupyterhub_config.py"
        path.write_text(text)
        return path

    def start(self, timeout: float = 90.0) -> HubProcess:
        config = self.config()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DEBATE_KIT_", "JUPYTER"))}
        self.log_path = self.folder / "hub.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=self.folder, env=env,
            stdout=open(self.log_path, "wb"), stderr=subprocess.STDOUT, start_new_session=True)  # noqa: SIM115
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited:\n{self.log()}")
            with contextlib.suppress(OSError), urllib.request.urlopen(
                    self.service_url + "debate-kit/alive", timeout=2) as answer:
                if answer.status == 200:
                    return self
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the hub or its service did not answer in {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)

    def __enter__(self) -> HubProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
