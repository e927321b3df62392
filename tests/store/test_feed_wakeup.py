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
