"""Playing the browser: messages a page (or a forger holding the kernel's websocket) can send."""

from __future__ import annotations

import itertools
from typing import Any

import ipywidgets as w

from debate_kit.widgets.identity import DeviceIdentity

_tokens = itertools.count(1)


def new_token() -> str:
    return f"{next(_tokens):032x}"


def click(button: w.Button) -> None:
    """A click as the front end sends it (works on disabled and hidden buttons too, as in real life)."""
    button._handle_msg({"content": {"data": {"method": "custom", "content": {"event": "click"}}},
                        "buffers": []})


def update(widget: w.Widget, **state: Any) -> None:
    """A trait update as the front end sends it (any synced trait: value, max, options, disabled...)."""
    widget._handle_msg({"content": {"data": {"method": "update", "state": state}}, "buffers": []})


def custom(widget: w.Widget, content: dict[str, Any]) -> None:
    widget._handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": []})


def hello(identity: DeviceIdentity, token: str | None = None, keys: dict[str, str] | None = None,
          page: str = "http://10.0.0.5:8866/voila/render/teacher.ipynb") -> str:
    """The identity widget's first message after the page connects; returns the token sent."""
    token = token or new_token()
    custom(identity, {"kind": "hello", "token": token, "teacher_keys": keys or {}, "page": page})
    return token


class Recorder:
    """Replaces ``identity.send`` to see what Python asked the browser to keep."""

    def __init__(self, identity: DeviceIdentity) -> None:
        self.sent: list[dict[str, Any]] = []
        identity.send = self.record  # type: ignore[method-assign]

    def record(self, content: dict[str, Any], buffers: Any = None) -> None:
        self.sent.append(content)

    def keys(self) -> dict[str, str]:
        return {m["code"]: m["key"] for m in self.sent if m.get("kind") == "keep-teacher-key"}


def walk(widget: Any) -> list[Any]:
    """The widget and all its descendants (children of boxes, tabs)."""
    found = [widget]
    for child in getattr(widget, "children", ()) or ():
        found += walk(child)
    return found


def text_of(widget: Any) -> str:
    """All HTML/description text shown by a widget tree."""
    parts = []
    for item in walk(widget):
        if isinstance(item, w.HTML | w.HTMLMath | w.Label):
            parts.append(item.value)
        elif hasattr(item, "description"):
            parts.append(str(item.description))
    return "\n".join(parts)
