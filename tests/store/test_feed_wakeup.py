"""SQLite's change feed sleeps on an inotify fd (Linux): a commit wakes it, an idle feed stays asleep."""

from __future__ import annotations

import select
import sys
from pathlib import Path

import pytest

from debate_kit.store import open_store
from debate_kit.store.backends import FolderWatch

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux-only")


def test_a_commit_from_another_connection_wakes_the_feed_and_idle_leaves_it_asleep(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    with open_store(url) as teacher, open_store(url) as student:
        room, key = teacher.create_room("Wake-up", "new-soviet-union")
        feed = student.feed(room.id)
        fd = feed._listener.fileno()
        assert fd is not None
        assert select.select([fd], [], [], 0.3)[0] == []  # idle: nothing to read, nothing to poll
        assert not feed.changed()
        teacher.set_phase(room.id, key, "reading")
        assert select.select([fd], [], [], 2.0)[0] == [fd]
        assert feed.changed()
        assert select.select([fd], [], [], 0.1)[0] == []  # drained by changed()
        feed.close()


def test_without_inotify_the_listener_polls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FolderWatch, "open", classmethod(lambda cls, folder: None))
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    with open_store(url) as teacher, open_store(url) as student:
        room, key = teacher.create_room("Polling", "new-soviet-union")
        feed = student.feed(room.id)
        assert feed._listener.fileno() is None
        teacher.set_phase(room.id, key, "reading")
        assert feed.wait(2.0)
        feed.close()


def test_a_burst_of_commits_wakes_a_paced_feed_a_few_times_and_it_sees_the_last(tmp_path: Path) -> None:
    """``min_interval``: 40 commits in about 0.4 s are told in a few yields, the last one included, and
    the pause does not spin on the still-readable inotify fd (a spin costs a core for the whole pause)."""
    import asyncio
    import threading
    import time

    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    with open_store(url) as teacher, open_store(url) as student:
        room, key = teacher.create_room("Burst", "new-soviet-union")
        feed = student.feed(room.id)
        phases = ["reading", "pre-vote"] * 20

        def commits() -> None:
            for phase in phases:
                teacher.set_phase(room.id, key, phase)
                time.sleep(0.01)

        async def follow_for(seconds: float) -> tuple[int, int]:
            yields = 0

            async def count() -> None:
                nonlocal yields
                async for _revision in feed.updates(min_interval=0.3):
                    yields += 1

            task = asyncio.get_running_loop().create_task(count())
            await asyncio.sleep(seconds)
            task.cancel()
            return yields, feed.revision

        writer = threading.Thread(target=commits)
        cpu = time.process_time()
        writer.start()
        yields, revision = asyncio.run(follow_for(2.0))
        writer.join()
        cpu = time.process_time() - cpu
        assert 1 <= yields <= 8
        assert revision == student.revision(room.id)  # the burst's last commit was seen
        assert cpu < 0.3, f"{cpu:.2f} s of CPU in 2 s: the paused feed spun"
        feed.close()
