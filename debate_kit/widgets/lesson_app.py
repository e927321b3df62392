"""LessonApp: the lesson page on its own. A student joins the room first (to save answers and vote
in section polls) or reads without joining."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from debate_kit.core.lesson_model import Lesson
from debate_kit.store import Participant, Room, Store
from debate_kit.widgets._html import message
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.join import JoinView
from debate_kit.widgets.lesson_page import LessonPage
from debate_kit.widgets.session import ClassSession


class LessonApp(w.VBox):
    """Join (or "Just read") above; the :class:`LessonPage` below once chosen."""

    def __init__(
        self,
        store: Store,
        load_lesson: Callable[[str], Lesson | None],
        *,
        code: str = "",
        hub_user: str | None = None,
        identity: DeviceIdentity | None = None,
    ) -> None:
        self.store = store
        self.load_lesson = load_lesson
        self.identity = identity or DeviceIdentity()
        self.session: ClassSession | None = None
        self.page: LessonPage | None = None
        self.join = JoinView(store, self.identity, self._joined, code=code, hub_user=hub_user)
        self.read_only = w.Button(description="Just read", tooltip="Read the lesson without joining")
        self.read_only.add_class("dk-lesson-readonly")
        self.read_only.on_click(self._read)
        self.status = StatusLine()
        self.body = w.VBox()
        super().__init__([self.identity, self.join, self.read_only, self.status, self.body])
        self.add_class("dk-lesson-app")
        self.join.start()

    def _lesson(self, room: Room) -> Lesson | None:
        lesson = self.load_lesson(room.lesson)
        if lesson is None:
            self.body.children = [w.HTML(message(
                "The lesson text could not be loaded: please tell your teacher.", kind="error"))]
        return lesson

    def _joined(self, room: Room, participant: Participant) -> None:
        lesson = self._lesson(room)
        self.read_only.layout.display = "none"
        if lesson is None:
            return
        self.session = ClassSession(self.store, room, lesson, participant=participant)
        self.page = LessonPage(lesson, self.session)
        self.session.register(self.page)
        self.join.layout.display = "none"
        self.body.children = [self.page]
        self.session.start_live()

    @guarded
    def _read(self, _button: Any = None) -> None:
        """"Just read": only for a page that has not joined (hidden after joining, but a page can still
        send the click: the joined state decides, not the button)."""
        if self.session is not None or self.join.participant is not None:
            return
        lesson = self._lesson(self.store.room(self.join.code.value))
        if lesson is not None:
            self.page = LessonPage(lesson, None)
            self.body.children = [self.page]
