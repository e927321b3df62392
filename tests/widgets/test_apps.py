"""The notebook entry points: messages instead of tracebacks, and a lean student kernel."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from debate_kit import apps
from debate_kit.content import load_lesson
from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import SeatPlan, assign_sides
from debate_kit.rooms import create_lesson_room
from debate_kit.store import open_store
from debate_kit.student.widget import StudentWidget
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.lesson_page import LessonPage
from debate_kit.widgets.teacher_console import TeacherConsole
from tests.widgets.browser import hello, text_of

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


def _student_page(query: str) -> tuple[Any, StudentWidget, list[dict[str, Any]]]:
    """apps.student_app(query), its StudentWidget and what the widget sends to the page."""
    page = apps.student_app(query)
    assert "dk-student-app" in page._dom_classes, page
    assert isinstance(page.student, StudentWidget) and isinstance(page.identity, DeviceIdentity)
    assert list(page.children) == [page.identity, page.student]
    sent: list[dict[str, Any]] = []
    page.student.send = lambda content, buffers=None: sent.append(content)
    return page, page.student, sent


def test_student_app_with_bad_code_explains(env: Path) -> None:
    page, student, sent = _student_page("room=KKKK")
    assert student.view["join"] == {"code": "KKKK", "hub_user": None} and student.view["room"] is None
    hello(page.identity)  # the browser's hello carries the code: the page shows the store's message
    assert [m["message"] for m in sent if m["type"] == "error"] == [
        "There is no room KKKK. Check the code on the board."]
    page, student, sent = _student_page("?room=%3Cscript%3E")
    hello(page.identity)
    assert len(sent) == 1 and "That is not a room code" in sent[0]["message"]
    assert student.view["stage"] == "join" and student.view["room"] is None
    page, student, sent = _student_page("")
    hello(page.identity)
    assert sent == [] and student.view["join"] == {"code": "", "hub_user": None}


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
    page, student, sent = _student_page(f"room={room.code}")
    hello(page.identity)
    assert sent == [] and student.view["room"]["code"] == room.code  # a known room: no message
    reply = student.receive({"type": "join", "id": 1, "room": room.code, "name": "Ann", "anonymous": False})
    assert reply is not None and reply["type"] == "ack", reply
    with open_store(os.environ["DEBATE_KIT_DB"]) as store:
        store.set_phase(room.id, _key, "reading")
    student.redraw()
    assert student.view["reading"] == {"lesson": "missing-lesson", "answers": {}, "read_only": False}
    assert student.lesson is None  # the broken lesson is not sent; the page says it cannot be shown
    lesson_page = apps.lesson_app(f"room={room.code}")
    from tests.widgets.browser import click

    click(lesson_page.read_only)
    assert "could not be loaded" in text_of(lesson_page.body)


def test_student_kernel_imports_nothing_heavy(env: Path) -> None:
    token = "ab" * 16
    with open_store(os.environ["DEBATE_KIT_DB"]) as store:  # the teacher's side, in another process
        lesson = load_lesson(Path(os.environ["DEBATE_KIT_READINGS"]) / "new-soviet-union")
        room, key = create_lesson_room(store, lesson, "P3")
        ann = store.join(room.id, "Ann", token)  # Ann joined earlier: her page is reloaded below
        others = [store.join(room.id, n, f"device-token-{n}-0123456789") for n in ("Bo", "Cy", "Di", "Ed")]
        people = [ann, *others]
        assignment = assign_sides([str(p.id) for p in people], SeatPlan(1, 2, 1), seed=1,
                                  locks={str(ann.id): "judge"})
        round_ = store.save_round(room.id, key, assignment, PRESETS["classroom"])
        store.publish_round(round_.id, key)
        store.set_scoring(round_.id, key, True)
        pre = next(p for p in store.polls(room.id) if p.key.endswith("-pre"))
        store.set_poll_state(pre.id, key, "open")
    code = f"""
import sys, json
import debate_kit.apps as a
from debate_kit.core.vocabulary import PHASES
page = a.student_app('room={room.code}')
student = page.student
answers = []
student.send = lambda content, buffers=None: answers.append(content)
page.identity._handle_msg({{"content": {{"data": {{"method": "custom", "content": {{
    "kind": "hello", "token": {token!r}}}}}}}, "buffers": []}})
reply = student.receive({{"type": "join", "id": 1, "room": '{room.code}', "name": "Ann", "anonymous": False}})
assert reply["type"] == "ack" and reply["message"].endswith("as Ann."), reply
store = student.store
keys = {{"pre-vote": "polls", "reading": "reading", "sides": "seat", "debate": "seat", "scoring": "scoring",
        "post-vote": "notice", "results": "results", "join": "notice"}}
for phase in PHASES:
    store.set_phase({room.id}, {key!r}, phase)
    student.redraw()
    view = student.view
    assert view["room"]["phase"] == phase and view[keys[phase]], view
    if phase == "pre-vote":
        reply = student.receive({{"type": "vote", "id": 2, "poll": {pre.id}, "option": "For"}})
        assert reply["type"] == "ack", reply
    if phase == "reading":
        assert student.lesson is not None and student.lesson["id"] == "new-soviet-union"
        prompt = student.lesson["sections"][0]["prompts"][0]["id"]
        reply = student.receive({{"type": "answer", "id": 3, "prompt": prompt, "text": "An answer."}})
        assert reply["type"] == "ack", reply
    if phase in ("sides", "debate"):
        assert view["seat"]["role"] == "judge" and view["seat"]["order"], view["seat"]
    if phase == "scoring":
        speech = view["scoring"]["speeches"][0]
        values = {{c["id"]: 3 for c in view["scoring"]["criteria"]}}
        reply = student.receive({{"type": "score", "id": 4, "speech": speech["id"], "values": values,
                                 "comment": ""}})
        assert reply["type"] == "ack", reply
    if phase == "results":
        assert [s["n"] for s in view["results"]["speeches"]][0] == 1, view["results"]
store.set_closed({room.id}, {key!r}, True)
student.redraw()
assert student.view["notice"].startswith("This room is closed"), student.view
assert all(m["type"] == "ack" for m in answers), answers
lesson = a.lesson_app('room={room.code}')
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {list(HEAVY)!r})))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
