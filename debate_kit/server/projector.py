"""The projector on a second screen: a page and a websocket, no kernel, opened from the console.

``GET {base}debate-kit/projector/CODE`` serves the page; it reads the room's teacher key from this
browser's localStorage (kept there by the console; never in a URL) and sends it in the socket's first
message. The key is checked against the store once, on the store thread; from then on the socket is a
member of the room's channel (:mod:`debate_kit.server.hub`) and gets the projector view of every
snapshot, as students get theirs. The view holds nothing private, so no teacher operation exists here.
Contract: docs/projector-protocol.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.base.websocket import WebSocketMixin
from tornado import web
from tornado.websocket import WebSocketHandler

from debate_kit.core.errors import DebateKitError, InvalidInput, NotAllowed, NotFound
from debate_kit.core.validation import normalize_join_code
from debate_kit.links import student_link
from debate_kit.projector.qr import qr_rows
from debate_kit.projector.view import projector_view
from debate_kit.server.hub import Hub
from debate_kit.server.page import send_template
from debate_kit.server.public import request_address
from debate_kit.server.sockets import Sender, cancel, close_if_silent
from debate_kit.student.session import error
from debate_kit.student.snapshot import RoomSnapshot

PROJECTOR_STATIC = Path(__file__).resolve().parent.parent / "projector" / "static"
MAX_HELLO = 4096
NO_KEY = ("This screen needs the room's teacher key: open it from the teacher console, in the browser "
          "where you created the room.")


class ProjectorSession:
    """One second screen: its room (after the key was checked) and how its view is made."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.room_id: int | None = None
        self.lesson_id = ""
        self.link = ("", False)

    def view(self, snap: RoomSnapshot | None) -> dict[str, Any] | None:
        if snap is None:
            return None
        link, reachable = self.link
        return projector_view(snap, self.hub.lessons(self.lesson_id), link=link, reachable=reachable,
                              qr=list(qr_rows(link)) if link else [])

    def hello(self, raw: object) -> None:
        """Check the first message (on the store thread): the room, its teacher key, the page's address."""
        if not isinstance(raw, dict) or raw.get("type") != "hello":
            raise InvalidInput("hello-first", "The screen must say hello first.")
        code = normalize_join_code(raw.get("room"))
        key, page = raw.get("key"), raw.get("page")
        store = self.hub.threads.store
        try:
            room = store.room(code)
        except NotFound:  # answered as a wrong key: this socket is no way to test codes
            raise NotAllowed("teacher-key", NO_KEY) from None
        if not isinstance(key, str) or len(key) > 100 or not store.is_teacher(room.id, key):
            raise NotAllowed("teacher-key", NO_KEY)
        if not (isinstance(page, str) and len(page) <= 500 and page.startswith(("http://", "https://"))):
            page = ""
        self.link = student_link(page, room.code) if page else ("", False)
        self.lesson_id = room.lesson
        self.room_id = room.id


def projector_values(base: str, room: str, settings: dict[str, Any], mode: str) -> dict[str, str]:
    """What projector.html is filled with: addresses, the room, the cache buster and the mode
    ("screen": a second screen with the key from this browser; "present": the hub service's)."""
    return {"base": base, "room": room, "static": f"{base}debate-kit/static/",
            "pstatic": f"{base}debate-kit/projector-static/", "mode": mode,
            "version": settings.get("debate_kit_version", "0")}


class ProjectorPageHandler(JupyterHandler):
    """``GET {base}debate-kit/projector/CODE``: the second screen's page (it shows nothing by itself)."""

    @allow_unauthenticated
    def get(self, code: str) -> None:
        try:
            room = normalize_join_code(code)
        except InvalidInput as problem:
            raise web.HTTPError(404, "No such room") from problem
        send_template(self, PROJECTOR_STATIC / "projector.html",
                      projector_values(self.base_url, room, self.settings, "screen"))


class ProjectorSocket(Sender, WebSocketMixin, WebSocketHandler, JupyterHandler):
    """``{base}debate-kit/projector-ws``: one per second screen; one ``hello``, then views."""

    last_view = ""

    def set_default_headers(self) -> None:
        """No Jupyter page headers on a websocket."""

    @property
    def max_message_size(self) -> int:
        return MAX_HELLO

    @allow_unauthenticated
    async def get(self, *args: Any, **kwargs: Any) -> None:
        limits = self.settings["debate_kit_limits"]
        if limits.full(request_address(self)):
            raise web.HTTPError(503, "Too many open pages")
        await super().get(*args, **kwargs)

    def open(self, *args: Any, **kwargs: Any) -> None:
        super().open()
        self.hub: Hub = self.settings["debate_kit_hub"]
        self.session = ProjectorSession(self.hub)
        self.closed = False
        self.hello_timer = close_if_silent(self, lambda: self.session.room_id is not None)

    async def on_message(self, text: str | bytes) -> None:
        if self.session.room_id is not None:
            return  # one hello per screen; nothing else is listened to
        try:
            raw = json.loads(text)
            await self.hub.threads.run(self.session.hello, raw)
        except DebateKitError as problem:
            self.send(error(problem.code, problem.message))
            self.close()
            return
        except (ValueError, TypeError):
            self.send(error("message-json", "The screen sent something unreadable."))
            self.close()
            return
        if not self.closed:
            self.hub.place(self, None)

    def on_close(self) -> None:
        self.closed = True
        cancel(getattr(self, "hello_timer", None))
        self.hub.leave(self, self.session.room_id)
