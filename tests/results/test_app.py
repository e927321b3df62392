"""The results page: unlocked only by the room's teacher key (from the browser or as an argument)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from debate_kit.core.privacy import HIDDEN
from debate_kit.core.swing import RULE_TEXT
from debate_kit.demo import fill_demo_class, shipped_lesson
from debate_kit.results import results_app
from debate_kit.results.app import LOCKED, WAITING, ResultsApp
from debate_kit.store import Store, open_store
from debate_kit.widgets._html import esc
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.private import BANNER, PrivateSwitch
from tests.results.conftest import Demo
from tests.widgets.browser import click, hello, text_of

ROOT = Path(__file__).resolve().parents[2]
WRONG_KEY = "x" * 24


def page(demo: Demo, keys: dict[str, str] | None, code: str | None = None) -> ResultsApp:
    app = ResultsApp(demo.store, demo.room.code if code is None else code, identity=DeviceIdentity())
    if keys is not None:
        hello(app.identity, keys=keys)  # type: ignore[arg-type]
    return app


def shows_no_data(app: ResultsApp, demo: Demo) -> None:
    text = text_of(app)
    assert not app.unlocked
    assert app.body.children == () and app.downloads.value == ""
    assert "data:" not in text and "Results:" not in text
    for person in demo.store.participants(demo.room.id):
        assert person.name not in text


def test_waits_for_the_browser_then_locks_without_a_key(demo: Demo) -> None:
    app = page(demo, None)
    assert WAITING in app.gate.value
    shows_no_data(app, demo)
    hello(app.identity)  # type: ignore[arg-type]
    assert esc(LOCKED) in app.gate.value
    assert "Open the results from the teacher console on the teacher&#x27;s computer" in app.gate.value
    shows_no_data(app, demo)


@pytest.mark.parametrize("keys", [{}, "wrong", "other-room"])
def test_missing_or_wrong_key_shows_the_message_and_no_data(demo: Demo, keys: object) -> None:
    if keys == "wrong":
        keys = {demo.room.code: WRONG_KEY}
    elif keys == "other-room":
        other, other_key = demo.store.create_room("Other class", "new-soviet-union")
        # The other room's (valid) key offered under this room's code, and under its own code.
        keys = {demo.room.code: other_key, other.code: other_key}
    app = page(demo, keys)  # type: ignore[arg-type]
    assert "teacher console" in app.gate.value
    shows_no_data(app, demo)
    if isinstance(keys, dict) and len(keys) == 2:
        assert '?room=' in app.gate.value  # a link to the room this browser does teach


def test_the_right_key_shows_everything(demo: Demo) -> None:
    app = page(demo, {demo.room.code: demo.key, "KKKK": WRONG_KEY, "<b>": "y" * 20})
    assert app.unlocked, app.gate.value
    text = text_of(app)
    assert f"Results: {demo.room.title} ({demo.room.code})" in text
    for heading in ("Motion vote and swing", "Section polls", "Rebuttal speeches", "Participation",
                    "Answers", "Downloads"):
        assert heading in text
    assert " wins: " in text or "A tie" in text
    assert "For (Proposition)" in text and "Against (Opposition)" in text and RULE_TEXT in text
    assert "voted before the debate and" in text and "out of 20" in text
    assert "Krippendorff" in text
    names = [person.name for person in demo.store.participants(demo.room.id)]
    body = "".join(x.value for x in app.body.children)
    assert not any(name in body for name in names), "the page may be on the projector"
    assert HIDDEN in body
    switch = app.private.children[0]
    assert isinstance(switch, PrivateSwitch)
    click(switch.button)  # the console's switch: a minute of private details, with its banner
    body = "".join(x.value for x in app.body.children)
    assert all(name in body for name in names) and BANNER in switch.banner.value
    assert "Who (private)" in body and HIDDEN not in body
    click(switch.button)
    assert not any(name in "".join(x.value for x in app.body.children) for name in names)
    assert "data:application/vnd.openxmlformats" in app.downloads.value
    assert app.downloads.value.count("data:text/csv") == 13
    click(app.refresh_button)
    assert app.status.text == "Up to date." and app.unlocked


def test_a_room_deleted_later_locks_on_refresh(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}") as store:
        room, key = fill_demo_class(store, students=5, seed=3)
        app = ResultsApp(store, room.code, teacher_key=key)
        assert app.unlocked
        store.delete_room(room.id, key)
        click(app.refresh_button)
        assert not app.unlocked and "teacher console" in app.gate.value
        assert app.body.children == ()


@pytest.fixture
def env_db(demo: Demo, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("DEBATE_KIT_DB", demo.url)
    yield demo.store


def test_results_app_entry_point(demo: Demo, env_db: Store) -> None:
    app = results_app(f"room={demo.room.code}")
    assert isinstance(app, ResultsApp) and WAITING in app.gate.value
    app = results_app(room=demo.room.code, teacher_key=demo.key)  # JupyterLab
    assert isinstance(app, ResultsApp) and app.unlocked and app.identity is None
    # The lesson was loaded: prompts have their questions.
    assert shipped_lesson().sections[0].prompts[0].text[:30] in text_of(app).replace("&#x27;", "'")
    for wrong in (WRONG_KEY, "", "not a key at all"):
        app = results_app(room=demo.room.code, teacher_key=wrong)
        assert not app.unlocked and "teacher console" in app.gate.value
    app = results_app(room="<script>", teacher_key=demo.key)
    assert not app.unlocked and "<script>" not in text_of(app)
    assert not results_app("", teacher_key=demo.key).unlocked


def test_unusable_store_gives_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not sqlite" * 200)
    monkeypatch.setenv("DEBATE_KIT_DB", str(bad))
    widget = results_app("room=K7QF")
    assert "cannot be opened" in widget.value


def test_typed_text_is_escaped(tmp_path: Path) -> None:
    evil_name = '<script>alert("n")</script>'
    evil_answer = '<img src=x onerror="alert(1)"> & =1+1'
    evil_comment = "<b>bold</b> comment"
    with open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}") as store:
        room, key = fill_demo_class(store, students=6, seed=2, title="<i>Period</i> 3")
        person = store.participants(room.id)[0]
        with store._tx(room.id) as cur:  # rename a student as if they had typed this name
            cur.execute("UPDATE participants SET name = ? WHERE id = ?", (evil_name, person.id))
        prompt = shipped_lesson().sections[0].prompts[0].id
        store.save_answer(person.id, prompt, evil_answer)
        (round_,) = store.rounds(room.id)
        store.set_scoring(round_.id, key, True)
        sheets = [(sp, s) for sp in store.speeches(round_.id) for s in store.scores(sp.id)]
        speech, sheet = sheets[0]
        store.submit_score(speech.id, sheet.scorer_id, sheet.values, evil_comment)
        app = ResultsApp(store, room.code, teacher_key=key)
        assert app.unlocked and app.session is not None
        app.session.private_until = time.monotonic() + 60  # names and comments: private details
        app.show()
        html = "".join(x.value for x in app.body.children)
        for evil in (evil_name, evil_answer, evil_comment, "<i>Period</i>"):
            assert evil not in html
        assert "&lt;script&gt;alert(&quot;n&quot;)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; =1+1" in html
        assert "&lt;b&gt;bold&lt;/b&gt; comment" in html
        assert "&lt;i&gt;Period&lt;/i&gt; 3" in html
        assert "<script" not in html and "<img" not in html


def test_student_path_does_not_import_the_results(tmp_path: Path) -> None:
    code = """
import json, sys
import debate_kit.apps as a
a.student_app('room=KKKK'); a.lesson_app('')
heavy = ('debate_kit.results', 'pandas', 'openpyxl')
print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))
"""
    env = {**os.environ, "DEBATE_KIT_DB": str(tmp_path / "db.sqlite3")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
