"""The base of the public student routes: tornado's handler without Jupyter's per-request machinery.

jupyter_server's ``JupyterHandler`` asks the identity provider for a user on every request (the
token, then the login cookie), checks the Host header, and sets the XSRF cookie and its page headers:
about 1 ms of server CPU per request, measured, which a class of 500 phones opening the page and its
socket within a second pays twice each. The student routes need none of it: they are public by design
(no student has a Jupyter login), hold no teacher operation, and every right comes from the device
token checked against the store (see handlers.py). They keep the rest: the server's settings, its
request log, its ``base_url``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from jupyter_server.utils import origin_matches_pat
from tornado import web

from debate_kit.core.forwarded import LOOPBACK, client_address


class PublicHandler(web.RequestHandler):
    """A public route of the kit: no login lookup, no XSRF cookie, the server's ``base_url``."""

    @property
    def base_url(self) -> str:
        return str(self.settings.get("base_url", "/"))

    def set_default_headers(self) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")


def request_address(handler: Any) -> str:
    """The phone's address for the per-address limits: the connection's own peer (never tornado's
    ``xheaders`` reading of it), or, from a trusted proxy (settings' ``debate_kit_trusted_proxies``), the
    client it names in ``X-Forwarded-For`` (:func:`debate_kit.core.forwarded.client_address`)."""
    request = handler.request
    context = getattr(request.connection, "context", None)
    peer = getattr(context, "_orig_remote_ip", None) or request.remote_ip or "?"
    trusted = handler.settings.get("debate_kit_trusted_proxies", LOOPBACK)
    return client_address(peer, request.headers.get("X-Forwarded-For"), trusted)


def origin_allowed(settings: dict, origin: str | None, host: str | None) -> bool:
    """jupyter_server's websocket rule: no Origin, the page's own host, or the server's allowed origins
    (``allow_origin``: ``*`` on Binder; ``allow_origin_pat``)."""
    allow = settings.get("allow_origin", "")
    if allow == "*" or origin is None or host is None:
        return True
    origin = origin.lower()
    if urlparse(origin).netloc == host:
        return True
    if allow:
        return bool(allow == origin)
    pattern = settings.get("allow_origin_pat", "")
    return bool(pattern) and bool(origin_matches_pat(pattern, origin))
