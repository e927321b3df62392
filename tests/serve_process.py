"""``debate-kit serve`` as a teacher runs it, in a subprocess: own HOME (its kept login lands there), no
``JUPYTER_TOKEN``, stopped with Ctrl+C (SIGINT to its process group, as a terminal sends it)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from debate_kit.testing import free_port, kernels_of

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


class ServeProcess:
    def __init__(self, folder: Path, *, port: int | None = None) -> None:
        self.folder = folder
        self.home = folder / "home"
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = folder / "classroom.sqlite3"
        self.proc: subprocess.Popen[bytes] | None = None
        self.runs = 0
        self.outputs: list[str] = []

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER_", "DEBATE_KIT_"))}
        env["HOME"] = str(self.home)
        for name in ("CONFIG", "DATA", "RUNTIME"):
            env[f"JUPYTER_{name}_DIR"] = str(self.folder / f"jupyter-{name.lower()}")
        return env

    def start(self, *extra: str, timeout: float = 90.0) -> ServeProcess:
        self.runs += 1
        self.log_path = self.folder / f"serve-{self.runs}.log"
        args = [sys.executable, "-m", "debate_kit.cli", "serve", "--no-browser", "--ip", "127.0.0.1",
                "--port", str(self.port), "--db", str(self.db), "--grace", "3", "--unconnected", "30",
                f"--notebooks={NOTEBOOKS}", *extra]
        self.proc = subprocess.Popen(args, env=self.env(), cwd=self.folder, start_new_session=True,
                                     stdout=open(self.log_path, "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"debate-kit serve exited:\n{self.output()}")
            with contextlib.suppress(OSError), \
                    urllib.request.urlopen(self.url + "/debate-kit/alive", timeout=2) as answer:
                if answer.status == 200 and "Teacher console:" in self.output():
                    return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"debate-kit serve did not answer in {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def opener(self) -> str:
        """The file:// link ``serve`` prints for the teacher (the token is inside the file only)."""
        found = re.search(r"Teacher console: (file://\S+)", self.output())
        assert found, self.output()
        return found.group(1)

    def stop(self) -> int:
        """Ctrl+C, as in a terminal; returns the exit code (kernels left behind are killed)."""
        if self.proc is None:
            return 0
        if self.proc.poll() is None:
            kernels = kernels_of(self.proc.pid)
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
            for pid in kernels:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        self.outputs.append(self.output())
        return self.proc.returncode
