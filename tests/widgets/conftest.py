"""Fixtures for the widget tests: a real SQLite store, a small lesson, a teacher and students.

Students are :class:`~debate_kit.student.widget.StudentWidget` s, driven as their page drives them: the
identity widget's hello brings the device token, then each action is a message
(docs/student-protocol.md) whose answer (ack or error) is returned and also recorded in ``widget.sent``.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from debate_kit.core.lesson_model import (
    Lesson,
)
from debate_kit.store import Participant, Room, Store, open_store
from debate_kit.student.widget import StudentWidget
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.session import ClassSession
from debate_kit.widgets.teacher_console import TeacherConsole
from tests.lesson_fixture import make_lesson
from tests.widgets.browser import Recorder, click, hello, new_token, update

_request_ids = itertools.count(1)


def student_widget(store: Store, lesson: Lesson | None, *, code: str = "",
                   hub_user: str | None = None) -> StudentWidget:
    """A student's widget whose messages to the page are kept in ``widget.sent`` (no browser)."""
    widget = StudentWidget(store, lambda _id: lesson, code=code, hub_user=hub_user, identity=DeviceIdentity())
    sent: list[dict[str, Any]] = []
    widget.sent = sent  # type: ignore[attr-defined]
    widget.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    return widget


def act(widget: StudentWidget, kind: str, **fields: Any) -> dict[str, Any]:
    """Send one action as the page does (a fresh request id); return its answer (ack or error)."""
    rid = next(_request_ids)
    reply = widget.receive({"type": kind, "id": rid, **fields})
    assert reply is not None and reply["id"] == rid, reply
    assert widget.sent[-1] == reply  # type: ignore[attr-defined]  # the page got the same answer
    return reply


def participant(widget: StudentWidget) -> Participant:
    assert widget.session.participant is not None, widget.view
    return widget.session.participant


@pytest.fixture
def lesson() -> Lesson:
    return make_lesson(hostile=True)


@pytest.fixture
def wstore(sqlite_url: str) -> Iterator[Store]:
    with open_store(sqlite_url) as store:
        yield store


@dataclass
class Class:
    """A teacher console with a room, and helpers to add students."""

    store: Store
    lesson: Lesson
    console: TeacherConsole
    recorder: Recorder
    students: dict[str, StudentWidget] = field(default_factory=dict)
    sessions: list[ClassSession] = field(default_factory=list)  # students' ClassSessions, refreshed too

    @property
    def room(self) -> Room:
        assert self.console.session is not None
        return self.console.session.room

    @property
    def key(self) -> str:
        return self.recorder.keys()[self.room.code]

    def student(self, name: str, token: str | None = None) -> StudentWidget:
        """A student's page: the browser's token arrives, then the student joins as ``name``."""
        widget = student_widget(self.store, self.lesson, code=self.room.code)
        assert widget.identity is not None
        hello(widget.identity, token or new_token())
        reply = act(widget, "join", room=self.room.code, name=name, anonymous=False)
        assert reply["type"] == "ack", reply
        self.students[name] = widget
        return widget

    def act(self, who: str | StudentWidget, kind: str, **fields: Any) -> dict[str, Any]:
        """Student ``who`` (a name or a widget) sends an action; returns the answer."""
        return act(self.students[who] if isinstance(who, str) else who, kind, **fields)

    def view(self, name: str) -> dict[str, Any]:
        return self.students[name].view

    def pid(self, name: str) -> int:
        return participant(self.students[name]).id

    def class_session(self, name: str) -> ClassSession:
        """A student's ClassSession, for the ipywidgets components a student still uses (LessonApp's
        LessonPage); ``refresh`` redraws the views registered with it."""
        session = ClassSession(self.store, self.store.room_by_id(self.room.id),
                               participant=participant(self.students[name]),
                               load_lesson=lambda: self.lesson)
        self.sessions.append(session)
        return session

    def refresh(self) -> None:
        assert self.console.session is not None
        self.console.session.refresh()
        for widget in self.students.values():
            widget.redraw()
        for session in self.sessions:
            session.refresh()

    def poll_id(self, key: str) -> int:
        return next(p.id for p in self.store.polls(self.room.id) if p.key == key)


def open_class(store: Store, lesson: Lesson) -> Class:
    identity = DeviceIdentity()
    recorder = Recorder(identity)
    console = TeacherConsole(store, {lesson.id: lesson}, identity=identity)
    hello(identity)
    update(console.title, value="Period 3")
    click(console.create_button)
    assert console.session is not None, console.status.text
    return Class(store, lesson, console, recorder)


@pytest.fixture
def klass(wstore: Store, lesson: Lesson) -> Class:
    return open_class(wstore, lesson)


def show_private(klass: Class) -> None:
    """The teacher's "Show private details" (as PrivateSwitch sets it), then a redraw."""
    assert klass.console.session is not None
    klass.console.session.private_until = time.monotonic() + 60
    klass.refresh()


def hide_private(klass: Class) -> None:
    assert klass.console.session is not None
    klass.console.session.private_until = 0.0
    klass.refresh()
