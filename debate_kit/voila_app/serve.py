"""``debate-kit serve``: a Jupyter server with the voila and debate_kit extensions, for one classroom.

Teacher pages (console, results) are Voila notebooks behind a token, as Jupyter does; the token is in
the link printed here and opened in the teacher's browser, which is sent on at once to a clean address
(the projector shows the address bar). Students open the light page of the debate_kit extension at the
computer's LAN address (or ``--public-url``), with no token and no kernel. ``JUPYTER_TOKEN`` sets
the token, as for any Jupyter server (tests use it); otherwise a new random one is made per run.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
import webbrowser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from debate_kit.config import notebooks_dir
from debate_kit.links import PUBLIC_URL_ENV, is_loopback
from debate_kit.server.redact import drop_unshown
from debate_kit.server.redact import install as install_log_filters
from debate_kit.store import open_store
from debate_kit.store.backends import redact_url
from debate_kit.voila_app.config import jupyter_path_with_templates, kernel_environment, serve_config
from debate_kit.voila_app.login import load_login, one_run_login

NOTEBOOKS_DIR = notebooks_dir()
LISTEN_BACKLOG = 1024


def lan_addresses() -> list[str]:
    """This computer's IPv4 addresses other than loopback (what phones on the same Wi-Fi can reach).

    First the address of the interface that would carry traffic out (no packet is sent), then the
    addresses the host name resolves to.
    """
    found: list[str] = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.255.255.255", 1))
        found.append(str(probe.getsockname()[0]))
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    return [a for a in dict.fromkeys(found) if not a.startswith(("127.", "0."))]


def student_root(ip: str, port: int, public_url: str | None) -> str | None:
    """The address students open, ending in "/": ``--public-url``, the LAN address, or None."""
    if public_url:
        return public_url if public_url.endswith("/") else public_url + "/"
    if ip not in ("0.0.0.0", "", "::") and not is_loopback(ip):
        return f"http://{ip}:{port}/"
    if ip in ("0.0.0.0", "", "::"):
        lan = lan_addresses()
        if lan:
            return f"http://{lan[0]}:{port}/"
    return None


def teacher_opener(folder: Path, login: str) -> Path:
    """A page, readable only by this user, that sends the browser to ``login`` (which holds the token).

    The terminal shows this file's name, not the token; the server redirects the login to a clean address.
    """
    path = folder / "teacher-console.html"
    path.write_text(f'<!doctype html><meta charset="utf-8"><title>debate_kit</title>'
                    f'<meta http-equiv="refresh" content="0;url={login}">'
                    f'<p><a href="{login}">Open the teacher console</a></p>', encoding="utf-8")
    path.chmod(0o600)
    return path


class ClassroomServer:  # built lazily: importing jupyter_server costs a second
    @staticmethod
    def make(cfg: Any) -> Any:
        from jupyter_server.serverapp import ServerApp

        class App(ServerApp):  # type: ignore[misc]
            name = "debate-kit-serve"

            def init_signal(self) -> None:
                """Ctrl+C stops at once and cleanly (kernels shut down), without Jupyter's y/n prompt."""
                super().init_signal()
                signal.signal(signal.SIGINT, self._stop_asked)

            def _stop_asked(self, sig: int, frame: Any) -> None:
                """The first Ctrl+C stops; another one while the kernels shut down changes nothing."""
                if self._stop_requested:
                    return
                self._stop_requested = True
                print("\nStopping debate_kit (closing the teacher pages' kernels)…", flush=True)
                self.io_loop.add_callback_from_signal(self.io_loop.stop)

            _stop_requested = False

        return App(config=cfg)


