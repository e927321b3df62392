"""Kernels: students' light pages start none; reloaded teacher pages give theirs back.

Documented bound (docs/running-a-class.md): the count is back within ``grace + reap interval (2 s) + 15 s``
of the last reload; with the test's 2 s grace that is 19 s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from debate_kit.testing import VoilaServer
from tests.browser.helpers import (
    NOTEBOOKS,
    PROJECTOR,
    Classroom,
    join_student,
    open_student,
    ready,
    start_app,
    student_url,
    vote_on,
    wait_until,
)

pytestmark = pytest.mark.browser
GRACE = 2.0
REAP_INTERVAL = 2.0
SETTLE_BOUND = GRACE + REAP_INTERVAL + 15.0
RELOADS = 10
MAIN_PRE = "Before the debate: This house believes that the Union State"


def test_students_cost_no_kernel_and_reloaded_consoles_give_theirs_back(tmp_path: Path, people: Any) -> None:
    with VoilaServer(f"sqlite:///{tmp_path / 'classroom.sqlite3'}", notebooks=NOTEBOOKS, grace=GRACE,
                     unconnected=20.0, workdir=tmp_path) as server:
        room = Classroom(server)
        room.set(phase="pre-vote", poll="motion-main-pre")
        students = [open_student(people.new(), student_url(server, room.code)) for _ in range(3)]
        for n, page in enumerate(students):
            join_student(page, f"S{n}")
        for _ in range(3):  # restless phones
            for page in students:
                page.reload(wait_until="commit")
            for page in students:
                page.wait_for_selector(".dk-me:not([hidden])", timeout=60_000)
        assert server.kernels() == [], "the light student page runs without a kernel"

        consoles = [(start_app(room.teacher(people, PROJECTOR), server, "teacher", room=room.code),
                     ".dk-projector"),
                    (start_app(people.new(), server, "lesson", room=room.code), "button.dk-lesson-readonly")]
        for page, selector in consoles:
            ready(page, selector)
        started = set(server.kernels())
        for _ in range(RELOADS // len(consoles)):
            for page, _selector in consoles:
                page.reload(wait_until="commit")
            for page, selector in consoles:
                ready(page, selector)
            started.update(server.kernels())
        assert len(started) >= RELOADS, len(started)
        settled = wait_until(lambda: len(server.kernels()) == len(consoles), SETTLE_BOUND)
        print(f"kernels back to {len(consoles)} open pages {settled:.1f} s after the last reload "
              f"(bound {SETTLE_BOUND:.0f} s)")
        vote_on(students[0], MAIN_PRE, "For")  # students were never affected
        assert len(server.kernels()) == len(consoles)
