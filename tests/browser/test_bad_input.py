"""Wrong codes, a closed room and a server restart in the middle of a lesson, in real pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from debate_kit.testing import VoilaServer
from tests.browser.helpers import (
    NOTEBOOKS,
    READY_MS,
    Classroom,
    click,
    fill,
    join,
    open_app,
    start_app,
    unexpected_tracebacks,
    vote_block,
    wait_text,
)

pytestmark = pytest.mark.browser
MAIN_PRE = "Before the debate: This house believes that the Union State"
#: The page's heartbeat (identity.js) pings every 4 s and gives up after 12 s without an answer.
LOST_MS = 30_000


def test_a_wrong_or_missing_room_code_says_what_to_do(server: Any, people: Any) -> None:
    unknown = open_app(people.new(), server, "student", room="QQQQ")
    wait_text(unknown, ".dk-status-error", "There is no room QQQQ. Check the code on the board.")
    fill(unknown, "dk-join-name", "Ana")
    click(unknown, "dk-join-button")
    wait_text(unknown, ".dk-status-error", "There is no room QQQQ")
    assert unknown.locator(".dk-header:visible").count() == 0

    missing = open_app(people.new(), server, "student")
    assert missing.locator(".dk-join-code input").input_value() == ""
    fill(missing, "dk-join-name", "Ben")
    click(missing, "dk-join-button")
    wait_text(missing, ".dk-status-error", "That is not a room code")
    fill(missing, "dk-join-code", "<b>K7!</b>")
    click(missing, "dk-join-button")
    wait_text(missing, ".dk-status-error", "That is not a room code")
    assert "Traceback" not in missing.content()


def test_a_closed_room_refuses_new_students(server: Any, people: Any) -> None:
    room = Classroom(server)
    inside = open_app(people.new(), server, "student", room=room.code)
    join(inside, "Ana")
    room.set(closed=True)
    wait_text(inside, ".dk-message", "This room is closed")  # by itself, no reload
    late = open_app(people.new(), server, "student", room=room.code)
    fill(late, "dk-join-name", "Ben")
    click(late, "dk-join-button")
    wait_text(late, ".dk-status-error", "This room is closed: ask your teacher for a new code.")
    with room.store() as store:
        assert [p.name for p in store.participants(room.room_id)] == ["Ana"]


def test_a_server_restart_mid_lesson_loses_nothing(tmp_path: Path, people: Any) -> None:
    db = f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
    first = VoilaServer(db, notebooks=NOTEBOOKS, grace=2.0, workdir=tmp_path / "first").start()
    try:
        room = Classroom(first)
        room.set(phase="pre-vote", poll="motion-main-pre")
        pages = [start_app(people.new(), first, "student", room=room.code) for _ in range(2)]
        for page, name, option in zip(pages, ("Ana", "Ben"), ("For", "Against"), strict=True):
            page.wait_for_selector("button.dk-join-button", timeout=READY_MS)
            join(page, name)
            vote_block(page, MAIN_PRE).locator("button.dk-vote-option", has_text=option).click()
            wait_text(page, ".dk-vote", f"Your vote: {option}")
    finally:
        first.stop()
    for page in pages:  # the pages say the server is gone (and that the votes are saved)
        wait_text(page, ".dk-connection-lost", "Your votes and answers are saved", timeout_ms=LOST_MS)

    with VoilaServer(db, notebooks=NOTEBOOKS, grace=2.0, workdir=tmp_path / "second",
                     port=first.port) as second:
        for page, name, option in zip(pages, ("Ana", "Ben"), ("For", "Against"), strict=True):
            page.reload(wait_until="commit")
            wait_text(page, ".dk-header", name, timeout_ms=READY_MS)
            wait_text(page, ".dk-vote", f"Your vote: {option}")
            assert page.locator(".dk-connection-lost").count() == 0
        with room.store() as store:
            votes = store.votes(room.poll_id("motion-main-pre"))
            names = {p.id: p.name for p in store.participants(room.room_id)}
        assert {names[pid]: choice for pid, choice in votes.items()} == {"Ana": "For", "Ben": "Against"}
        assert not unexpected_tracebacks(second.log()), unexpected_tracebacks(second.log())
