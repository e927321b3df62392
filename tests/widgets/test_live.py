"""Live updates through the change feed, on SQLite and PostgreSQL (the ``store_url`` fixture)."""

from __future__ import annotations

import asyncio
import time

from debate_kit.core.lesson_model import Lesson
from debate_kit.store import Store, open_store
from debate_kit.widgets.live_vote import LiveVote
from tests.widgets.browser import click
from tests.widgets.conftest import Class, open_class


def test_start_live_needs_a_running_loop(klass: Class) -> None:
    assert klass.console.session is not None
    assert klass.console.session.start_live() is False


def test_another_kernel_changes_show_up_without_refresh(store: Store, store_url: str, lesson: Lesson) -> None:
    klass = open_class(store, lesson)
    key, room_id = klass.key, klass.room.id

    async def scenario() -> None:
        ann = klass.student("Ann")
        assert ann.session is not None and ann.session.start_live()
        with open_store(store_url) as other:  # the teacher's kernel, another connection
            other.set_phase(room_id, key, "pre-vote")
            pid = next(p.id for p in other.polls(room_id) if p.key == "motion-main-pre")
            other.set_poll_state(pid, key, "open")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            votes = [v for v in ann.views if isinstance(v, LiveVote)]
            if votes and votes[0].layout.display is None and not votes[0].buttons.children[0].disabled:
                break
        else:
            raise AssertionError(f"the student page did not update: {ann.header.value}")
        click(votes[0].buttons.children[0])
        assert list(store.votes(pid).values()) == ["For"]
        ann.session.stop_live()

    asyncio.run(scenario())
