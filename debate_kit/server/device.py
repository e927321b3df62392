"""A phone's device token as an HttpOnly cookie, where many people's servers share one browser origin.

On a laptop the student page keeps its device token in localStorage (the same key as the notebooks'
DeviceIdentity). Behind a JupyterHub (the kit's hub service, a hub user's server, Binder:
``JUPYTERHUB_SERVICE_PREFIX`` is set) every user's server is served from the hub's one origin, so a
page from anyone's server could read that storage and take a student's token elsewhere. There the page
keeps nothing: the server sets the token as a cookie that scripts cannot read (``HttpOnly``), sent only
to this server's path (``Path`` = its base URL), never from another site (``SameSite=Strict``), and
``Secure`` on https; the socket takes the student's identity from it and ignores the token in
``hello``. A browser that refuses the cookie gets an identity for as long as the page is open.

What a cookie cannot do: a page from another user's server on the same origin, open in the student's
own browser, can still open this server's socket (the browser adds the cookie). Only separate origins
end that (JupyterHub's ``subdomain_host``); docs/jupyterhub.md says so.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from typing import Any

from tornado import web

COOKIE = "debate_kit_device"
TOKEN_RE = re.compile(r"[0-9a-f]{32}")
DAYS = 400  # browsers cap a cookie's life at about 400 days


def shared_origin(environ: Mapping[str, str] = os.environ) -> bool:
    """True behind a JupyterHub: its users' servers share one browser origin."""
    return bool(environ.get("JUPYTERHUB_SERVICE_PREFIX"))


def cookie_mode(handler: web.RequestHandler) -> bool:
    return bool(handler.settings.get("debate_kit_device_cookie"))


def device_cookie(handler: web.RequestHandler) -> str | None:
    """The request's device token from its cookie, if it is one this server could have set."""
    value = handler.get_cookie(COOKIE)
    return value if value is not None and TOKEN_RE.fullmatch(value) else None


def ensure_device_cookie(handler: Any) -> None:
    """Give this browser a device cookie unless it has one (scoped to the server's base URL)."""
    if device_cookie(handler) is not None:
        return
    https = handler.request.headers.get("X-Forwarded-Proto", handler.request.protocol) == "https"
    handler.set_cookie(COOKIE, secrets.token_hex(16), path=handler.base_url, expires_days=DAYS,
                       httponly=True, samesite="Strict", secure=https)
