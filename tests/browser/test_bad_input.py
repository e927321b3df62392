"""Wrong codes, a closed room and a server restart in the middle of a lesson, on the light page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from debate_kit.testing import VoilaServer
from tests.browser.helpers import (
    NOTEBOOKS,
    READY_MS,
    Classroom,
    join_student,
    open_student,
    poll_block,
    student_url,
    unexpected_tracebacks,
    vote_on,
    wait_text,
)

pytestmark = pytest.mark.browser
MAIN_PRE = "Before the debate: This house believes that the Union State"
#: Reconnecting: the page retries with a backoff of at most 10 s after the server is back.
BACK_MS = 60_000


def test_a_wrong_or_missing_room_code_says_what_to_do(server: Any, people: Any) -> None:
    unknown = open_student(people.new(), student_url(server, "QQQQ"))
    wait_text(unknown, ".dk-student", "There is no room QQQQ. Check the code on the board.")
    unknown.locator("input.dk-join-name").fill("Ana")
    unknown.locator("button.dk-join-button").click()
    wait_text(unknown, ".dk-join .dk-status", "There is no room QQQQ")
    assert unknown.locator(".dk-me:visible").count() == 0

    missing = open_student(people.new(), student_url(server))
    assert missing.locator("input.dk-join-code").input_value() == ""
    missing.locator("input.dk-join-code").fill("<b>K7!</b>")
    missing.locator("input.dk-join-name").fill("Ben")
    missing.locator("button.dk-join-button").click()
    wait_text(missing, ".dk-join .dk-status", "That is not a room code")
    assert missing.locator(".dk-join b").count() == 0, "typed HTML stays text"
    assert "Traceback" not in missing.content()


def test_a_closed_room_refuses_new_students(server: Any, people: Any) -> None:
    room = Classroom(server)
    inside = open_student(people.new(), student_url(server, room.code))
    join_student(inside, "Ana")
    room.set(closed=True)
    wait_text(inside, ".dk-notice", "This room is closed")  # by itself, no reload
    late = open_student(people.new(), student_url(server, room.code))
    late.locator("input.dk-join-name").fill("Ben")
    late.locator("button.dk-join-button").click()
    wait_text(late, ".dk-join .dk-status", "This room is closed: ask your teacher for a new code.")
    with room.store() as store:
        assert [p.name for p in store.participants(room.room_id)] == ["Ana"]


def test_a_server_restart_mid_lesson_loses_nothing_and_pages_reconnect(tmp_path: Path, people: Any) -> None:
    db = f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
    first = VoilaServer(db, notebooks=NOTEBOOKS, grace=2.0, workdir=tmp_path / "first").start()
    try:
        room = Classroom(first)
        room.set(phase="pre-vote", poll="motion-main-pre")
        pages = [open_student(people.new(), student_url(first, room.code)) for _ in range(2)]
        for page, name, option in zip(pages, ("Ana", "Ben"), ("For", "Against"), strict=True):
            join_student(page, name)
            vote_on(page, MAIN_PRE, option)
    finally:
        first.stop()
    for page in pages:  # the pages say the connection is lost, and that saved work is safe
        wait_text(page, ".dk-banner", "What you already saved is safe", timeout_ms=BACK_MS)
        vote = poll_block(page, MAIN_PRE).locator("button.dk-vote-option[data-option='Undecided']")
        if vote.is_enabled():
            vote.click()  # an action while offline is refused on the page, with a message
            wait_text(page, ".dk-poll .dk-status", "not saved", timeout_ms=BACK_MS)

    with VoilaServer(db, notebooks=NOTEBOOKS, grace=2.0, workdir=tmp_path / "second",
                     port=first.port) as second:
        for page, name, option in zip(pages, ("Ana", "Ben"), ("For", "Against"), strict=True):
            # No reload: the page reconnects by itself and shows the state from the store.
            page.locator(".dk-banner:visible").wait_for(state="hidden", timeout=BACK_MS)
            wait_text(page, ".dk-me", name, timeout_ms=READY_MS)
            block = poll_block(page, MAIN_PRE)
            chosen = block.locator("button.dk-vote-option[aria-pressed='true']")
            chosen.wait_for(timeout=READY_MS)
            assert chosen.get_attribute("data-option") == option
        vote_on(pages[1], MAIN_PRE, "For")  # and works again
        with room.store() as store:
            votes = store.votes(room.poll_id("motion-main-pre"))
            names = {p.id: p.name for p in store.participants(room.room_id)}
        assert {names[pid]: choice for pid, choice in votes.items()} == {"Ana": "For", "Ben": "For"}
        assert not unexpected_tracebacks(second.log()), unexpected_tracebacks(second.log())
