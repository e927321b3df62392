"""A whole lesson in real Chromium pages: one teacher console and five students, nobody reloads.

Every step checks that what one page does shows up on the other pages by itself (the change feed).
"""

from __future__ import annotations

from typing import Any

import pytest

from debate_kit.store import open_store
from tests.browser.helpers import (
    LIVE_MS,
    PROJECTOR,
    click,
    fill,
    join,
    open_app,
    poll_row,
    ready,
    start_app,
    tab,
    text,
    vote_block,
    wait_text,
)

pytestmark = pytest.mark.browser
NAMES = ("Ana", "Ben", "Chloé", "Dev", "Eli")
MAIN_PRE = "Before the debate: This house believes that the Union State"
MAIN_POST = "After the debate: This house believes that the Union State"


def create_room(people: Any, server: Any) -> tuple[Any, str]:
    teacher = open_app(people.new(PROJECTOR), server, "teacher")
    fill(teacher, "dk-console-title", "Period 3")
    click(teacher, "dk-console-create")
    code = teacher.locator(".dk-join-code-big").inner_text(timeout=LIVE_MS).strip()
    assert len(code) >= 4 and code.isalnum()
    return teacher, code


def set_phase(teacher: Any, phase: str, students: list[Any], label: str) -> None:
    tab(teacher, "Room")
    click(teacher, f"dk-phase-{phase}")
    for page in students:
        wait_text(page, ".dk-header", f"Now: {label}")


def poll_action(teacher: Any, question: str, css: str) -> None:
    tab(teacher, "Polls")
    row = poll_row(teacher, question)
    target = row.locator(f"button.{css}")
    target.click()
    # The button of the state the poll is in is disabled: the store took the change.
    teacher.wait_for_function("(el) => el.disabled", arg=target.element_handle(), timeout=LIVE_MS)


def vote(page: Any, question: str, option: str) -> None:
    block = vote_block(page, question)
    choice = block.locator("button.dk-vote-option", has_text=option).first
    choice.wait_for(state="visible")
    page.wait_for_function("(el) => !el.disabled", arg=choice.element_handle(), timeout=LIVE_MS)
    choice.click()
    block.locator(".dk-status", has_text=f"Vote saved: {option}").wait_for(timeout=LIVE_MS)


