"""The address students open: the light student page of a room, as text and QR target.

The console knows the teacher's own page address (from the browser). Students must not get that host
when it is loopback (``localhost`` on the teacher's laptop: phones cannot open it), so the server's
public address wins when it is known: ``DEBATE_KIT_PUBLIC_URL``, set by ``debate-kit serve`` to the LAN
address (or ``--public-url``). On Binder and JupyterHub the teacher's page is already at the public
host, and the server's base URL is the part of the path before ``voila/``.

The lesson notebook's Voila app for a room (:func:`lesson_notebook_link`) is not a student page: Voila
pages need the server's login, which the browser keeps per host, so its link stays on the teacher page's
own host (on Binder and JupyterHub that is the public one).
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

PUBLIC_URL_ENV = "DEBATE_KIT_PUBLIC_URL"
LOOPBACK_HOSTS = ("localhost", "::1", "[::1]", "0.0.0.0", "")
VOILA_RENDER = "/voila/render/"
_LESSON_ID = re.compile(r"^[a-z0-9-]{1,80}$")
_CODE = re.compile(r"^[A-Z0-9]{1,12}$")


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


def notebook_folder(page: str) -> str | None:
    """The folder of a Voila page's notebook under the server's root, with a trailing slash:
    ``…/voila/render/notebooks/teacher.ipynb`` -> ``notebooks/``, ``…/voila/render/teacher.ipynb`` -> ``''``.
    None when ``page`` is not a Voila page."""
    path = unquote(urlsplit(page).path)
    cut = path.find(VOILA_RENDER)
    if cut < 0:
        return None
    rest = path[cut + len(VOILA_RENDER):]
    return rest.rsplit("/", 1)[0] + "/" if "/" in rest else ""


def lesson_notebook_link(page: str, code: str, lesson_id: str) -> str:
    """The lesson notebook's Voila app in room mode, ``…/voila/render/<folder>lessons/<id>.ipynb?room=CODE``,
    beside the teacher's notebook on the teacher page's own server and host; '' when ``page`` is not a
    Voila page or the id or code is not of the expected shape."""
    folder = notebook_folder(page) if page.startswith(("http://", "https://")) else None
    if folder is None or not _LESSON_ID.match(lesson_id) or not _CODE.match(code):
        return ""
    path = quote(f"{folder}lessons/{lesson_id}.ipynb", safe="/")
    return f"{server_root(page)}{VOILA_RENDER.lstrip('/')}{path}?room={code}"
