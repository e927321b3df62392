"""The database goes away mid-lesson and comes back: nothing half-written, a clear message, recovery."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from debate_kit.core.errors import StoreError
from debate_kit.store import open_store
from debate_kit.store.feed import follow
from debate_kit.testing import TemporaryPostgres

pytestmark = pytest.mark.postgres


def test_a_postgres_restart_gives_a_clear_error_then_recovers() -> None:
    with TemporaryPostgres() as pg:
        store = open_store(pg.new_database("outage"))
        room, key = store.create_room("P3", "new-soviet-union")
        pg.halt()
        with pytest.raises(StoreError) as refused:
            store.set_phase(room.id, key, "pre-vote")
        assert refused.value.code == "unreachable"
        assert "Not saved" in refused.value.message and "Try again" in refused.value.message
        pg.start()
        store.set_phase(room.id, key, "pre-vote")  # the same Store object reconnects by itself
        assert store.room_by_id(room.id).phase == "pre-vote"
        store.close()


def test_the_feed_subscribes_again_after_a_restart_and_sees_new_changes() -> None:
    with TemporaryPostgres() as pg:
        url = pg.new_database("feed")
        writer = open_store(url)
        room, key = writer.create_room("P3", "new-soviet-union")
        reader = open_store(url)

        troubles: list[bool] = []

        async def scenario() -> list[str]:
            seen: list[str] = []
            updates = follow(reader, room.id, troubles.append)
            await anext(updates)  # subscribed
            pg.halt()
            await asyncio.sleep(0.5)
            pg.start()
            for _attempt in range(200):  # the writer reconnects on its next call
                try:
                    writer.set_phase(room.id, key, "reading")
                    break
                except StoreError:
                    await asyncio.sleep(0.1)
            else:
                raise AssertionError("no write after 200 tries")
            async with asyncio.timeout(30):
                while "reading" not in seen:
                    await anext(updates)
                    seen.append(reader.room_by_id(room.id).phase)
            await updates.aclose()
            return seen

        assert "reading" in asyncio.run(scenario())
        assert troubles == [True, False], "told when the database went and when it came back"
        writer.close()
        reader.close()


@pytest.mark.parametrize("message", ["database or disk is full", "database is locked"])
def test_a_sqlite_write_that_cannot_commit_is_refused_cleanly(tmp_path: Path, message: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(str(tmp_path / "c.sqlite3"))
    room, key = store.create_room("P3", "new-soviet-union")
    conn = store.backend._conn  # type: ignore[attr-defined]
    real = conn.execute

    class Failing:
        def __getattr__(self, name: str) -> object:
            return getattr(conn, name)

        def execute(self, sql: str, *args: object) -> object:
            if sql == "COMMIT":
                raise sqlite3.OperationalError(message)
            return real(sql, *args)

    monkeypatch.setattr(store.backend, "_conn", Failing())
    with pytest.raises(StoreError) as refused:
        store.set_phase(room.id, key, "reading")
    assert refused.value.code == "not-saved" and "Try again" in refused.value.message
    monkeypatch.undo()
    assert store.room_by_id(room.id).phase == "join", "nothing half-written"
    store.close()
