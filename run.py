#!/usr/bin/env python3
"""One entry point for people and CI. Needs only Python 3.11+ (and apt, as root, for the test tools).

    python3 run.py serve [debate-kit serve options]   set up, then serve the teacher console (SQLite)
    python3 run.py test [pytest options]              set up everything, then ruff + the whole test suite
    python3 run.py bench store|kernels|classroom|cards|frozen|hub   set up, then run a benchmark
    python3 run.py setup [--test]                     only set up (.venv from binder/requirements.txt)

Set-up is idempotent: it makes .venv, installs the pinned requirements (the same pins Binder uses)
and debate_kit itself, and, for tests, Debian's PostgreSQL and Chromium when they are missing.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import subprocess
import sys
import time
import venv
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
APT_PACKAGES = {"postgresql": "/usr/lib/postgresql/*/bin/initdb", "chromium": "/usr/bin/chromium",
                "fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}


def say(text: str) -> None:
    print(f"[run.py] {text}", flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def ensure_venv(test: bool) -> None:
    """Make or update .venv, saying what each step does and how long it took (pip is quiet)."""
    requirements = ROOT / ("requirements-test.txt" if test else "binder/requirements.txt")
    files = [requirements, ROOT / "binder/requirements.txt", ROOT / "pyproject.toml"]
    stamp_text = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{'test' if test else 'app'}"
    if stamp.exists() and stamp.read_text() == stamp_text and PY.exists():
        return
    started = time.monotonic()
    how_long = "a few minutes" if test else "about a minute"
    if PY.exists() and stamp.exists():
        say(f"updating the Python environment in .venv: its requirements changed ({how_long})")
    elif PY.exists():
        say(f"finishing the set-up of the Python environment in .venv ({how_long})")
    else:
        say(f"first run: setting up a Python environment in .venv ({how_long}; later starts take a second)")
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    steps: list[tuple[str, Callable[[], object]]] = []
    if not PY.exists():
        builder = venv.EnvBuilder(with_pip=True, clear=VENV.exists())
        steps.append(("creating .venv", lambda: builder.create(VENV)))
    steps.append((f"installing the pinned packages of {requirements.relative_to(ROOT)} (the longest step)",
                  lambda: run([*pip, "-r", str(requirements)])))
    steps.append(("installing debate_kit", lambda: run([*pip, "--no-deps", "-e", str(ROOT)])))
    for number, (text, action) in enumerate(steps, 1):
        say(f"{number}/{len(steps)} {text}...")
        step_started = time.monotonic()
        try:
            action()
        except KeyboardInterrupt:
            say("set-up stopped: run the same command again to finish it")
            raise
        say(f"{number}/{len(steps)} done in {time.monotonic() - step_started:.0f} s")
    stamp.write_text(stamp_text)
    say(f"set-up finished in {time.monotonic() - started:.0f} s")


def ensure_apt() -> None:
    missing = [name for name, path in APT_PACKAGES.items() if not glob.glob(path)]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"run.py: please install these Debian packages first: {' '.join(missing)}")
    say(f"installing Debian packages: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
    run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], env=env,
        stdout=subprocess.DEVNULL)


#: configurable-http-proxy for the JupyterHub tests, from the npm registry, into .tools/ (pinned).
PROXY = ("configurable-http-proxy@5.3.0",
         ROOT / ".tools" / "node_modules" / ".bin" / "configurable-http-proxy")


def ensure_proxy() -> None:
    """configurable-http-proxy (JupyterHub's proxy) for the hub tests; skipped without npm."""
    package, binary = PROXY
    if binary.exists():
        return
    if not shutil.which("npm"):
        say("npm not found: the JupyterHub tests will be skipped (apt-get install npm)")
        return
    say(f"installing {package} (npm) into .tools/")
    run(["npm", "install", "--prefix", str(ROOT / ".tools"), "--no-audit", "--no-fund", "--silent", package],
        stdout=subprocess.DEVNULL)


def venv_env() -> dict[str, str]:
    return {**os.environ, "PATH": f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}


def cmd_test(args: list[str]) -> int:
    ensure_apt()
    ensure_venv(test=True)
    ensure_proxy()
    env = venv_env()
    say("ruff check")
    if subprocess.run([str(VENV / "bin/ruff"), "check", "."], cwd=ROOT, env=env).returncode:
        return 1
    say("pytest")
    code = subprocess.run([str(PY), "-m", "pytest", *args], cwd=ROOT, env=env).returncode
    if code == 5:
        say("pytest ran no tests: that is a failure")
        return 1
    return code


def cmd_serve(args: list[str]) -> int:
    ensure_venv(test=False)
    server = subprocess.Popen([str(VENV / "bin/debate-kit"), "serve", *args], cwd=ROOT, env=venv_env())
    while True:
        try:
            code = server.wait()
            return code if code >= 0 else 128 - code
        except KeyboardInterrupt:
            continue  # Ctrl+C reaches the server too: it stops itself cleanly (kernels shut down); wait


def cmd_bench(args: list[str]) -> int:
    if not args:
        sys.exit("usage: python3 run.py bench store|kernels|classroom|cards|frozen|hub [options]")
    ensure_apt()
    ensure_venv(test=True)
    if args[0] == "hub":  # a real JupyterHub: its proxy too
        ensure_proxy()
    script = ROOT / "benchmarks" / f"{'hub_service' if args[0] == 'hub' else args[0]}.py"
    return subprocess.run([str(PY), str(script), *args[1:]], cwd=ROOT, env=venv_env()).returncode


def main() -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py is started by any python3
        sys.exit("debate_kit needs Python 3.11 or newer.")
    verb, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("help", [])
    try:
        return dispatch(verb, args)
    except KeyboardInterrupt:
        say("stopped (Ctrl+C)")
        return 130


def dispatch(verb: str, args: list[str]) -> int:
    if verb == "test":
        return cmd_test(args)
    if verb == "serve":
        return cmd_serve(args)
    if verb == "bench":
        return cmd_bench(args)
    if verb == "setup":
        if "--test" in args:
            ensure_apt()
        ensure_venv(test="--test" in args)
        if "--test" in args:
            ensure_proxy()
        return 0
    print(__doc__)
    return 0 if verb in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main())
