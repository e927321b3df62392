"""Reloaded pages give their kernels back: after twenty reloads the server runs one kernel per open page.

Documented bound (docs/running-a-class.md): the count is back within ``grace + reap interval (2 s) + 15 s``
of the last reload; with the test's 2 s grace that is 19 s. The slack covers shutting down about twenty
kernels on a busy two-core machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from debate_kit.testing import VoilaServer
from tests.browser.helpers import (
    NOTEBOOKS,
    Classroom,
    join,
    ready,
    start_app,
    vote_block,
    wait_text,
    wait_until,
)

pytestmark = pytest.mark.browser
GRACE = 2.0
REAP_INTERVAL = 2.0
SETTLE_BOUND = GRACE + REAP_INTERVAL + 15.0
RELOADS = 20
MAIN_PRE = "Before the debate: This house believes that the Union State"


def test_twenty_reloads_leave_one_kernel_per_open_page(tmp_path: Path, people: Any) -> None:
    with VoilaServer(f"sqlite:///{tmp_path / 'classroom.sqlite3'}", notebooks=NOTEBOOKS, grace=GRACE,
                     unconnected=20.0, workdir=tmp_path) as server:
        room = Classroom(server)
        room.set(phase="pre-vote", poll="motion-main-pre")
        student = start_app(people.new(), server, "student", room=room.code)
        ready(student, "button.dk-join-button")
        join(student, "Ana")  # a joined page follows the live feed: busy kernels must go too
        pages = [
            (student, ".dk-header"),
            (start_app(people.new(), server, "student", room=room.code), "button.dk-join-button"),
            (start_app(people.new(), server, "lesson", room=room.code), "button.dk-lesson-readonly"),
        ]
        for page, selector in pages:
            ready(page, selector)
        started = set(server.kernels())
        reloads = 0
        while reloads < RELOADS:  # the pages reload together, a few at a time, like a restless class
            batch = pages[: min(len(pages), RELOADS - reloads)]
            for page, _selector in batch:
                page.reload(wait_until="commit")
            for page, selector in batch:
                ready(page, selector)  # connected: the page's kernel now counts as a page's kernel
            started.update(server.kernels())
            reloads += len(batch)
        # Every reload started a kernel (the old ones may already be gone: the grace is short).
        assert len(started) >= RELOADS + len(pages), len(started)
        settled = wait_until(lambda: len(server.kernels()) == len(pages), SETTLE_BOUND)
        print(f"kernels back to {len(pages)} open pages {settled:.1f} s after the last reload "
              f"(bound {SETTLE_BOUND:.0f} s)")
        # The open pages kept working kernels: the joined student can still vote.
        vote_block(student, MAIN_PRE).locator("button.dk-vote-option", has_text="For").click()
        wait_text(student, ".dk-vote", "Your vote: For")
        assert len(server.kernels()) == len(pages)
