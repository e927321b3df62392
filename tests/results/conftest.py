"""A real SQLite store with a demo class played through the Store API (shared by a module's tests)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from debate_kit.core.lesson_model import Lesson
from debate_kit.demo import fill_demo_class, shipped_lesson
from debate_kit.store import Room, Store, open_store


@dataclass
class Demo:
    store: Store
    room: Room
    key: str
    lesson: Lesson
    url: str


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    url = f"sqlite:///{tmp_path_factory.mktemp('results') / 'classroom.sqlite3'}"
    lesson = shipped_lesson()
    with open_store(url) as store:
        room, key = fill_demo_class(store, students=12, seed=1, lesson=lesson)
        yield Demo(store, room, key, lesson, url)
