"""The notebook entry points: messages instead of tracebacks, and a lean student kernel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from debate_kit import apps
from debate_kit.store import open_store
from debate_kit.widgets.lesson_page import LessonPage
from debate_kit.widgets.student_app import StudentApp
from debate_kit.widgets.teacher_console import TeacherConsole
from tests.widgets.browser import text_of

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "numpy", "segno", "matplotlib", "scipy", "psycopg")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    readings = tmp_path / "readings"
    shutil.copytree(ROOT / "readings" / "new-soviet-union", readings / "new-soviet-union")
    guide = readings / "new-soviet-union" / "teacher-guide.md"
    if not guide.exists():
        guide.write_text("# Teacher guide\n\nRun the debate.\n", encoding="utf-8")
    monkeypatch.setenv("DEBATE_KIT_DB", str(tmp_path / "db.sqlite3"))
    monkeypatch.setenv("DEBATE_KIT_READINGS", str(readings))
    return tmp_path


def test_student_app_with_bad_code_explains(env: Path) -> None:
    app = apps.student_app("room=KKKK")
    assert isinstance(app, StudentApp)
    assert "There is no room KKKK" in app.join.status.text
    app = apps.student_app("?room=%3Cscript%3E")
    assert "That is not a room code" in app.join.status.text
    assert isinstance(apps.student_app(""), StudentApp)


def test_unusable_store_gives_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "not-a-db.sqlite3"
    bad.write_bytes(b"this is not sqlite" * 100)
    monkeypatch.setenv("DEBATE_KIT_DB", str(bad))
    for make in (apps.student_app, apps.teacher_app, apps.lesson_app):
        widget = make("room=K7QF")
        assert "dk-app-error" in widget._dom_classes
        assert "cannot be opened" in widget.value


def test_teacher_app_loads_the_real_lesson(env: Path) -> None:
    console = apps.teacher_app("")
    assert isinstance(console, TeacherConsole)
    assert "new-soviet-union" in console.lessons, console.gate.children[0].value


def test_lesson_app_read_only_and_broken_lesson(env: Path) -> None:
    page = apps.lesson_app("lesson=new-soviet-union")
    assert isinstance(page, LessonPage) and len(page.lesson.sections) >= 2
    broken = apps.lesson_app("lesson=no-such-lesson")
    assert "cannot be shown" in broken.value
    with open_store(os.environ["DEBATE_KIT_DB"]) as store:
        room, _key = store.create_room("P3", "missing-lesson")
    app = apps.student_app(f"room={room.code}")
    assert isinstance(app, StudentApp) and app.join.status.text == ""
    lesson_page = apps.lesson_app(f"room={room.code}")
    from tests.widgets.browser import click

    click(lesson_page.read_only)
    assert "could not be loaded" in text_of(lesson_page.body)


def test_student_kernel_imports_nothing_heavy(env: Path) -> None:
    with open_store(os.environ["DEBATE_KIT_DB"]) as store:
        room, key = store.create_room("P3", "new-soviet-union")
    code = f"""
import sys, json
import debate_kit.apps as a
from debate_kit.widgets.identity import DeviceIdentity
app = a.student_app('room={room.code}')
app.identity._handle_msg({{"content": {{"data": {{"method": "custom", "content": {{
    "kind": "hello", "token": "ab" * 16}}}}}}, "buffers": []}})
app.join.name.value = 'Ann'
app.join.button.click()
assert app.session is not None, app.join.status.text
from debate_kit.core.validation import PHASES
for phase in PHASES:
    app.session.store.set_phase(app.session.room.id, {key!r}, phase)
    app.session.refresh()
lesson = a.lesson_app('room={room.code}')
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {list(HEAVY)!r})))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
