"""The status line under a form, and ``guarded``: the one way a widget callback reports an error.

ipywidgets swallows exceptions raised in callbacks, and under Voila nobody would see them. Every
callback that reacts to a browser event is decorated with :func:`guarded`: a :class:`DebateKitError`
is shown with its message (written for students); anything else is logged and shown as a plain
request to tell the teacher. A guarded callback stores nothing once it has raised.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as w

from debate_kit.core.errors import DebateKitError

log = logging.getLogger("debate_kit.widgets")
GENERIC_ERROR = "Something went wrong; please tell your teacher."
F = TypeVar("F", bound=Callable[..., Any])


class StatusLine(w.HTML):
    """A one-line message: ``ok`` (green), ``error`` (red), or ``info``; text is always escaped."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("dk-status")
        self.kind = "info"
        self.text = ""

    def _show(self, kind: str, text: str) -> None:
        self.kind, self.text = kind, text
        role = ' role="alert"' if kind == "error" else ' role="status"'
        colour = {"ok": "#1b5e20", "error": "#b71c1c", "info": "#333"}[kind]
        self.value = (
            f'<div class="dk-status-{kind}"{role} style="color:{colour}">{html.escape(text)}</div>'
            if text else ""
        )

    def ok(self, text: str) -> None:
        self._show("ok", text)

    def error(self, text: str) -> None:
        self._show("error", text)

    def info(self, text: str) -> None:
        self._show("info", text)

    def clear(self) -> None:
        self._show("info", "")


def guarded(method: F) -> F:
    """Decorate a widget method that has ``self.status``: errors end up there, never as tracebacks."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except DebateKitError as error:
            self.status.error(error.message)
        except Exception:
            log.exception("debate_kit widget callback %s failed", method.__qualname__)
            self.status.error(GENERIC_ERROR)
        return None

    return wrapper  # type: ignore[return-value]
