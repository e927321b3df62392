"""DeviceIdentity: who this browser is, from its localStorage, and the teacher keys it keeps.

The browser side (``identity.js``) keeps a random device token in localStorage, so a reload or a second
tab in the same browser is the same participant. It sends the token, any teacher keys it keeps and the
page's address (without query) as a *custom message* after the page connects; nothing secret is a
synced trait. Python keeps what arrived in plain (unsynced) traits, so views react with observers.
The page also sends a ``ping`` every few seconds and shows a banner (``dk-connection-lost``) when no
``pong`` comes back: the server stopped, the kernel was shut down or the network went away.
The values come from the browser and may be forged: the token is only checked for shape here, and
teacher keys are only *offered*: whoever uses them must check them with ``store.is_teacher``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from debate_kit.core.validation import normalize_join_code

_TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_KEYS = 20


class DeviceIdentity(anywidget.AnyWidget):
    """An invisible widget: display it once on the page; observe ``token`` and ``teacher_keys``."""

    _esm = (Path(__file__).with_name("identity.js")).read_text(encoding="utf-8")
    #: The apps' few styles (phone layout, projector join code), injected once per page by anywidget.
    _css = "\n".join(p.read_text(encoding="utf-8") for p in (
        Path(__file__).parent.parent / "student" / "static" / "tokens.css",
        Path(__file__).with_name("style.css")))
    token = t.Unicode("", help="The device token sent by this browser ('' until it arrives). Not synced.")
    teacher_keys = t.Dict(help="Join code -> teacher key offered by this browser (unchecked). Not synced.")
    page = t.Unicode("", help="The page's address without query, as the browser reported it. Not synced.")
    console_state = t.Dict(help="The console's last place in this browser: room, tab, mode. Not synced.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._on_browser_msg)

    def _on_browser_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("kind") == "ping":
            self.send({"kind": "pong"})  # the page's heartbeat: no answer means the server is gone
            return
        if not isinstance(content, dict) or content.get("kind") != "hello":
            return
        token = content.get("token")
        if isinstance(token, str) and _TOKEN_RE.match(token):
            self.token = token
        page = content.get("page")
        if isinstance(page, str) and len(page) <= 500 and page.startswith(("http://", "https://")):
            self.page = page
        self.console_state = _clean_console(content.get("console"))
        self.teacher_keys = _clean_keys(content.get("teacher_keys"))

    def keep_teacher_key(self, code: str, key: str) -> None:
        """Ask the browser to keep ``key`` for room ``code`` (in localStorage, never in a URL)."""
        self.send({"kind": "keep-teacher-key", "code": code, "key": key})

    def remember_console(self, room: str, tab: int, mode: str) -> None:
        """Ask the browser to keep the console's place (no secret: a code, a tab number, a mode)."""
        self.send({"kind": "remember-console", "state": {"room": room, "tab": tab, "mode": mode}})

    def ask(self) -> None:
        """Ask the browser to send its hello again."""
        self.send({"kind": "ask"})


def _clean_keys(raw: object) -> dict[str, str]:
    if not isinstance(raw, dict):
        return {}
    keys: dict[str, str] = {}
    for code, key in list(raw.items())[:MAX_KEYS]:
        try:
            code = normalize_join_code(code)
        except Exception:
            continue
        if isinstance(key, str) and _KEY_RE.match(key):
            keys[code] = key
    return keys


def _clean_console(raw: object) -> dict[str, object]:
    """The console's place as the browser kept it, checked: a join code, a tab 0-20, a known mode."""
    if not isinstance(raw, dict):
        return {}
    try:
        room = normalize_join_code(raw.get("room"))
    except Exception:
        return {}
    tab = raw.get("tab")
    mode = raw.get("mode")
    return {"room": room, "tab": tab if isinstance(tab, int) and not isinstance(tab, bool) and 0 <= tab <= 20
            else 0, "mode": mode if mode in ("present", "preview") else "present"}