def test_a_whole_lesson_shows_everywhere_without_reloading(server: Any, people: Any) -> None:
    teacher, code = create_room(people, server)
    pages = []
    for batch in (NAMES[:3], NAMES[3:]):  # a few pages at a time: two cores start the kernels
        started = [start_app(people.new(), server, "student", room=code) for _ in batch]
        for page in started:
            ready(page, "button.dk-join-button")
        pages += started
    for page, name in zip(pages, NAMES, strict=True):
        assert page.locator(".dk-join-code input").input_value() == code
        join(page, name)
        wait_text(page, ".dk-header", "Now: Join")
    for name in NAMES:  # the roster on the projector fills in by itself
        wait_text(teacher, ".dk-roster", name)
    wait_text(teacher, ".dk-room-panel h4", "5 joined")

    # Pre-vote: the teacher opens the motion poll, students vote, the teacher reveals.
    set_phase(teacher, "pre-vote", pages, "Vote before the debate")
    for page in pages:
        wait_text(page, ".dk-message", "Vote on the motion")
        assert not page.locator("button.dk-vote-option:visible").count(), "a draft poll is not shown"
    poll_action(teacher, MAIN_PRE, "dk-open")
    before = ("For", "For", "Against", "Undecided", "Against")
    for page, option in zip(pages, before, strict=True):
        vote(page, MAIN_PRE, option)
    tab(teacher, "Room")
    wait_text(teacher, ".dk-vote-counts", "5 of 5")
    for page in pages:
        assert not vote_block(page, MAIN_PRE).locator(".dk-bars").is_visible(), "no results before reveal"
    poll_action(teacher, MAIN_PRE, "dk-reveal")
    for page in pages:
        bars = vote_block(page, MAIN_PRE).locator(".dk-bars")
        bars.wait_for(state="visible")
        assert "2 (40%)" in bars.inner_text() and "5 votes" in bars.inner_text()

    # Reading: a student answers a prompt; the teacher's Answers tab shows it.
    set_phase(teacher, "reading", pages, "Read and question the essay")
    reader = pages[0]
    reader.locator(".dk-answer textarea").first.fill("It claims history repeats <itself>.")
    click(reader, "dk-answer-save")
    wait_text(reader, ".dk-status", "Answer saved.")
    tab(teacher, "Answers")
    wait_text(teacher, ".dk-answer-list", "It claims history repeats <itself>.")
    assert "Ana" in text(teacher, ".dk-answer-list")

    # Sides: the teacher publishes; each student sees their own side without reloading.
    set_phase(teacher, "sides", pages, "Sides and roles")
    for page in pages:
        wait_text(page, ".dk-seat", "Sides are not out yet")
    tab(teacher, "Sides")
    judges = teacher.locator(".dk-assign-judges input")
    judges.fill("1")
    judges.press("Tab")
    click(teacher, "dk-assign-preview")
    wait_text(teacher, ".dk-assign-table", "Judge")
    click(teacher, "dk-assign-publish")
    roles = []
    for page in pages:
        seat = page.locator(".dk-your-seat")
        seat.wait_for(state="visible")
        roles.append(seat.inner_text())
    assert sum("Proposition" in r for r in roles) == 2
    assert sum("Opposition" in r for r in roles) == 2
    assert sum("Judge" in r for r in roles) == 1
    judge = pages[next(i for i, r in enumerate(roles) if "Judge" in r)]

    # Rebuttal scoring: the teacher opens scoring, the judge scores a rebuttal, the teacher sees it.
    set_phase(teacher, "scoring", pages, "Score the rebuttals")
    wait_text(judge, ".dk-scorer", "Scoring is closed")
    tab(teacher, "Room")
    click(teacher, "dk-scoring-open")
    wait_text(judge, ".dk-scorer", "Score each rebuttal")
    slider = judge.locator(".dk-score-clash .ui-slider-handle, .dk-score-clash [role=slider]").first
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    click(judge, "dk-score-submit")
    wait_text(judge, ".dk-scorer .dk-status", "Score saved")
    tab(teacher, "Scores")
    wait_text(teacher, ".dk-score-table", "1")
    with open_store(server.db_url) as store:
        room = store.room(code)
        rounds = store.rounds(room.id)
        sheets = [s for sp in store.speeches(rounds[-1].id) for s in store.scores(sp.id)]
    assert len(sheets) == 1 and sheets[0].values["clash"] == 4, sheets

    # Post-vote: two students change their minds.
    set_phase(teacher, "post-vote", pages, "Vote after the debate")
    poll_action(teacher, MAIN_POST, "dk-open")
    after = ("For", "Against", "Against", "Against", "Against")
    for page, option in zip(pages, after, strict=True):
        vote(page, MAIN_POST, option)
    poll_action(teacher, MAIN_POST, "dk-reveal")

    # Results: everyone sees the swing; the teacher also sees who moved.
    set_phase(teacher, "results", pages, "Results")
    for page in pages:
        swing = page.locator(".dk-swing:visible").first
        swing.wait_for(state="visible")
        shown = swing.inner_text()
        assert "Against wins the swing." in shown, shown
        assert "+40 points" in shown and "2 of 5 who voted twice changed their mind" in shown
        assert "Who moved" not in shown, "only the teacher sees names"
    tab(teacher, "Polls")
    wait_text(teacher, ".dk-swing", "Who moved")
    assert "Ben" in text(teacher, ".dk-swing") and "Dev" in text(teacher, ".dk-swing")
