"""Fixtures for the student logic without Jupyter: a real SQLite store, a small lesson, a room made for it.

Students here are :class:`~debate_kit.student.session.StudentSession` s, as the server and the notebook
widget hold them; a view is what that session would send now (``session.view`` of a fresh snapshot).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from debate_kit.core.lesson_model import (
    Lesson,
)
from debate_kit.rooms import create_lesson_room
from debate_kit.store import Participant, Room, Store, open_store
from debate_kit.student.session import StudentSession
from debate_kit.student.snapshot import read_snapshot
from tests.lesson_fixture import make_lesson

_ids = itertools.count(1)
_tokens = itertools.count(1)


def new_token() -> str:
    return f"student-device-{next(_tokens):016d}"


def send(session: StudentSession, kind: str, **fields: Any) -> dict[str, Any]:
    """One action as a page sends it (a fresh id); returns the answer, which echoes the id."""
    rid = next(_ids)
    reply = session.receive({"type": kind, "id": rid, **fields})
    assert reply is not None and reply["id"] == rid, reply
    return reply


@dataclass
class Klass:
    """A room made for the lesson (polls in draft), its teacher key, and student sessions by name."""

    store: Store
    lesson: Lesson
    room: Room
    key: str

    def session(self, *, hub_user: str | None = None) -> StudentSession:
        return StudentSession(self.store, lambda _id: self.lesson, hub_user=hub_user)

    def student(self, name: str, token: str | None = None) -> StudentSession:
        """A session that said hello with a device token and joined as ``name``."""
        session = self.session()
        assert session.receive({"type": "hello", "token": token or new_token(), "room": ""}) is None
        reply = send(session, "join", room=self.room.code, name=name, anonymous=False)
        assert reply["type"] == "ack", reply
        return session

    def view(self, session: StudentSession) -> dict[str, Any]:
        """What ``session`` would be shown now."""
        room_id = session.room_id
        return session.view(read_snapshot(self.store, room_id) if room_id is not None else None)

    def poll_id(self, key: str) -> int:
        return next(p.id for p in self.store.polls(self.room.id) if p.key == key)

    def phase(self, phase: str) -> None:
        self.store.set_phase(self.room.id, self.key, phase)

    def poll(self, key: str, state: str) -> int:
        pid = self.poll_id(key)
        self.store.set_poll_state(pid, self.key, state)
        return pid


def me(session: StudentSession) -> Participant:
    assert session.participant is not None
    return session.participant


@pytest.fixture
def lesson() -> Lesson:
    return make_lesson()


@pytest.fixture
def sstore(sqlite_url: str) -> Iterator[Store]:
    with open_store(sqlite_url) as store:
        yield store


@pytest.fixture
def klass(sstore: Store, lesson: Lesson) -> Klass:
    room, key = create_lesson_room(sstore, lesson, "Period 3")
    return Klass(sstore, lesson, room, key)
