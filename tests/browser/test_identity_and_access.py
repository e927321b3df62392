"""Identity survives a reload; students reach only their page; a console without the key controls nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.helpers import (
    READY_MS,
    Classroom,
    click,
    fill,
    join_student,
    open_app,
    open_student,
    poll_block,
    student_url,
    vote_on,
    wait_text,
)

pytestmark = pytest.mark.browser
MAIN_PRE = "Before the debate: This house believes that the Union State"


def test_a_reload_keeps_the_students_name_and_vote(server: Any, people: Any) -> None:
    room = Classroom(server)
    room.set(phase="pre-vote", poll="motion-main-pre")
    page = open_student(people.new(), student_url(server, room.code))
    join_student(page, "Zoë")
    vote_on(page, MAIN_PRE, "Against")

    page.reload(wait_until="commit")
    # No click: the browser's device token brings the same participant back, with the vote.
    wait_text(page, ".dk-me", "Zoë", timeout_ms=READY_MS)
    assert not page.locator("button.dk-join-button:visible").count()
    chosen = poll_block(page, MAIN_PRE).locator("button.dk-vote-option[aria-pressed='true']")
    chosen.wait_for(timeout=READY_MS)
    assert chosen.count() == 1 and chosen.get_attribute("data-option") == "Against"
    device = page.evaluate("localStorage.getItem('debate_kit.device')")
    assert device and "token" not in page.url and device not in page.url
    with room.store() as store:
        assert [p.name for p in store.participants(room.room_id)] == ["Zoë"]
        assert list(store.votes(room.poll_id("motion-main-pre")).values()) == ["Against"]


def test_a_student_who_types_the_consoles_address_gets_the_login_page(server: Any, people: Any) -> None:
    room = Classroom(server)
    before = room.snapshot()
    student = people.new().new_page()
    student.goto(f"{server.url}/voila/render/teacher.ipynb?room={room.code}", timeout=READY_MS)
    assert "/login" in student.url
    assert student.locator(".dk-console-tabs, button.dk-console-create").count() == 0
    student.goto(f"{server.url}/debate-kit/teacher", timeout=READY_MS)
    assert "/login" in student.url
    assert room.snapshot() == before


def test_a_console_without_the_rooms_key_controls_nothing(server: Any, people: Any) -> None:
    """A second browser logged in to the server (a colleague) still needs the room's teacher key."""
    room = Classroom(server)
    teacher = open_app(room.teacher(people), server, "teacher", ".dk-projector", room=room.code)
    assert room.key not in teacher.url and room.key not in teacher.content(), "the key stays out of the page"
    before = room.snapshot()
    other = open_app(people.new(), server, "teacher", room=room.code)
    wait_text(other, ".dk-status", f"This browser has no teacher key for room {room.code}")
    for css in ("dk-phase-pre-vote", "dk-phase-results", "dk-room-close", "dk-open", "dk-reveal",
                "dk-assign-publish", "dk-scoring-open", "dk-export"):
        assert other.locator(f"button.{css}").count() == 0, f"{css} is not in that page"
    fill(other, "dk-console-code", room.code)
    click(other, "dk-console-open")
    wait_text(other, ".dk-status", "does not hold the teacher key")
    assert other.locator(".dk-console-tabs").count() == 0
    click(other, "dk-console-create")  # they can only make a room of their own
    own = other.locator(".dk-p-code").inner_text().strip()
    assert own and own != room.code
    assert room.snapshot() == before, "the teacher's room is unchanged"
    assert teacher.locator("button.dk-p-button[data-control='next']").is_enabled()
