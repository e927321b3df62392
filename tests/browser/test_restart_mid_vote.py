"""`serve` restarted in the middle of a vote, with the class screen and a phone open: the class screen says
it is reconnecting, then comes back by itself to the same room on the class screen (no login page, no
typing), with the votes; the phone keeps its vote and can change it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.class_screen import class_screen, control, wait_screen
from tests.browser.helpers import PROJECTOR, READY_MS, join_student, open_student, vote_on, wait_text
from tests.serve_process import ServeProcess

pytestmark = pytest.mark.browser
MAIN_PRE = "Before the debate: This house believes that the Union State"
BACK_MS = 180_000  # stop + start + the page's poll + a new kernel, on a busy 2-core machine


@pytest.fixture
def serve(tmp_path: Path) -> Any:
    server = ServeProcess(tmp_path)
    yield server
    server.stop()


def test_a_restart_mid_vote_brings_the_class_screen_back_in_the_room(serve: ServeProcess,
                                                                     people: Any) -> None:
    serve.start()
    teacher = people.new(PROJECTOR).new_page()
    teacher.goto(serve.opener(), timeout=READY_MS)  # the file the terminal names
    teacher.locator("button.dk-console-create").click(timeout=READY_MS)
    code = teacher.locator(".dk-p-code").inner_text(timeout=READY_MS).strip()
    link = f"{serve.url}/debate-kit/join/{code}"  # loopback here: the test machine is the class's network
    phone = open_student(people.new(), link)
    join_student(phone, "Ana")
    control(teacher, "next")
    vote_on(phone, MAIN_PRE, "For")
    wait_screen(teacher, ".dk-p-voted", "1 of 1 voted")
    teacher.wait_for_timeout(3000)  # the console's heartbeat has had answers
    teacher.evaluate("window.__before_restart = true")

    assert serve.stop() == 0
    teacher.locator(".dk-connection-lost.dk-reconnecting").wait_for(state="visible", timeout=30_000)
    wait_text(phone, ".dk-banner", "onnect")  # the phone says so too

    serve.start()
    teacher.wait_for_function("() => !window.__before_restart", timeout=BACK_MS)  # it reloaded itself
    wait_screen(teacher, ".dk-p-voted", "1 of 1 voted", BACK_MS)
    assert "/login" not in teacher.url and "token" not in teacher.url
    assert teacher.locator(".dk-projector.dk-p-mode-present").count() == 1
    shown = class_screen(teacher)
    assert code in shown and "%" not in shown
    phone.locator(".dk-banner.dk-banner-on").wait_for(state="detached", timeout=60_000)  # back by itself
    vote_on(phone, MAIN_PRE, "Against")  # the same student
    wait_screen(teacher, ".dk-p-voted", "1 of 1 voted")
    control(teacher, "close-vote")
    control(teacher, "reveal")
    wait_screen(teacher, ".dk-p-bars", "100% (1)")
