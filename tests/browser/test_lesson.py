"""A whole lesson through the UI only, as a classroom meets it: the teacher's laptop mirrored on a
projector (1280 x 800, opened with the link `serve` gives), the lesson run from the class screen's own
buttons ("Present", the default), five phones (360 x 740) on the link the class screen shows. In every
phase the class screen fills the window, its text is at least 28 px and inside the viewport, it shows
no tally before the reveal and never who changed their mind; a reload mid-vote comes back to the room.
"""

from __future__ import annotations

import os
import shutil
from typing import Any
from urllib.parse import urlsplit

import pytest

from debate_kit.links import is_loopback
from debate_kit.store import open_store
from debate_kit.voila_app.serve import lan_addresses
from tests.browser.class_screen import class_screen, control, font_px, page_text, wait_screen
from tests.browser.helpers import (
    LIVE_MS,
    NOTEBOOKS,
    PROJECTOR,
    READY_MS,
    click,
    fill,
    join_student,
    open_app,
    open_student,
    poll_block,
    tab,
    vote_on,
    wait_text,
)

pytestmark = pytest.mark.browser
NAMES = ("Ana", "Ben", "Chloé", "Dev", "Eli")
MAIN_PRE = "Before the debate: This house believes that the Union State"
MAIN_POST = "After the debate: This house believes that the Union State"
TABS = ("Room", "Class", "Polls", "Answers", "Sides", "Timer", "Scores", "Export")
SCREENSHOTS = NOTEBOOKS.parent / "docs" / "screenshots"


