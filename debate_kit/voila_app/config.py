"""The project's Voila configuration, in one place (``voila.json`` at the top of the repo mirrors it).

- No tracebacks for students (``show_tracebacks``): errors are shown by the widgets in plain words.
- Kernels of closed or reloaded pages are shut down by :class:`ReapingKernelManager`.
- Websocket pings every 10 s, so a frozen phone is noticed after about 40 s.
- Kernels on Unix sockets (IPC transport), so a burst of kernel starts cannot collide on TCP ports.
- Quiet logs: jupyter_server logs kernel ids at INFO, and a kernel id is a bearer secret.
- No preheated kernels: the query string (``?room=K7QF``) is not reliable under preheat, and a pooled
  kernel costs memory for every notebook in the folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from traitlets.config import Config

KERNEL_MANAGER = "debate_kit.voila_app.kernels.ReapingKernelManager"
PING_INTERVAL_MS = 10_000
PING_TIMEOUT_MS = 30_000


def voila_config(*, grace_seconds: float = 120.0, unconnected_seconds: float = 120.0,
                 log_level: str = "WARN") -> Config:
    cfg = Config()
    cfg.VoilaConfiguration.show_tracebacks = False
    cfg.VoilaConfiguration.preheat_kernel = False
    cfg.VoilaConfiguration.multi_kernel_manager_class = KERNEL_MANAGER
    cfg.ReapingKernelManager.grace_seconds = grace_seconds
    cfg.ReapingKernelManager.unconnected_seconds = unconnected_seconds
    # Kernels talk to the server over Unix sockets, not loopback TCP ports: with TCP, a kernel started
    # in a burst (a class joining at once) can lose the race for its port and die before the page shows.
    cfg.KernelManager.transport = "ipc"
    cfg.Voila.tornado_settings = {
        "ws_ping_interval": PING_INTERVAL_MS,
        "ws_ping_timeout": PING_TIMEOUT_MS,
    }
    cfg.Voila.log_level = log_level
    cfg.Voila.open_browser = False
    return cfg


def kernel_environment(runtime_dir: Path) -> dict[str, str]:
    """Environment for students' kernels: IPython history off (a shared SQLite file, locked in bursts)."""
    ipython_dir = runtime_dir / "ipython"
    profile = ipython_dir / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text(
        "c.HistoryManager.enabled = False\nc.HistoryManager.hist_file = ':memory:'\n"
    )
    return {"IPYTHONDIR": str(ipython_dir), "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "MPLBACKEND": os.environ.get("MPLBACKEND", "agg")}
