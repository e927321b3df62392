"""Each app on a phone (360 x 740): axe-core finds no serious or critical problem, nothing is wider
than the screen, no request leaves the server, and a screenshot is taken; the console's join code, QR
code and counts fit a projector; a student can join and vote with the keyboard alone.

Screenshots go to a temporary folder; with DEBATE_KIT_UPDATE_SCREENSHOTS=1 they are also copied to
docs/screenshots/<app>.png (README's gallery). Nothing is compared pixel by pixel.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.class_screen import class_screen
from tests.browser.helpers import (
    LIVE_MS,
    NOTEBOOKS,
    PHONE,
    PROJECTOR,
    READY_MS,
    Classroom,
    join,
    join_student,
    open_app,
    open_student,
    student_url,
    vote_on,
    wait_text,
)

pytestmark = pytest.mark.browser
MAIN_PRE = "Before the debate: This house believes that the Union State"
SCREENSHOTS = NOTEBOOKS.parent / "docs" / "screenshots"
MAX_PNG_BYTES = 150_000
#: Rules excluded from the axe check, each for one selector in Voila's own page template (not ours).
#: Rule id -> CSS selector of the only node it may report.
VOILA_TEMPLATE_EXCEPTIONS: dict[str, str] = {}


@pytest.fixture(scope="module")
def room(server: Any) -> Classroom:
    """A room at the pre-vote, its motion poll open, with three students who voted."""
    room = Classroom(server, "Period 3")
    room.set(phase="pre-vote", poll="motion-main-pre")
    with room.store() as store:
        poll = room.poll_id("motion-main-pre")
        for n, (name, choice) in enumerate((("Ana", "For"), ("Ben", "Against"), ("Chloé", "For"))):
            person = store.join(room.room_id, name, f"{n + 1:032x}")
            store.cast_vote(poll, person.id, choice)
    return room


def serious_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            if VOILA_TEMPLATE_EXCEPTIONS.get(violation["id"]) == target:
                continue
            found.append(f"{violation['id']} ({violation['impact']}): {target}: {node['html'][:160]}")
    return found


def no_horizontal_scroll(page: Any) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"] + 4, f"the page is {width} px wide on a {PHONE['width']} px phone"


def screenshot(page: Any, name: str, folder: Path) -> Path:
    page.evaluate("document.activeElement && document.activeElement.blur()")
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), type="png", full_page=False)
    assert path.stat().st_size < MAX_PNG_BYTES, f"{name}.png is {path.stat().st_size} bytes"
    if os.environ.get("DEBATE_KIT_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / path.name)
    return path


def open_on_phone(app: str, room: Classroom, people: Any, requests: list[str]) -> Any:
    context = room.teacher(people, PHONE) if app in ("teacher", "results") else people.new(PHONE)
    context.on("request", lambda request: requests.append(request.url))
    if app == "teacher":
        page = open_app(context, room.server, "teacher", ".dk-projector", room=room.code)
    elif app == "results":
        page = open_app(context, room.server, "results", ".dk-results-app", room=room.code)
        page.wait_for_selector(".dk-results-part", timeout=READY_MS)
    elif app == "student":  # the light page, from the link the console shows
        page = open_student(context, student_url(room.server, room.code))
        join_student(page, "Dev")
        vote_on(page, MAIN_PRE, "Against")
    elif app == "student-notebook":  # the same front-end in Voila (JupyterHub students' own servers)
        page = open_app(context, room.server, "student", room=room.code)
        join_student(page, "Fay")
        vote_on(page, MAIN_PRE, "For")
    else:
        page = open_app(context, room.server, "lesson", room=room.code)
        join(page, "Eli")
        page.wait_for_selector(".dk-answer textarea", timeout=LIVE_MS)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("app", ["teacher", "student", "student-notebook", "lesson", "results"])
def test_each_app_on_a_phone(app: str, room: Classroom, people: Any, screenshot_dir: Path) -> None:
    requests: list[str] = []
    page = open_on_phone(app, room, people, requests)
    problems = serious_violations(page)
    assert not problems, "axe-core:\n" + "\n".join(problems)
    if app in ("student", "student-notebook", "lesson"):
        no_horizontal_scroll(page)
    screenshot(page, app, screenshot_dir)
    server_host = urlsplit(room.server.url).netloc
    outside = sorted({u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                      and urlsplit(u).netloc != server_host})
    assert not outside, f"requests that leave the server (a school firewall may drop them): {outside}"


def test_the_class_screen_shows_code_qr_and_counts_but_no_tally_or_names(room: Classroom,
                                                                        people: Any) -> None:
    """A reopened console (its key in this browser) is on the class screen: the vote's count, no tally."""
    page = open_app(room.teacher(people, PROJECTOR), room.server, "teacher", ".dk-p-voted",
                    room=room.code)
    wait_text(page, ".dk-p-voted", "of")
    shown = class_screen(page)
    assert "%" not in shown and "Ana" not in shown and "Ben" not in shown, shown
    assert room.code in shown


def test_the_second_screen_needs_the_key_and_shows_the_class_screen(room: Classroom, people: Any) -> None:
    """The class screen as its own page (no kernel): from the browser holding the key, the same view;
    elsewhere a message and nothing of the room."""
    kernels = set(room.server.kernels())  # the earlier tests' kernels may be reaped meanwhile
    page = room.teacher(people, PROJECTOR).new_page()
    page.goto(f"{room.server.url}/debate-kit/projector/{room.code}", timeout=READY_MS)
    wait_text(page, ".dk-p-voted", "of")
    shown = class_screen(page)
    assert "%" not in shown and room.code in shown and room.key not in page.content()
    assert set(room.server.kernels()) <= kernels, "a second screen costs no kernel"
    room.set(poll="motion-main-pre", state="revealed")  # the teacher reveals: the screen follows by itself
    wait_text(page, ".dk-p-bars", "%")
    class_screen(page)
    room.set(poll="motion-main-pre", state="open")
    stranger = people.new(PROJECTOR).new_page()
    stranger.goto(f"{room.server.url}/debate-kit/projector/{room.code}", timeout=READY_MS)
    wait_text(stranger, ".dk-p-loading", "needs the room's teacher key")
    assert room.code not in stranger.locator("body").inner_text().replace(f"/projector/{room.code}", "")
    forger = people.new(PROJECTOR).new_page()  # a made-up key in its storage
    forger.add_init_script(f"localStorage.setItem('debate_kit.teacher.{room.code}', 'not-the-key-at-all')")
    forger.goto(f"{room.server.url}/debate-kit/projector/{room.code}", timeout=READY_MS)
    wait_text(forger, ".dk-p-loading", "needs the room's teacher key")


def test_a_student_joins_and_votes_with_the_keyboard_only(room: Classroom, people: Any) -> None:
    page = open_student(people.new(PHONE), student_url(room.server, room.code))

    def tab_to(selector: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => !!document.activeElement?.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("input.dk-join-name")
    page.keyboard.type("Kay")
    tab_to("button.dk-join-button")
    page.keyboard.press("Enter")
    wait_text(page, ".dk-me", "Kay")
    page.wait_for_selector("button.dk-vote-option:not([disabled])", state="visible")
    tab_to("button.dk-vote-option:not([disabled])")
    while page.evaluate("() => document.activeElement.dataset.option") != "Undecided":
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    wait_text(page, ".dk-poll .dk-status", "Vote saved: Undecided")
    with room.store() as store:
        kay = next(p for p in store.participants(room.room_id) if p.name == "Kay")
        assert store.votes(room.poll_id("motion-main-pre"))[kay.id] == "Undecided"
