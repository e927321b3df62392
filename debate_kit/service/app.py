"""``debate-kit service``: the JupyterHub service process (started by the hub, or run by itself).

A Jupyter server stripped to what the service needs: no kernels, no contents, no terminals, no API of
its own (``default_services`` is empty); an unknowable token guards anything not meant to be public.
It serves, under the hub's ``JUPYTERHUB_SERVICE_PREFIX``, the students' routes (debate_kit.server) and
the teacher's routes (debate_kit.service: hub OAuth). It alone holds ``DEBATE_KIT_DB``.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
from urllib.parse import urlsplit

from debate_kit.service.auth import cookie_secret

REQUIRED = ("JUPYTERHUB_SERVICE_PREFIX", "JUPYTERHUB_SERVICE_URL", "JUPYTERHUB_API_TOKEN")


def run_service(db: str, *, verbose: bool = False) -> int:
    """Run until stopped; the hub gives the address and the OAuth settings in the environment."""
    missing = [name for name in REQUIRED if not os.environ.get(name)]
    if missing:
        print(f"debate-kit service runs under JupyterHub (c.JupyterHub.services); missing: "
              f"{', '.join(missing)}. See docs/jupyterhub.md.", file=sys.stderr)
        return 2
    from jupyter_server.serverapp import ServerApp
    from traitlets.config import Config

    from debate_kit.store import open_store

    store = open_store(db)  # fail early with the store's own message
    os.environ["DEBATE_KIT_DB"] = store.url
    store.close()
    where = urlsplit(os.environ["JUPYTERHUB_SERVICE_URL"])

    class ServiceApp(ServerApp):  # type: ignore[misc]
        name = "debate-kit-service"
        default_services = ()  # no kernels, contents, terminals or API: only the kit's own routes

    cfg = Config()
    cfg.ServerApp.jpserver_extensions = {"debate_kit.server": True, "debate_kit.service": True}
    cfg.ServerApp.base_url = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    cfg.ServerApp.default_url = "/debate-kit/rooms"
    cfg.ServerApp.ip = where.hostname or "127.0.0.1"
    cfg.ServerApp.port = where.port or 80
    cfg.ServerApp.port_retries = 0
    cfg.ServerApp.open_browser = False
    cfg.ServerApp.allow_root = True
    cfg.ServerApp.terminals_enabled = False
    cfg.ServerApp.root_dir = tempfile.mkdtemp(prefix="debate-kit-service-")
    cfg.ServerApp.cookie_secret = cookie_secret()
    cfg.ServerApp.log_level = "INFO" if verbose else "WARN"
    cfg.ServerApp.tornado_settings = {"ws_ping_interval": 10000, "ws_ping_timeout": 20000}
    cfg.IdentityProvider.token = secrets.token_urlsafe(32)  # nobody's: nothing private is reachable
    app = ServiceApp(config=cfg)
    app.initialize(argv=[], find_extensions=False)
    app.start()
    return 0
