"""Who the teacher is on a JupyterHub, and the key the service uses for them.

The hub's OAuth says who a request comes from (``HubOAuth``: the service's cookie, set after the hub's
login; scopes ``access:services!service=<name>``). A room made through the service belongs to that hub
user (and the co-teachers they name). The store still checks a teacher key for every teacher
operation: on a hub that key is derived here, ``HMAC(service secret, room's salt)``, from a secret only
the service's process holds. No browser, user server or log ever sees a key or the database URL.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Any

SECRET_ENV = "DEBATE_KIT_SERVICE_SECRET"


def service_folder() -> Path:
    """Where the service keeps its secret (and cookie secret): only its own account can read it."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "debate_kit" / "service"


def _kept(name: str, make: Any) -> bytes:
    folder = service_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
    path = folder / name
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(make())
    return path.read_bytes()


def service_secret() -> bytes:
    """The secret the room keys are derived from: ``DEBATE_KIT_SERVICE_SECRET`` or a kept file."""
    given = os.environ.get(SECRET_ENV, "")
    if given:
        return given.encode()
    return _kept("secret", lambda: secrets.token_hex(32).encode())


def cookie_secret() -> bytes:
    """The service's cookie-signing secret, kept so that a restart keeps teachers logged in."""
    return _kept("cookie_secret", lambda: secrets.token_bytes(32))


def new_salt() -> str:
    return secrets.token_hex(16)


def room_key(secret: bytes, salt: str) -> str:
    """The teacher key of a hub room: only whoever holds the service's secret can make it."""
    return hmac.new(secret, f"debate-kit room {salt}".encode(), hashlib.sha256).hexdigest()[:48]


def hub_user(handler: Any) -> str | None:
    """The hub user name of this request (the service's OAuth cookie), or None."""
    auth = handler.settings.get("hub_auth")
    if auth is None:
        return None
    try:
        model = auth.get_user(handler)
    except Exception:
        return None
    name = model.get("name") if isinstance(model, dict) else None
    return name if isinstance(name, str) and name else None


async def still_signed_in(handler: Any, user: str) -> bool | None:
    """Whether the hub still signs ``handler``'s cookie in as ``user`` (asked again, through the hub's
    short cache: a logout ends it); None if the hub did not answer."""
    auth = handler.settings.get("hub_auth")
    if auth is None:
        return False
    handler.__dict__.pop("_cached_hub_user", None)  # jupyterhub keeps one answer per handler
    try:
        model = await auth.get_user(handler, sync=False)
    except Exception:
        return None
    return isinstance(model, dict) and model.get("name") == user
