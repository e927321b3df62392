"""The teacher's login for ``debate-kit serve``, kept per store, so a restart logs nobody out.

Jupyter logs a browser in with the server's token and then trusts a cookie signed with the server's
cookie secret (named after the host and port). Both are kept here, per store, in a folder only this user
can read (``~/.local/share/debate_kit/serve/<hash of the store URL>/``, 0700; files 0600), so a restarted
``serve`` on the same port accepts the projector's cookie. Neither is ever printed or logged.

- ``JUPYTER_TOKEN`` overrides the token (nothing is written here); the cookie secret is then Jupyter's
  own (``jupyter_cookie_secret`` in Jupyter's runtime folder), as for any Jupyter server.
- ``new=True`` (``serve --new-token``) replaces the token and the cookie secret: every browser that was
  logged in must log in again.
- The secret Jupyter signs with is the stored secret mixed with the token, so a cookie only ever works
  with the token it was given for.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SERVE_HOME = Path("~/.local/share/debate_kit/serve")
TOKEN_FILE = "token"
SECRET_FILE = "cookie_secret"


@dataclass(frozen=True, repr=False)
class Login:
    """The server's token and the secret its login cookies are signed with (never shown)."""

    token: str
    cookie_secret: bytes
    folder: Path | None  # where they are kept (None: the token came from JUPYTER_TOKEN)

    def __repr__(self) -> str:
        return f"Login(folder={self.folder})"  # no secret in a traceback or a debugger


def login_folder(store_url: str) -> Path:
    """This store's folder: a short hash of its URL (the URL itself may hold a database password)."""
    digest = hashlib.sha256(store_url.encode()).hexdigest()[:16]
    return SERVE_HOME.expanduser() / digest


def _private_folder(folder: Path) -> Path:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def _keep(path: Path, make: bytes, replace: bool) -> bytes:
    """The file's bytes; made (0600, never readable by others, even for a moment) when missing."""
    if not replace:
        try:
            found = path.read_bytes().strip()
        except FileNotFoundError:
            found = b""
        if found:
            path.chmod(0o600)
            return found
    fresh = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(make)
    os.replace(fresh, path)
    return make


def _jupyter_cookie_secret() -> bytes:
    """Jupyter's own cookie secret (its runtime folder), as a plain Jupyter server would use it."""
    from jupyter_core.paths import jupyter_runtime_dir

    folder = Path(jupyter_runtime_dir())
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return _keep(folder / "jupyter_cookie_secret", secrets.token_urlsafe(32).encode(), replace=False)


def one_run_login() -> Login:
    """A login for this run only (when none can be kept): a restart will ask browsers to log in again."""
    token = secrets.token_urlsafe(32)
    return Login(token=token, cookie_secret=secrets.token_bytes(32), folder=None)


def load_login(store_url: str, *, new: bool = False, environ: Mapping[str, str] = os.environ) -> Login:
    """The login for this store: kept from the last run, or made now (``new`` makes new ones)."""
    given = environ.get("JUPYTER_TOKEN", "")
    if given:
        token, secret, folder = given, _jupyter_cookie_secret(), None
    else:
        folder = _private_folder(login_folder(store_url))
        token = _keep(folder / TOKEN_FILE, secrets.token_urlsafe(32).encode(), new).decode()
        secret = _keep(folder / SECRET_FILE, secrets.token_urlsafe(32).encode(), new)
    signing = hmac.new(secret, token.encode(), hashlib.sha256).digest()
    return Login(token=token, cookie_secret=signing, folder=folder)
