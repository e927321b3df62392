"""The address students open: the light student page of a room, as text and QR target.

The console knows the teacher's own page address (from the browser). Students must not get that host
when it is loopback (``localhost`` on the teacher's laptop: phones cannot open it), so the server's
public address wins when it is known: ``DEBATE_KIT_PUBLIC_URL``, set by ``debate-kit serve`` to the LAN
address (or ``--public-url``). On Binder and JupyterHub the teacher's page is already at the public
host, and the server's base URL is the part of the path before ``voila/``.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

PUBLIC_URL_ENV = "DEBATE_KIT_PUBLIC_URL"
LOOPBACK_HOSTS = ("localhost", "::1", "[::1]", "0.0.0.0", "")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def server_root(page: str) -> str:
    """The server's root (base URL) from a page address: ``https://h/user/ann/voila/...`` -> ``https://h/user/ann/``."""
    parts = urlsplit(page)
    path = parts.path
    cut = path.find("/voila/")
    if cut < 0:  # the kit's own pages; on a hub service the base itself ends in /debate-kit/
        cut = path.rfind("/debate-kit/")
    root = path[: cut + 1] if cut >= 0 else path.rsplit("/", 1)[0] + "/"
    return urlunsplit((parts.scheme, parts.netloc, root, "", ""))


def student_link(page: str, code: str, public_root: str | None = None) -> tuple[str, bool]:
    """(The student page's address for room ``code``, whether phones can reach it).

    ``public_root`` (default: ``DEBATE_KIT_PUBLIC_URL``) wins; otherwise the teacher page's server root.
    The second value is False when the address is loopback (it works only on the teacher's computer).
    """
    root = public_root if public_root is not None else os.environ.get(PUBLIC_URL_ENV, "")
    if not root:
        root = server_root(page) if page else ""
    if not root:
        return "", False
    if not root.endswith("/"):
        root += "/"
    link = f"{root}debate-kit/join/{code}"
    return link, not is_loopback(urlsplit(link).hostname or "")
