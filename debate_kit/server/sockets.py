"""Connections that must not linger: written frames nobody reads, silent sockets, half-sent requests.

- :class:`Sender`: ``send`` for the kit's sockets: a view or an answer as compact JSON, never to a
  closed socket, its write future consumed.
- :func:`consume`: a frame written to a socket whose phone went away fails later, in its own future;
  consumed here, so the terminal never prints "Task exception was never retrieved".
- :func:`close_if_silent`: a socket that has not said hello within the time (30 s, the server settings)
  is closed: a real page says hello as soon as it connects.
- :func:`apply_http_timeouts`: tornado's ``idle_connection_timeout`` (headers of the next request, 1 h
  by default) and ``body_timeout`` (none by default), from the server settings
  (:mod:`debate_kit.voila_app.config`), set on the running HTTP server, so a half-sent request is
  closed in a minute. jupyter_server has no option for them.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

from tornado.ioloop import IOLoop

from debate_kit.voila_app.config import BODY_TIMEOUT, HELLO_SECONDS, IDLE_CONNECTION_TIMEOUT

log = logging.getLogger("debate_kit.server")
#: The close code and reason a silent socket gets (4000-4999: the application's own codes).
SILENT_CODE, SILENT_REASON = 4408, "No hello in time"


def _retrieve(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()  # read, so asyncio does not report it; a closed phone is not an error


def consume(future: object) -> None:
    """Read the outcome of a ``write_message`` future when it is done (any error included)."""
    if isinstance(future, asyncio.Future):
        future.add_done_callback(_retrieve)


class Sender:
    """``send(message)`` for a websocket handler with a ``closed`` flag (students, screens, presenter)."""

    closed = False

    def send(self, message: dict[str, Any] | str) -> None:
        from tornado.websocket import WebSocketClosedError

        if self.closed:
            return
        text = message if isinstance(message, str) else json.dumps(message, separators=(",", ":"))
        try:
            consume(self.write_message(text))  # type: ignore[attr-defined]
        except WebSocketClosedError:
            self.closed = True


def close_if_silent(handler: Any, said_hello: Callable[[], bool], seconds: float | None = None) -> object:
    """Close ``handler`` after ``seconds`` (the settings' ``debate_kit_hello_seconds``) unless
    ``said_hello()`` by then; returns the timer, for :func:`cancel` when the socket closes first."""
    if seconds is None:
        seconds = float(handler.settings.get("debate_kit_hello_seconds", HELLO_SECONDS))

    def check() -> None:
        if not getattr(handler, "closed", False) and not said_hello():
            handler.close(SILENT_CODE, SILENT_REASON)

    return IOLoop.current().call_later(seconds, check)


def cancel(timer: object) -> None:
    if timer is not None:
        IOLoop.current().remove_timeout(timer)


def apply_http_timeouts(serverapp: Any) -> None:
    """Set the HTTP server's header and body timeouts from the server settings (call once it exists)."""
    settings = serverapp.web_app.settings  # jupyter_server puts ``tornado_settings`` here
    idle = float(settings.get("idle_connection_timeout", IDLE_CONNECTION_TIMEOUT))
    body = float(settings.get("body_timeout", BODY_TIMEOUT))
    try:
        params = serverapp.http_server.conn_params
    except AttributeError:  # no HTTP server of its own (embedded): nothing to set
        log.debug("debate_kit: no HTTP server to set timeouts on")
        return
    params.header_timeout = idle
    params.body_timeout = body
