"""Fixtures for the widget tests: a real SQLite store, a small lesson, a teacher and students."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from debate_kit.core.lesson_model import (
    DEFAULT_RUBRIC,
    CounterReading,
    Lesson,
    Motion,
    PollSpec,
    Prompt,
    Section,
    Source,
)
from debate_kit.store import Room, Store, open_store
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.student_app import StudentApp
from debate_kit.widgets.teacher_console import TeacherConsole
from tests.widgets.browser import Recorder, click, hello, new_token, update


def make_lesson() -> Lesson:
    sections = (
        Section("opening", "History repeating itself?", 1, "First paragraph.\n\nSecond paragraph.",
                (Prompt("opening-claim", "claim", "What does it claim?"),
                 Prompt("opening-language", "language", "What does the wording suggest?"))),
        Section("integration", "Integration", 2, "The treaty was signed.",
                (Prompt("integration-counter", "counter", "How could someone answer?"),)),
    )
    readings = (
        CounterReading("treaty", "The treaty <b>in</b> practice", ("integration",), "2026-11-28",
                       "What was signed.\n\nWhat was done.",
                       (Source("1", "TASS", "Union State news", "2024-01-06", "https://tass.com/x"),
                        Source("2", "Evil", "Bad link", "2024", "javascript:alert(1)"))),
    )
    return Lesson(
        id="new-soviet-union", title="A new Soviet Union?", essay_title="The new Soviet Union",
        essay_origin="An anonymous essay.", essay_written="2024", sections=sections,
        counter_readings=readings,
        motions=(Motion("main", "This house believes the Union State is a new USSR."),),
        polls=(PollSpec("repeat-history", "opening", "agree", "History repeats itself.", ()),
               PollSpec("evidence", "integration", "choice", "Best evidence?", ("Treaties", "Polls"))),
        rubric=DEFAULT_RUBRIC, glossary=(), teacher_guide="",
    )


@pytest.fixture
def lesson() -> Lesson:
    return make_lesson()


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
    students: dict[str, StudentApp] = field(default_factory=dict)

    @property
    def room(self) -> Room:
        assert self.console.session is not None
        return self.console.session.room

    @property
    def key(self) -> str:
        return self.recorder.keys()[self.room.code]

    def student(self, name: str, token: str | None = None) -> StudentApp:
        app = StudentApp(self.store, lambda _id: self.lesson, code=self.room.code, identity=DeviceIdentity())
        hello(app.identity, token or new_token())
        if app.session is None:
            update(app.join.name, value=name)
            click(app.join.button)
        self.students[name] = app
        return app

    def refresh(self) -> None:
        assert self.console.session is not None
        self.console.session.refresh()
        for app in self.students.values():
            if app.session is not None:
                app.session.refresh()

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