def serve(*, port: int, db: str, ip: str = "0.0.0.0", open_browser: bool = True,
          grace_seconds: float = 120.0, unconnected_seconds: float = 120.0, verbose: bool = False,
          notebooks: Path | None = None, public_url: str | None = None, token: str | None = None,
          new_token: bool = False) -> int:
    """Run the classroom server until interrupted. Returns the exit code."""
    store = open_store(db)  # fail early, with the store's message, if the database can't be used
    url = store.url
    store.close()
    os.environ["DEBATE_KIT_DB"] = url
    if public_url is not None and urlsplit(public_url).scheme not in ("http", "https"):
        print(f"debate-kit: --public-url must start with http:// or https:// (got {public_url!r})",
              file=sys.stderr)
        return 2
    students = student_root(ip, port, public_url)
    if students:
        os.environ[PUBLIC_URL_ENV] = students
    given = token or os.environ.get("JUPYTER_TOKEN")
    if given and new_token:
        print("debate-kit: --new-token does nothing while JUPYTER_TOKEN sets the token: unset "
              "JUPYTER_TOKEN (or give it a new value)", file=sys.stderr)
        return 2
    try:
        login = load_login(url, new=new_token, environ={"JUPYTER_TOKEN": given} if given else {})
    except OSError as problem:
        if given:
            raise
        print(f"debate-kit: the login cannot be kept for the next start ({problem.strerror}: "
              f"{problem.filename}); after a restart, open the new Teacher console link", file=sys.stderr)
        login = one_run_login()
    token = login.token
    runtime = Path(tempfile.mkdtemp(prefix="debate-kit-"))
    try:
        os.environ.update(kernel_environment(runtime))
        os.environ["JUPYTER_PATH"] = jupyter_path_with_templates()
        # Kernels' connection files and IPC sockets: a short path (a Unix socket path has at most 107
        # characters), removed when the server stops.
        os.environ["JUPYTER_RUNTIME_DIR"] = str(runtime / "rt")
        log_level = logging.INFO if verbose else logging.WARNING
        cfg = serve_config(notebooks=(notebooks or NOTEBOOKS_DIR).resolve(), port=port, ip=ip, token=token,
                           grace_seconds=grace_seconds, unconnected_seconds=unconnected_seconds,
                           log_level=log_level)
        cfg.ServerApp.cookie_secret = login.cookie_secret  # kept: a restart keeps browsers logged in
        app = ClassroomServer.make(cfg)
        app.initialize(argv=[], find_extensions=False)
        install_log_filters(app.log, quiet=not verbose)
        drop_unshown(app.log, log_level)
        # A class joining at once: tornado listens with a backlog of 128, and a burst of 500 phones
        # overflowed it (147 connections dropped and retried after 1 s; BENCHMARKS.md). The server
        # binds when it starts; Linux caps the backlog at net.core.somaxconn.
        app.http_server.listen = functools.partial(app.http_server.listen, backlog=LISTEN_BACKLOG)
        opener = teacher_opener(runtime, f"http://localhost:{port}/debate-kit/teacher?token={token}")
        lines = [
            "",
            "debate_kit is running. Keep this window open during the lesson; press Ctrl+C to stop.",
            f"  Store:           {redact_url(url)}",
            f"  Teacher console: {opener.as_uri()}",
            "                   (open it on this computer: it logs you in and shows the console; the",
            "                    secret login stays out of this window and the address bar)",
        ]
        if students:
            lines.append(f"  Students open:   {students}debate-kit/join/CODE  (the console shows the "
                         "code, the link and a QR code)")
        else:
            lines.append("  Students:        no network address found that phones can reach; connect to "
                         "the Wi-Fi, or give --public-url http://ADDRESS:PORT/")
        if new_token:
            lines.append("  New login:       browsers that were logged in must open the link above again")
        print("\n".join(lines) + "\n", flush=True)
        if open_browser:
            webbrowser.open(opener.as_uri())
        app.start()
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    print("debate_kit stopped. Start it again with the same command: open consoles come back by themselves.",
          flush=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve(port=8866, db=os.environ.get("DEBATE_KIT_DB", "")))
