"""A real JupyterHub (from PyPI) with configurable-http-proxy (from npm) on loopback, running
``debate-kit service`` as a managed service: two teachers signed in by the hub's dummy authenticator
(a shared password, for tests only); no single-user servers are needed for the class. A test-only admin
service (its token kept in this object, never printed) starts and stops a teacher's own server through
the hub's REST API, as a hub's culler or an administrator would."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from debate_kit.testing import free_port

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "class-test-password"
SERVICE = "debate-kit"
#: The service keeps the hub's "who is this cookie" answer this long (seconds): short, so that the test
#: sees a hub logout end a teacher's access without waiting the default 10 s.
AUTH_CACHE = 2


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
        self._admin_token = secrets.token_hex(32)  # the test-admin service's (hub REST API); never shown

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
c.Spawner.cmd = [{sys.executable!r}, "-m", "jupyterhub.singleuser"]
c.Spawner.args = ["--allow-root"]  # the tests may run as root (containers)
c.JupyterHub.tornado_settings = {{"slow_spawn_timeout": 0}}  # a spawn request answers at once (202)
c.SimpleLocalProcessSpawner.home_dir_template = "{self.folder / 'home'}/{{username}}"
c.JupyterHub.default_url = "/hub/home"
c.JupyterHub.db_url = "sqlite:///{self.folder / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = "{self.folder / 'jupyterhub_cookie_secret'}"
c.JupyterHub.services = [{{
    "name": "{SERVICE}",
    "url": "http://127.0.0.1:{service_port}",
    "command": [{sys.executable!r}, "-m", "debate_kit.cli", "service"],
    "environment": {{"DEBATE_KIT_DB": {self.db_url!r}, "XDG_DATA_HOME": "{data}",
                     "DEBATE_KIT_READINGS": "{ROOT / 'readings'}",
                     "DEBATE_KIT_HUB_AUTH_CACHE": "{AUTH_CACHE}"}},
    "oauth_no_confirm": True,
}}, {{"name": "test-admin", "api_token": {self._admin_token!r}}}]
c.JupyterHub.load_roles = [{{"name": "user", "scopes": ["self", "access:services!service={SERVICE}"]}},
                           {{"name": "debate-kit-users", "scopes": ["read:users:name"],
                             "services": ["{SERVICE}"]}},
                           {{"name": "test-admin", "scopes": ["admin:servers"], "services": ["test-admin"]}}]
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

    def api(self, method: str, path: str) -> tuple[int, dict[str, Any]]:
        """The hub's REST API (``/hub/api/PATH``) as the test-admin service: status and JSON answer."""
        request = urllib.request.Request(f"{self.url}/hub/api/{path}", method=method,
                                         headers={"Authorization": f"token {self._admin_token}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                body = answer.read()
                return answer.status, json.loads(body) if body else {}
        except urllib.error.HTTPError as problem:
            return problem.code, {}

    def user_server(self, user: str) -> dict[str, Any] | None:
        """The hub's model of ``user``'s default server, or None when it has none."""
        status, model = self.api("GET", f"users/{user}")
        assert status == 200, status
        return model.get("servers", {}).get("")

    def wait_server(self, user: str, running: bool, timeout: float = 60.0) -> None:
        """Until ``user``'s own server is ready (``running``) or gone."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.user_server(user)
            if (server is not None and server.get("ready")) if running else server is None:
                return
            time.sleep(0.3)
        raise AssertionError(f"{user}'s server is {'not ready' if running else 'still there'} "
                             f"after {timeout} s:\n{self.log()[-3000:]}")

    def shows_admin_token(self, text: str) -> bool:
        return self._admin_token in text

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
