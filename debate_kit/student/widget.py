"""StudentWidget: the student page in a notebook (JupyterLab, a JupyterHub student's own server, Voila).

The same front-end module as the light page (``static/student.js``), loaded by anywidget, and the same
:class:`StudentSession` in the kernel; only the transport differs: the view and the lesson are synced
traits, actions arrive as custom messages and their answers go back the same way. The device token
comes from :class:`DeviceIdentity` (or the JupyterHub user, in a student's own server).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from debate_kit.core.lesson_model import Lesson
from debate_kit.core.rate import MESSAGE_BURST, MESSAGES_PER_SECOND, SLOW_DOWN, Bucket
from debate_kit.core.student_protocol import request_id
from debate_kit.store import Store
from debate_kit.store.feed import follow
from debate_kit.student.lesson_data import lesson_data
from debate_kit.student.session import StudentSession, error
from debate_kit.student.snapshot import read_snapshot
from debate_kit.widgets.identity import DeviceIdentity

log = logging.getLogger("debate_kit.student")
STATIC = Path(__file__).resolve().parent / "static"


class StudentWidget(anywidget.AnyWidget):
    """The student's page; ``session`` holds who they are and checks every action against the store."""

    _esm = (STATIC / "student.js").read_text(encoding="utf-8")
    _css = "\n".join((STATIC / f).read_text(encoding="utf-8") for f in ("tokens.css", "student.css"))
    view = t.Dict(help="What this student may see now (docs/student-protocol.md).").tag(sync=True)
    lesson = t.Dict(allow_none=True, default_value=None, help="The lesson text, once reading starts.").tag(
        sync=True)
    connection = t.Unicode("open", help='"reconnecting" while the class database is away.').tag(sync=True)

    def __init__(self, store: Store, lessons: Callable[[str], Lesson | None], *, code: str = "",
                 hub_user: str | None = None, identity: DeviceIdentity | None = None) -> None:
        super().__init__()
        self.store = store
        self.lessons = lessons
        self.session = StudentSession(store, lessons, hub_user=hub_user)
        self.session.code = code.strip()[:12]
        self._task: asyncio.Task[None] | None = None
        self._following: int | None = None
        self._bucket = Bucket(MESSAGES_PER_SECOND, MESSAGE_BURST)
        self.on_msg(self._on_browser_msg)
        self.identity = identity
        if hub_user:
            self.receive({"type": "hello", "token": "", "room": self.session.code})
        elif identity is not None:
            identity.observe(self._token_arrived, "token")
            if identity.token:
                self._token_arrived()
        self.redraw()

    def _token_arrived(self, _change: Any = None) -> None:
        if self.identity is not None and self.identity.token:
            self.receive({"type": "hello", "token": self.identity.token, "room": self.session.code})

    def _on_browser_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not self._bucket.allow(time.monotonic()):  # the same limit as a websocket's
            self.send(error("slow-down", SLOW_DOWN, request_id(content)))
            return
        self.receive(content)

    def receive(self, message: object) -> dict[str, Any] | None:
        """Handle one message from the page (or the identity); answer it; redraw."""
        reply = self.session.receive(message)
        if reply is not None:
            self.send(reply)
        self.redraw()
        self._follow()
        return reply

    def redraw(self) -> None:
        """Re-read the room from the store and show this student's view of it."""
        room_id = self.session.room_id
        try:
            snap = read_snapshot(self.store, room_id) if room_id is not None else None
        except Exception:
            log.exception("debate_kit: cannot read the room")
            return
        view = self.session.view(snap)
        if view != self.view:
            self.view = view
        reading = view.get("reading")
        if reading and (self.lesson is None or self.lesson.get("id") != reading["lesson"]):
            lesson = self.lessons(reading["lesson"])
            self.lesson = lesson_data(lesson) if lesson is not None else None

    def _follow(self) -> None:
        """Follow the room's change feed (in a running kernel; tests call ``redraw`` themselves)."""
        room_id = self.session.room_id
        if room_id is None or room_id == self._following:
            return
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_running_loop()
            if self._task is not None:
                self._task.cancel()
            self._following = room_id
            self._task = loop.create_task(self._updates(room_id))

    async def _updates(self, room_id: int) -> None:
        async for _revision in follow(self.store, room_id, self._trouble):  # re-subscribes after an outage
            self.redraw()

    def _trouble(self, lost: bool) -> None:
        """The page's banner (student.js): "reconnecting" while the database is away."""
        self.connection = "reconnecting" if lost else "open"


def student_page(store: Store, lessons: Callable[[str], Lesson | None], *, code: str = "",
                 hub_user: str | None = None) -> Any:
    """The notebook's student page: the browser's identity and the student widget, in one box."""
    import ipywidgets as w

    identity = DeviceIdentity()
    student = StudentWidget(store, lessons, code=code, hub_user=hub_user, identity=identity)
    page = w.VBox([identity, student])
    page.add_class("dk-student-app")
    page.identity, page.student = identity, student  # type: ignore[attr-defined]
    return page
