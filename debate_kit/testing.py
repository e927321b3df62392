"""A throwaway PostgreSQL server on loopback, for the tests and benchmarks (Debian's packages).

``TemporaryPostgres`` runs ``initdb`` in a temporary folder and starts ``postgres`` on a free port,
listening on 127.0.0.1 only, with trust authentication. As root it runs the server as the ``postgres``
user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def find_pg_bin() -> Path | None:
    """The newest ``/usr/lib/postgresql/N/bin`` with initdb, or where ``initdb`` is on PATH."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _version_key(path: str) -> int:
    try:
        return int(Path(path).parent.parent.name)
    except ValueError:
        return 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TemporaryPostgres:
    """``with TemporaryPostgres() as pg: pg.url`` — a fresh server, removed on exit."""

    def __init__(self, fsync: bool = False) -> None:
        self.bin = find_pg_bin()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql).")
        self.fsync = fsync
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="debate-kit-pg-"))
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self._proc: subprocess.Popen[bytes] | None = None

    def _as_db_user(self, args: list[str]) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *args]
        return args

    def start(self) -> TemporaryPostgres:
        """Start the server (creating its data folder the first time; after :meth:`halt`, the same data)."""
        data = self.dir / "data"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        if not data.exists():
            subprocess.run(
                self._as_db_user([str(self.bin / "initdb"), "-D", str(data), "-U", "postgres",
                                  "-A", "trust", "--no-sync", "-E", "UTF8"]),
                check=True, capture_output=True,
            )
        options = ["-c", "listen_addresses=127.0.0.1", "-c", f"port={self.port}",
                   "-c", f"unix_socket_directories={self.dir}", "-c", "max_connections=300",
                   "-c", f"fsync={'on' if self.fsync else 'off'}"]
        self._proc = subprocess.Popen(
            self._as_db_user([str(self.bin / "postgres"), "-D", str(data), *options]),
            stdout=subprocess.DEVNULL, stderr=open(self.dir / "server.log", "wb"),  # noqa: SIM115
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                ready = subprocess.run(
                    [str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                    capture_output=True,
                )
                if ready.returncode == 0:
                    return self
            except OSError:
                pass
            if self._proc.poll() is not None:
                break
            time.sleep(0.1)
        log = (self.dir / "server.log").read_text(errors="replace")
        self.stop()
        raise RuntimeError(f"PostgreSQL did not start:\n{log}")

    def new_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def halt(self) -> None:
        """Stop the server but keep its data (``start()`` brings it back: a database restart).

        A fast shutdown (SIGINT): connected clients are cut off, as in a real restart.
        """
        import signal

        if self._proc is not None and self._proc.poll() is None:
            pid_file = self.dir / "data" / "postmaster.pid"
            postmaster = None
            with contextlib.suppress(OSError, ValueError):
                postmaster = int(pid_file.read_text().split()[0])
            for target in (postmaster, self._proc.pid):
                if target is not None:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(target, signal.SIGINT)
            try:
                self._proc.wait(15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
            deadline = time.monotonic() + 15
            while pid_file.exists() and time.monotonic() < deadline:
                time.sleep(0.05)

    def stop(self) -> None:
        self.halt()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> TemporaryPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def kernels_of(pid: int | None) -> list[int]:
    """PIDs of the ipykernel processes below process ``pid`` (a Voila or Jupyter server)."""
    import psutil

    if pid is None:
        return []
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for child in children:
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                found.append(child.pid)
        except psutil.Error:
            continue
    return found


class VoilaServer:
    """``debate-kit serve`` in a subprocess (on loopback, or ``ip="0.0.0.0"`` as on a laptop), with its
    own Jupyter folders. ``url`` is always the loopback address; the students' address is what the
    console shows.

    ``kernels()`` lists the server's running kernel processes (Voila hides /api/kernels).
    """

    def __init__(self, db_url: str, *, notebooks: Path | None = None, grace: float = 3.0,
                 unconnected: float = 30.0, workdir: Path | None = None,
                 extra_env: dict[str, str] | None = None, port: int | None = None,
                 ip: str = "127.0.0.1") -> None:
        self.db_url = db_url
        self.port = port or free_port()  # a port: restart a stopped server where its pages point
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = workdir or Path(tempfile.mkdtemp(prefix="debate-kit-voila-"))
        self.args = ["--db", db_url, "serve", "--no-browser", "--ip", ip,
                     f"--port={self.port}", f"--grace={grace}", f"--unconnected={unconnected}"]
        if notebooks is not None:
            self.args.append(f"--notebooks={notebooks}")
        self.extra_env = extra_env or {}
        self.token = secrets.token_urlsafe(16)
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> VoilaServer:
        import sys
        import urllib.request

        env = {**os.environ, **self.extra_env}
        for name in ("CONFIG", "DATA", "RUNTIME"):
            folder = self.dir / f"jupyter-{name.lower()}"
            folder.mkdir(parents=True, exist_ok=True)
            env[f"JUPYTER_{name}_DIR"] = str(folder)
        env["DEBATE_KIT_DB"] = self.db_url
        env["JUPYTER_TOKEN"] = self.token
        self.log_path = self.dir / "server.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "debate_kit.cli", *self.args], env=env, cwd=self.dir,
            stdout=open(self.log_path, "wb"), stderr=subprocess.STDOUT,  # noqa: SIM115
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        delay = 0.05
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"debate-kit serve exited:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/api", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        self.stop()
        raise RuntimeError(f"debate-kit serve did not answer in {timeout} s:\n{self.log()}")

    def teacher_login(self) -> str:
        """The link ``serve`` prints for the teacher: logs in, then redirects to the console."""
        return f"{self.url}/debate-kit/teacher?token={self.token}"

    def authed(self, url: str) -> str:
        """``url`` with the server's token (for tests of token-protected pages)."""
        return f"{url}{'&' if '?' in url else '?'}token={self.token}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kernels(self) -> list[int]:
        """PIDs of the kernels this server started."""
        return kernels_of(None if self.proc is None else self.proc.pid)

    def stop(self) -> None:
        import signal

        if self.proc is not None and self.proc.poll() is None:
            kernels = self.kernels()
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
            for pid in kernels:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    def __enter__(self) -> VoilaServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def open_page(url: str, timeout: float = 120.0) -> tuple[str, str]:
    """GET a Voila page as a browser would; returns the HTML and the page's kernel id."""
    import json
    import re
    import urllib.request

    with urllib.request.urlopen(url, timeout=timeout) as response:
        html = response.read().decode()
    match = re.search(r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>',
                      html, re.S)
    if match is None:
        raise RuntimeError("no page config in the Voila page")
    return html, json.loads(match.group(1))["kernelId"]


def kernel_socket(base_url: str, kernel_id: str, token: str | None = None):
    """Open the kernel's websocket as the page does (websocket-client, synchronous)."""
    import uuid

    import websocket

    ws_url = base_url.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"
    auth = f"&token={token}" if token else ""
    return websocket.create_connection(f"{ws_url}?session_id={uuid.uuid4().hex}{auth}", timeout=30)
