"""Kernel clean-up: Voila's defaults against debate_kit's configuration, under page reloads.

    python3 run.py bench kernels [--pages 3] [--reloads 10] [--seconds 60] [--grace 5] [--json PATH]

Both servers serve the same folder (the bare baseline notebook, one ipywidgets Button) on loopback.
Each of P pages is opened, then reloaded R times at the protocol level (GET the page, open the kernel
websocket, close it: what a browser does on reload, minus the refused shutdown beacon); the last view of
each page stays open. Then the kernels still running and their total RSS are sampled for T seconds.

- ``voila``: ``python -m voila DIR --no-browser --port ... --Voila.ip=127.0.0.1`` with empty Jupyter
  config/data/runtime folders and an empty working directory (no voila.json anywhere): Voila's defaults.
- ``debate-kit serve``: ReapingKernelManager with a small ``--grace``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from protocol import Page, has_class

from debate_kit.testing import VoilaServer, free_port, kernels_of

ROOT = Path(__file__).resolve().parent.parent
BARE = ROOT / "tests" / "notebooks" / "bare.ipynb"


def log(text: str) -> None:
    print(f"[kernels {time.strftime('%H:%M:%S')}] {text}", flush=True)


class PlainVoila:
    """``python -m voila DIR`` with nothing configured."""

    def __init__(self, notebooks: Path) -> None:
        self.notebooks = notebooks
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = Path(tempfile.mkdtemp(prefix="dk-plain-voila-"))
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> PlainVoila:
        env = dict(os.environ)
        for name in ("CONFIG", "DATA", "RUNTIME"):
            folder = self.dir / f"jupyter-{name.lower()}"
            folder.mkdir(parents=True, exist_ok=True)
            env[f"JUPYTER_{name}_DIR"] = str(folder)
        env.pop("DEBATE_KIT_DB", None)
        work = self.dir / "cwd"
        work.mkdir()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "voila", str(self.notebooks), "--no-browser", f"--port={self.port}",
             "--Voila.ip=127.0.0.1"],
            env=env, cwd=work, stdout=open(self.dir / "server.log", "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("voila did not start")

    def kernels(self) -> list[int]:
        return kernels_of(self.proc.pid if self.proc else None)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        pids = self.kernels()
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def total_rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            total += psutil.Process(pid).memory_info().rss
        except psutil.Error:
            continue
    return total / 2**20


def view(url: str) -> Page:
    page = Page(url).open()
    page.wait(has_class("dk-bare-button"), 120)
    return page


def exercise(name: str, server: Any, args: argparse.Namespace) -> dict[str, Any]:
    url = f"{server.url}/voila/render/bare.ipynb"
    if hasattr(server, "authed"):  # debate-kit serve: the teacher's pages are behind the token
        url = server.authed(url)
    log(f"{name}: {args.pages} pages, each reloaded {args.reloads} times")
    pages = [view(url) for _ in range(args.pages)]
    for _ in range(args.reloads):
        for i, page in enumerate(pages):
            page.close()
            pages[i] = view(url)
    views = args.pages * (args.reloads + 1)
    start = time.monotonic()
    samples = []
    while True:
        elapsed = time.monotonic() - start
        pids = server.kernels()
        samples.append({"t": round(elapsed, 1), "kernels": len(pids), "rss_mb": round(total_rss_mb(pids))})
        if elapsed >= args.seconds:
            break
        time.sleep(min(args.sample, args.seconds - elapsed))
    settled = next((s["t"] for s in samples if s["kernels"] <= args.pages), None)
    alive = sum(1 for p in pages if not p.closed)
    for page in pages:
        page.close()
    last = samples[-1]
    log(f"{name}: {last['kernels']} kernels ({last['rss_mb']} MB) after {last['t']} s")
    return {"server": name, "views": views, "open_pages": alive, "kernels_after": last["kernels"],
            "kernel_rss_mb_after": last["rss_mb"], "settled_after_s": settled, "samples": samples}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--reloads", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to watch after the reloads")
    parser.add_argument("--sample", type=float, default=5.0)
    parser.add_argument("--grace", type=float, default=5.0, help="debate-kit serve --grace")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    out: dict[str, Any] = {
        "machine": {"node": platform.node(), "nproc": os.cpu_count(), "loadavg": os.getloadavg(),
                    "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
                    "when": time.strftime("%Y-%m-%d %H:%M")},
        "command": " ".join(sys.argv), "pages": args.pages, "reloads": args.reloads,
        "seconds": args.seconds, "grace_s": args.grace, "runs": [],
    }
    folder = Path(tempfile.mkdtemp(prefix="dk-kernels-"))
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    (notebooks / "bare.ipynb").write_bytes(BARE.read_bytes())
    plain = PlainVoila(notebooks).start()
    try:
        out["runs"].append(exercise("voila (defaults)", plain, args))
    finally:
        plain.stop()
    kit = VoilaServer(f"sqlite:///{folder / 'db.sqlite3'}", notebooks=notebooks, grace=args.grace,
                      unconnected=max(30.0, args.grace), workdir=folder / "kit")
    kit.start()
    try:
        out["runs"].append(exercise(f"debate-kit serve --grace {args.grace:g}", kit, args))
    finally:
        kit.stop()
    print(f"\n{args.pages} pages x {args.reloads} reloads ({args.pages * (args.reloads + 1)} page views), "
          f"{args.pages} left open; watched {args.seconds:g} s")
    print("| server | kernels after | kernel RSS after (MB) | back to open pages after (s) |")
    print("|---|---|---|---|")
    for run in out["runs"]:
        settled = "never" if run["settled_after_s"] is None else f"{run['settled_after_s']:.0f}"
        print(f"| {run['server']} | {run['kernels_after']} | {run['kernel_rss_mb_after']} | {settled} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
