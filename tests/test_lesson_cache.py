"""Lessons by id: a bounded cache, and an unknown or broken id logged once, on one line."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from debate_kit.lesson_cache import lesson_loader

READINGS = Path(__file__).resolve().parents[1] / "readings"
SHIPPED = "new-soviet-union"


def test_unknown_ids_log_one_line_once(caplog: pytest.LogCaptureFixture) -> None:
    load = lesson_loader(READINGS)
    with caplog.at_level(logging.DEBUG, logger="debate_kit"):
        for _ in range(3):
            for lesson_id in ("no-such-lesson", "another-one", "Bad Id!"):
                assert load(lesson_id) is None
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 3, lines
    assert all("\n" not in line for line in lines)
    assert "lesson no-such-lesson cannot be loaded: there is no lesson folder" in lines[0]


def test_a_flood_of_unknown_ids_neither_grows_the_cache_nor_the_log(caplog: pytest.LogCaptureFixture) -> None:
    load = lesson_loader(READINGS, size=4, logged=10)
    with caplog.at_level(logging.WARNING, logger="debate_kit"):
        for i in range(2000):
            assert load(f"guess-{i}") is None
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 11 and "no longer logged" in lines[-1]
    lesson = load(SHIPPED)
    assert lesson is not None and load(SHIPPED) is lesson, "a real lesson is read once"


def test_the_cache_keeps_the_most_recently_used_lessons_only(tmp_path: Path) -> None:
    for i in range(3):
        folder = tmp_path / f"lesson-{i}"
        shutil.copytree(READINGS / SHIPPED, folder)
        yaml = folder / "lesson.yaml"
        yaml.write_text(yaml.read_text().replace(f"id: {SHIPPED}", f"id: lesson-{i}", 1))
    load = lesson_loader(tmp_path, size=2)
    first = load("lesson-0")
    assert first is not None and load("lesson-0") is first
    load("lesson-1")
    load("lesson-2")  # lesson-0 was used least recently: out
    again = load("lesson-0")
    assert again is not None and again is not first and again == first


def test_a_broken_lesson_is_logged_once_on_one_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "lesson.yaml").write_text("title: [unclosed\n")
    load = lesson_loader(tmp_path)
    with caplog.at_level(logging.WARNING, logger="debate_kit"):
        assert load("broken") is None and load("broken") is None
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and "\n" not in lines[0] and "lesson broken cannot be loaded" in lines[0]
