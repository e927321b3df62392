"""A whole lesson through the UI only, as a classroom meets it: the teacher's console on a projector
(1280 x 800, opened with the link `serve` gives), five phones (360 x 740) on the link the console
shows, nobody reloads. Every step checks that what one page does shows up on the others by itself.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from debate_kit.links import is_loopback
from debate_kit.store import open_store
from debate_kit.voila_app.serve import lan_addresses
from tests.browser.helpers import (
    LIVE_MS,
    PROJECTOR,
    click,
    fill,
    in_viewport,
    join_student,
    open_app,
    open_student,
    poll_block,
    poll_row,
    tab,
    text,
    vote_on,
    wait_text,
)

pytestmark = pytest.mark.browser
NAMES = ("Ana", "Ben", "Chloé", "Dev", "Eli")
MAIN_PRE = "Before the debate: This house believes that the Union State"
MAIN_POST = "After the debate: This house believes that the Union State"


def create_room(people: Any, server: Any) -> tuple[Any, str, str]:
    teacher = open_app(people.new(PROJECTOR), server, "teacher")
    assert "token" not in teacher.url and server.token not in teacher.url, "the projector shows the address"
    fill(teacher, "dk-console-title", "Period 3")
    click(teacher, "dk-console-create")
    code = teacher.locator(".dk-join-code-big").inner_text(timeout=LIVE_MS).strip()
    link = teacher.locator(".dk-join-link").inner_text().strip()
    assert len(code) >= 4 and code.isalnum() and link.endswith(f"/debate-kit/join/{code}")
    return teacher, code, link


def set_phase(teacher: Any, phase: str, students: list[Any], label: str) -> None:
    tab(teacher, "Room")
    click(teacher, f"dk-phase-{phase}")
    for page in students:
        wait_text(page, ".dk-phase", label)


def poll_action(teacher: Any, question: str, css: str) -> None:
    tab(teacher, "Polls")
    row = poll_row(teacher, question)
    target = row.locator(f"button.{css}")
    target.click()
    # The button of the state the poll is in is disabled: the store took the change.
    teacher.wait_for_function("(el) => el.disabled", arg=target.element_handle(), timeout=LIVE_MS)


def test_a_whole_lesson_on_a_projector_and_five_phones(server: Any, people: Any) -> None:
    teacher, code, link = create_room(people, server)
    # The projector: join code, the whole QR code and the counts, without scrolling; the address is
    # one phones can open (the laptop's LAN address), not the teacher's localhost.
    host = urlsplit(link).hostname or ""
    if lan_addresses():  # a laptop on a network: students get its LAN address, never localhost
        assert not is_loopback(host) and host == lan_addresses()[0], f"the console gives students {link}"
        assert teacher.locator(".dk-join-warning").count() == 0
    else:  # a machine with no network but loopback: the console says phones cannot open the link
        assert teacher.locator(".dk-join-warning").is_visible()
    for selector in (".dk-join-code-big", ".dk-join-link", ".dk-qr svg", ".dk-join-counts"):
        in_viewport(teacher, selector)

    pages = [open_student(people.new(), link) for _ in NAMES]  # exactly the link on the projector
    for page, name in zip(pages, NAMES, strict=True):
        assert page.locator("input.dk-join-code").input_value() == code
        join_student(page, name)
        wait_text(page, ".dk-phase", "Join")
    wait_text(teacher, ".dk-join-counts", "5 joined")
    assert not any(n in text(teacher, ".dk-room-panel") for n in NAMES), "no names on the projector"
    tab(teacher, "Class")
    for name in NAMES:  # the class list (teacher-only) fills in by itself
        wait_text(teacher, ".dk-roster", name)
    assert len(server.kernels()) == 1, "the console is the only kernel: phones cost none"

    # Pre-vote, one step: moving the class there opens the motion vote; students vote; the teacher reveals.
    set_phase(teacher, "pre-vote", pages, "Vote before the debate")
    before = ("For", "For", "Against", "Undecided", "Against")
    for page, option in zip(pages, before, strict=True):
        vote_on(page, MAIN_PRE, option)
    tab(teacher, "Room")
    wait_text(teacher, ".dk-join-counts", "5 of 5 voted")
    assert "%" not in text(teacher, ".dk-room-panel"), "no tally on the projector before the reveal"
    for page in pages:
        assert not poll_block(page, MAIN_PRE).locator(".dk-poll-results").is_visible(), "no results yet"
    poll_action(teacher, MAIN_PRE, "dk-reveal")
    for page in pages:
        results = poll_block(page, MAIN_PRE).locator(".dk-poll-results")
        results.wait_for(state="visible")
        shown = results.inner_text()
        assert "40%" in shown and "5" in shown, shown

    # Reading: a student answers a prompt; the teacher's Answers tab shows it.
    set_phase(teacher, "reading", pages, "Read and question the essay")
    reader = pages[0]
    box = reader.locator("textarea.dk-answer:visible").first
    box.wait_for(state="visible", timeout=LIVE_MS)
    box.fill("It claims history repeats <itself>.")
    prompt = reader.locator(".dk-prompt:visible").first
    prompt.locator("button.dk-answer-save").click()
    prompt.locator(".dk-status", has_text="Answer saved.").wait_for(timeout=LIVE_MS)
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
        seat = page.locator(".dk-seat-text")
        page.locator(".dk-seat-text", has_text="You are").wait_for(state="visible", timeout=LIVE_MS)
        roles.append(seat.inner_text())
    assert sum("Proposition" in r for r in roles) == 2
    assert sum("Opposition" in r for r in roles) == 2
    assert sum("Judge" in r for r in roles) == 1
    judge = pages[next(i for i, r in enumerate(roles) if "Judge" in r)]
    debater = pages[next(i for i, r in enumerate(roles) if "Proposition" in r)]

    # Debate: the teacher starts the speech timer; every phone shows who speaks and counts down.
    set_phase(teacher, "debate", pages, "Debate")
    tab(teacher, "Timer")
    teacher.locator("button.dk-timer-start").click()
    first = teacher.locator(".dk-timer-speech select").input_value()
    for page in pages:
        label = page.locator(".dk-speech-label")
        label.wait_for(state="visible", timeout=LIVE_MS)
        assert "proposition" in label.inner_text().lower(), label.inner_text()
    clock = pages[0].locator(".dk-speech-clock")
    start_text = clock.inner_text()
    pages[0].wait_for_function("(t) => document.querySelector('.dk-speech-clock').textContent !== t",
                               arg=start_text, timeout=LIVE_MS)  # it counts down on the phone
    assert first

    # Rebuttal scoring: the teacher opens scoring, the judge scores a rebuttal, the teacher sees it.
    set_phase(teacher, "scoring", pages, "Score the rebuttals")
    wait_text(debater, ".dk-scoring", "There is no speech for you to score")
    wait_text(debater, ".dk-scoring", "You are debating in this debate")  # and why
    tab(teacher, "Room")
    click(teacher, "dk-scoring-open")
    wait_text(judge, ".dk-scoring", "Score each rebuttal")
    for criterion in judge.locator(".dk-score-criterion").all():
        criterion.locator(".dk-score-label", has_text="4").click()
    judge.locator("button.dk-score-submit").click()
    wait_text(judge, ".dk-scoring .dk-status", "Score saved")
    tab(teacher, "Scores")
    wait_text(teacher, ".dk-score-table", "1")
    with open_store(server.db_url) as store:
        room = store.room(code)
        rounds = store.rounds(room.id)
        sheets = [s for sp in store.speeches(rounds[-1].id) for s in store.scores(sp.id)]
    assert len(sheets) == 1 and set(sheets[0].values.values()) == {4}, sheets

    # Post-vote: two students change their minds.
    set_phase(teacher, "post-vote", pages, "Vote after the debate")
    after = ("For", "Against", "Against", "Against", "Against")
    for page, option in zip(pages, after, strict=True):
        vote_on(page, MAIN_POST, option)

    # Results, one step: moving there reveals the votes; everyone sees the swing; only the teacher
    # sees who moved, at the top of the Polls tab.
    set_phase(teacher, "results", pages, "Results")
    for page in pages:
        swing = page.locator(".dk-swing-block").first
        swing.wait_for(state="visible")
        shown = swing.inner_text()
        assert "Winner (the side that gained more): Against" in shown, shown
        assert "+40" in shown, shown
        assert "Ben" not in shown and "Dev" not in shown, "only the teacher sees names"
    tab(teacher, "Polls")
    wait_text(teacher, ".dk-swing", "Who moved")
    assert "Ben" in text(teacher, ".dk-swing") and "Dev" in text(teacher, ".dk-swing")
    swing_box = teacher.locator(".dk-swing:visible").first.bounding_box()
    polls_box = teacher.locator(".dk-poll-controls").bounding_box()
    assert swing_box and polls_box and swing_box["y"] < polls_box["y"], "the swing comes first"
    assert swing_box["y"] < PROJECTOR["height"], "and is on screen without scrolling"
    assert len(server.kernels()) == 1
