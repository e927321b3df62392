"""``debate-kit serve``: open the store, start Voila on the notebooks, print where to go.

The teacher's URL is printed on the machine running the server; the students' URL uses the computer's
LAN address so that phones on the same Wi-Fi can reach it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import tempfile
import webbrowser
from pathlib import Path

from debate_kit.config import PROJECT_DIR
from debate_kit.store import open_store
from debate_kit.voila_app.config import kernel_environment, voila_config

NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"


def lan_addresses() -> list[str]:
    """This computer's IPv4 addresses other than loopback (what students type on their phones)."""
    found: list[str] = []
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = str(info[4][0])
            if not address.startswith("127.") and address not in found:
                found.append(address)
    except OSError:
        pass
    return found


def app_urls(host: str, port: int, base_url: str = "/") -> dict[str, str]:
    root = f"http://{host}:{port}{base_url}"
    return {
        name: f"{root}voila/render/{name}.ipynb"
        for name in ("teacher", "student", "lesson", "results")
    }


def serve(*, port: int, db: str, ip: str = "0.0.0.0", open_browser: bool = True,
          grace_seconds: float = 120.0, unconnected_seconds: float = 120.0, verbose: bool = False,
          notebooks: Path | None = None) -> int:
    """Run Voila until interrupted. Returns the exit code."""
    store = open_store(db)  # fail early, with the store's message, if the database can't be used
    os.environ["DEBATE_KIT_DB"] = store.url
    store.close()
    runtime = Path(tempfile.mkdtemp(prefix="debate-kit-"))
    os.environ.update(kernel_environment(runtime))

    from voila.app import Voila

    cfg = voila_config(grace_seconds=grace_seconds, unconnected_seconds=unconnected_seconds,
                       log_level="INFO" if verbose else "WARN")
    app = Voila(config=cfg)
    app.config_file_paths = []  # our configuration only, not a voila.json from wherever we were run
    app.initialize([str(notebooks or NOTEBOOKS_DIR), f"--port={port}", f"--Voila.ip={ip}", "--no-browser",
                    "--Voila.port_retries=0"])
    teacher = app_urls("localhost", port)["teacher"]
    lan = lan_addresses()
    lines = [
        "",
        "debate_kit is running. Keep this window open during the lesson; press Ctrl+C to stop.",
        f"  Store:           {store.url}",
        f"  Teacher console: {teacher}",
    ]
    if ip in ("0.0.0.0", "") and lan:
        lines += [f"  Students open:   {app_urls(a, port)['student']}" for a in lan]
    else:
        lines.append(f"  Students open:   {app_urls(ip or 'localhost', port)['student']}")
    lines.append("  (The teacher console shows the join code, the link and a QR code for the class.)\n")
    print("\n".join(lines), flush=True)
    if open_browser:
        webbrowser.open(teacher)
    with contextlib.suppress(KeyboardInterrupt):
        app.start()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve(port=8866, db=os.environ.get("DEBATE_KIT_DB", "")))
