"""Live updates through the change feed, on SQLite and PostgreSQL (the ``store_url`` fixture)."""

from __future__ import annotations

import asyncio
import time

from debate_kit.core.lesson_model import Lesson
from debate_kit.store import Store, open_store
from tests.widgets.conftest import Class, open_class


def test_start_live_needs_a_running_loop(klass: Class) -> None:
    assert klass.console.session is not None
    assert klass.console.session.start_live() is False


def test_a_student_widget_follows_nothing_without_a_running_loop(klass: Class) -> None:
    ann = klass.student("Ann")
    assert ann._task is None  # tests (and kernels without a loop) call redraw themselves
    klass.store.set_phase(klass.room.id, klass.key, "pre-vote")
    assert ann.view["room"]["phase"] == "join"
    ann.redraw()
    assert ann.view["room"]["phase"] == "pre-vote"


def test_another_kernel_changes_show_up_without_refresh(store: Store, store_url: str, lesson: Lesson) -> None:
    klass = open_class(store, lesson)
    key, room_id = klass.key, klass.room.id

    async def scenario() -> None:
        ann = klass.student("Ann")  # joining inside the kernel's loop starts following the room's feed
        assert ann._task is not None and not ann._task.done()
        assert ann.view["room"]["phase"] == "join" and ann.view["polls"] == []
        with open_store(store_url) as other:  # the teacher's kernel, another connection
            other.set_phase(room_id, key, "pre-vote")
            pid = next(p.id for p in other.polls(room_id) if p.key == "motion-main-pre")
            other.set_poll_state(pid, key, "open")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # nobody calls redraw: only the feed
            await asyncio.sleep(0.05)
            polls = ann.view["polls"]
            if polls and polls[0]["state"] == "open":
                break
        else:
            raise AssertionError(f"the student page did not update: {ann.view}")
        assert ann.view["room"]["phase"] == "pre-vote" and polls[0]["id"] == pid
        reply = klass.act(ann, "vote", poll=pid, option=polls[0]["options"][0])
        assert reply["type"] == "ack"
        assert list(store.votes(pid).values()) == ["For"]
        deadline = time.monotonic() + 5
        while ann.view["polls"][0]["mine"] != "For":  # the own vote shows too (redrawn after the ack)
            assert time.monotonic() < deadline, ann.view
            await asyncio.sleep(0.05)
        task = ann._task
        task.cancel()  # the kernel stops: the feed is closed
        await asyncio.gather(task, return_exceptions=True)
        assert task.cancelled()

    asyncio.run(scenario())
