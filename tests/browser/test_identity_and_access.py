"""Identity survives a reload; a student cannot use the teacher console of someone else's room."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.helpers import (
    READY_MS,
    Classroom,
    button,
    click,
    fill,
    join,
    open_app,
    vote_block,
    wait_text,
)

pytestmark = pytest.mark.browser
MAIN_PRE = "Before the debate: This house believes that the Union State"


def test_a_reload_keeps_the_students_name_and_vote(server: Any, people: Any) -> None:
    room = Classroom(server)
    room.set(phase="pre-vote", poll="motion-main-pre")
    page = open_app(people.new(), server, "student", room=room.code)
    join(page, "Zoë")
    vote = vote_block(page, MAIN_PRE)
    vote.locator("button.dk-vote-option", has_text="Against").click()
    wait_text(page, ".dk-vote", "Your vote: Against")

    page.reload(wait_until="commit")
    # No click: the browser's device token brings the same participant back, with the vote.
    wait_text(page, ".dk-header", "Zoë", timeout_ms=READY_MS)
    assert not page.locator("button.dk-join-button:visible").count()
    vote = vote_block(page, MAIN_PRE)
    wait_text(page, ".dk-vote", "Your vote: Against")
    chosen = vote.locator("button.dk-vote-option.mod-primary")
    assert chosen.count() == 1 and chosen.inner_text().strip() == "Against"
    with room.store() as store:
        assert [p.name for p in store.participants(room.room_id)] == ["Zoë"]
        assert list(store.votes(room.poll_id("motion-main-pre")).values()) == ["Against"]


def test_a_student_cannot_take_over_the_teachers_room(server: Any, people: Any) -> None:
    room = Classroom(server)
    teacher = open_app(room.teacher(people), server, "teacher", ".dk-console-tabs", room=room.code)
    assert room.key not in teacher.url and room.key not in teacher.content(), "the key stays out of the page"
    before = room.snapshot()

    # A student types the console's address from the projector, with the room code.
    student = open_app(people.new(), server, "teacher", room=room.code)
    wait_text(student, ".dk-status", f"This browser has no teacher key for room {room.code}")
    for css in ("dk-phase-pre-vote", "dk-phase-results", "dk-room-close", "dk-open", "dk-reveal",
                "dk-assign-publish", "dk-scoring-open", "dk-export"):
        assert student.locator(f"button.{css}").count() == 0, f"{css} is not in the student's page"
    assert student.locator(".dk-console-tabs").count() == 0
    fill(student, "dk-console-code", room.code)
    click(student, "dk-console-open")
    wait_text(student, ".dk-status", "does not hold the teacher key")
    assert student.locator(".dk-console-tabs").count() == 0
    # They can only make a room of their own.
    click(student, "dk-console-create")
    own = student.locator(".dk-join-code-big").inner_text().strip()
    assert own and own != room.code
    assert room.snapshot() == before, "the teacher's room is unchanged"
    # The real teacher still has the controls.
    assert button(teacher, "dk-phase-pre-vote").is_enabled()
