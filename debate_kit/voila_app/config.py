"""The server's configuration, in one place: ``debate-kit serve`` uses it, and
``binder/jupyter_server_config.json`` is exactly :func:`shared_settings` (a test compares them whole).

- The voila and debate_kit server extensions (the student page needs no kernel; teacher pages do).
- No tracebacks on pages (``show_tracebacks``): errors are shown by the widgets in plain words.
- Kernels of closed or reloaded pages are shut down by :class:`ReapingKernelManager`.
- Websocket pings every 10 s; at each ping, a phone or laptop that has not answered for more than 20 s
  is dropped (20-30 s after its last answer; measured 20.0 s: ``python3 run.py bench frozen``,
  docs/running-a-class.md). Tornado's warning that the timeout "cannot be longer" than the interval is
  about its own pinger, which reads these settings as seconds and never acts (the terminal hides it).
- Connections that would linger are closed (:mod:`debate_kit.server.sockets` applies these): a student or
  second-screen socket that says no hello within 30 s; a request whose headers take more than 60 s
  (tornado's ``idle_connection_timeout``, also how long a kept-alive connection may wait for its next
  request) or whose body takes more than 60 s (``body_timeout``). jupyter_server has no option for the
  last two, so they sit in ``tornado_settings`` and the debate_kit extension sets them on the server.
- Kernels on Unix sockets (IPC transport), so a burst of kernel starts cannot collide on TCP ports.
- No preheated kernels: the query string (``?room=K7QF``) is not reliable under preheat.
- Nothing from a CDN: Voila's own template asks one for Font Awesome, and its pages for MathJax; the
  ``debate_kit`` template (``share/jupyter/voila/templates/debate_kit``, found through
  :data:`TEMPLATES_ROOT` on ``JUPYTER_PATH``) and the "null" MathJax settings leave both out.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from traitlets.config import Config

KERNEL_MANAGER = "debate_kit.voila_app.kernels.ReapingKernelManager"
#: A Jupyter data folder holding the ``debate_kit`` Voila template (put first on ``JUPYTER_PATH``).
TEMPLATES_ROOT = Path(__file__).resolve().parent / "share" / "jupyter"
PING_INTERVAL_MS = 10_000
PING_TIMEOUT_MS = 20_000
HELLO_SECONDS = 30.0
IDLE_CONNECTION_TIMEOUT = 60.0
BODY_TIMEOUT = 60.0

_SHARED: dict[str, Any] = {
    "ServerApp": {
        "jpserver_extensions": {"voila.server_extension": True, "debate_kit.server": True},
        "kernel_manager_class": KERNEL_MANAGER,
        "tornado_settings": {"ws_ping_interval": PING_INTERVAL_MS, "ws_ping_timeout": PING_TIMEOUT_MS,
                             # "null" for both: Voila's pages use no MathJax, so they fetch none from a CDN
                             "mathjax_url": "null", "mathjax_config": "null",
                             "debate_kit_hello_seconds": HELLO_SECONDS,
                             "idle_connection_timeout": IDLE_CONNECTION_TIMEOUT,
                             "body_timeout": BODY_TIMEOUT},
    },
    "VoilaConfiguration": {"show_tracebacks": False, "preheat_kernel": False, "template": "debate_kit"},
    "ReapingKernelManager": {"grace_seconds": 120.0, "unconnected_seconds": 120.0},
    "KernelManager": {"transport": "ipc"},
}


def shared_settings() -> dict[str, Any]:
    """What every launch mode sets (Binder's file is exactly this), as plain JSON-able data."""
    return copy.deepcopy(_SHARED)


def serve_config(*, notebooks: Path, port: int, ip: str, token: str, grace_seconds: float = 120.0,
                 unconnected_seconds: float = 120.0, log_level: int | str = "WARN") -> Config:
    """The ServerApp configuration of ``debate-kit serve``: the shared settings plus the laptop's."""
    cfg = Config(shared_settings())
    cfg.ReapingKernelManager.grace_seconds = grace_seconds
    cfg.ReapingKernelManager.unconnected_seconds = unconnected_seconds
    cfg.ServerApp.jpserver_extensions = {**_SHARED["ServerApp"]["jpserver_extensions"],
                                         "jupyter_server_terminals": False}
    cfg.ServerApp.terminals_enabled = False  # the laptop's terminal is not for the class
    cfg.ServerApp.root_dir = str(notebooks)
    cfg.ServerApp.default_url = "/voila/render/teacher.ipynb"
    cfg.ServerApp.ip = ip
    cfg.ServerApp.port = port
    cfg.ServerApp.port_retries = 0
    cfg.ServerApp.open_browser = False
    cfg.ServerApp.allow_root = True
    cfg.ServerApp.log_level = log_level
    cfg.IdentityProvider.token = token
    return cfg


def kernel_environment(runtime_dir: Path) -> dict[str, str]:
    """Environment for kernels: IPython history off (a shared SQLite file, locked in bursts)."""
    ipython_dir = runtime_dir / "ipython"
    profile = ipython_dir / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text(
        "c.HistoryManager.enabled = False\nc.HistoryManager.hist_file = ':memory:'\n"
    )
    return {"IPYTHONDIR": str(ipython_dir), "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "MPLBACKEND": os.environ.get("MPLBACKEND", "agg")}


def jupyter_path_with_templates() -> str:
    """``JUPYTER_PATH`` with debate_kit's template folder first (the server finds the template there)."""
    rest = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != str(TEMPLATES_ROOT)]
    return os.pathsep.join([str(TEMPLATES_ROOT), *rest])