def snap(page: Any, name: str, folder: Any) -> None:
    """A screenshot of the class screen; also README's gallery with DEBATE_KIT_UPDATE_SCREENSHOTS=1."""
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("DEBATE_KIT_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / path.name)


def create_room(people: Any, server: Any) -> tuple[Any, str, str]:
    teacher = open_app(people.new(PROJECTOR), server, "teacher")
    assert "token" not in teacher.url and server.token not in teacher.url, "the projector shows the address"
    fill(teacher, "dk-console-title", "Period 3")
    click(teacher, "dk-console-create")
    code = teacher.locator(".dk-p-code").inner_text(timeout=LIVE_MS).strip()
    link = teacher.locator(".dk-p-link").inner_text().strip()
    assert len(code) >= 4 and code.isalnum() and link.endswith(f"/debate-kit/join/{code}")
    return teacher, code, link


def every_tab(teacher: Any) -> dict[str, str]:
    """Leave the class screen, read each console tab as the projector would show it, and come back."""
    control(teacher, "console")
    shown = {}
    for title in TABS:
        tab(teacher, title)
        teacher.wait_for_timeout(200)
        shown[title] = page_text(teacher)
    click(teacher, "dk-console-present")
    teacher.locator(".dk-projector.dk-p-mode-present").wait_for(timeout=LIVE_MS)
    return shown


def test_a_whole_lesson_on_the_class_screen_and_five_phones(server: Any, people: Any,
                                                            screenshot_dir: Any) -> None:
    teacher, code, link = create_room(people, server)
    # Join: code, the whole QR code, the link and the count, large, without scrolling; the link is one
    # phones can open (the laptop's LAN address), not the teacher's localhost.
    host = urlsplit(link).hostname or ""
    if lan_addresses():
        assert not is_loopback(host) and host == lan_addresses()[0], f"the class screen gives {link}"
    else:  # a machine with no network but loopback: the screen says phones cannot open the link
        wait_screen(teacher, ".dk-p-warning", "phones cannot open it")
    class_screen(teacher)
    size = font_px(teacher, ".dk-p-code")
    assert size >= 120, f"the room code is {size} px high"
    qr = teacher.locator(".dk-p-qr svg").bounding_box()
    assert qr and qr["width"] >= 300 and qr["height"] >= 300, qr
    snap(teacher, "projector-join", screenshot_dir)

    pages = [open_student(people.new(), link) for _ in NAMES]  # exactly the link on the screen
    for page, name in zip(pages, NAMES, strict=True):
        assert page.locator("input.dk-join-code").input_value() == code
        join_student(page, name)
    wait_screen(teacher, ".dk-p-big-count", "5 students joined")
    assert not any(n in page_text(teacher) for n in NAMES), "no names on the class screen"
    assert len(server.kernels()) == 1, "the console is the only kernel: phones cost none"

    # The vote before the debate: counts while open, no tally anywhere (every tab); then one button.
    control(teacher, "next")
    for page in pages:
        wait_text(page, ".dk-phase", "Vote before the debate")
    for page, option in zip(pages, ("For", "For", "Against", "Undecided", "Against"), strict=True):
        vote_on(page, MAIN_PRE, option)
    wait_screen(teacher, ".dk-p-voted", "5 of 5 voted")
    assert "%" not in class_screen(teacher), "no tally on the class screen before the reveal"
    snap(teacher, "projector-vote", screenshot_dir)
    for title, shown in every_tab(teacher).items():
        assert "%" not in shown, f"the {title} tab shows a tally before the reveal"
        if title == "Polls":
            assert not any(n in shown for n in NAMES), "the Polls tab shows who voted"
    # A reload in the middle of the vote: the same room, on the class screen, no login page.
    teacher.reload(wait_until="commit")
    wait_screen(teacher, ".dk-p-voted", "5 of 5 voted", READY_MS)
    assert "token" not in teacher.url
    control(teacher, "close-vote")
    control(teacher, "reveal")
    wait_screen(teacher, ".dk-p-bars", "40%")
    class_screen(teacher)
    for page in pages:
        results = poll_block(page, MAIN_PRE).locator(".dk-poll-results")
        results.wait_for(state="visible")
        assert "40%" in results.inner_text()

    # Reading: a student answers; the class screen counts it (never whose it is).
    control(teacher, "next")
    reader = pages[0]
    box = reader.locator("textarea.dk-answer:visible").first
    box.wait_for(state="visible", timeout=LIVE_MS)
    box.fill("It claims history repeats <itself>.")
    prompt = reader.locator(".dk-prompt:visible").first
    prompt.locator("button.dk-answer-save").click()
    prompt.locator(".dk-status", has_text="Answer saved.").wait_for(timeout=LIVE_MS)
    wait_screen(teacher, ".dk-p-section-count", "1 of 5 answered")
    assert "repeats" not in class_screen(teacher)

    # Sides: one button makes and publishes them; the class screen shows the teams.
    control(teacher, "next")
    control(teacher, "make-sides")
    wait_screen(teacher, ".dk-p-team", "Proposition")
    class_screen(teacher)
    roles = []
    for page in pages:
        page.locator(".dk-seat-text", has_text="You are").wait_for(state="visible", timeout=LIVE_MS)
        roles.append(page.locator(".dk-seat-text").inner_text())
    assert sum("Proposition" in r for r in roles) == 2 and sum("Opposition" in r for r in roles) == 2
    judge = pages[next(i for i, r in enumerate(roles) if "Judge" in r)]

    # Debate: the first speech is on the clock; Start counts down on the screen and on every phone.
    control(teacher, "next")
    wait_screen(teacher, ".dk-p-speech", "1st Proposition")
    control(teacher, "start")
    wait_screen(teacher, ".dk-p-clock-state", "Speaking")
    digits = teacher.locator(".dk-p-clock")
    assert font_px(teacher, ".dk-p-clock") >= 160
    first = digits.inner_text()
    teacher.wait_for_function("(t) => document.querySelector('.dk-p-clock').textContent !== t", arg=first)
    class_screen(teacher)
    snap(teacher, "projector-debate", screenshot_dir)
    for page in pages:
        page.locator(".dk-speech-label").wait_for(state="visible", timeout=LIVE_MS)
    control(teacher, "pause")
    control(teacher, "next-speech")
    wait_screen(teacher, ".dk-p-speech", "1st Opposition")

    # Scoring: open it from the screen; a judge scores; the screen counts the sheet.
    control(teacher, "next")
    control(teacher, "open-scoring")
    wait_text(judge, ".dk-scoring", "Score each rebuttal")
    for criterion in judge.locator(".dk-score-criterion").all():
        criterion.locator(".dk-score-label", has_text="4").click()
    judge.locator("button.dk-score-submit").click()
    wait_text(judge, ".dk-scoring .dk-status", "Score saved")
    wait_screen(teacher, ".dk-p-section-count", "1 score sheet")
    class_screen(teacher)

    # The vote after the debate: Ben and Dev change their minds.
    control(teacher, "next")
    for page, option in zip(pages, ("For", "Against", "Against", "Against", "Against"), strict=True):
        vote_on(page, MAIN_POST, option)
    wait_screen(teacher, ".dk-p-voted", "5 of 5 voted")

    # Results: one step reveals both votes; the swing in the sides' names; never who moved.
    control(teacher, "next")
    wait_screen(teacher, ".dk-p-winner", "Against (Opposition) wins")
    shown = class_screen(teacher)
    assert "+40 pts" in shown and "voted before the debate" in shown, shown
    assert not any(n in page_text(teacher) for n in NAMES), "no names on the class screen at the results"
    snap(teacher, "projector-results", screenshot_dir)
    for page in pages:
        swing = page.locator(".dk-swing-block").first
        swing.wait_for(state="visible")
        assert "Ben" not in swing.inner_text() and "Dev" not in swing.inner_text()
    for title, shown in every_tab(teacher).items():
        assert "Who moved" not in shown, f"the {title} tab names who changed their mind"
        if title in ("Room", "Polls", "Answers", "Scores", "Export"):
            assert "Ben" not in shown and "Dev" not in shown, f"the {title} tab shows names"
    with open_store(server.db_url) as store:
        room = store.room(code)
        assert room.phase == "results"
        sheets = [s for sp in store.speeches(store.rounds(room.id)[-1].id) for s in store.scores(sp.id)]
    assert len(sheets) == 1 and set(sheets[0].values.values()) == {4}, sheets
    assert len(server.kernels()) == 1
