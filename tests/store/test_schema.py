"""Opening databases: upgrade an older schema, refuse a newer one, refuse other programs' files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from debate_kit.core.errors import StoreError
from debate_kit.store import SCHEMA_VERSION, open_store
from debate_kit.store.backends import SQLiteBackend
from debate_kit.store.base import StoreBase
from debate_kit.store.schema import MIGRATIONS


class _V1Only(StoreBase):
    """Writes a version-1 database, as the first release did."""

    def _prepare_schema(self) -> None:
        with self.backend.transaction(write=True) as cur:
            self._migrate(cur, 0)


def test_version_1_database_is_upgraded_with_its_data(store_url: str) -> None:
    old = _V1Only(store_url)
    with old.backend.transaction(write=True) as cur:
        cur.execute(
            "INSERT INTO rooms (code, title, lesson, teacher_hash, created_at) "
            "VALUES ('KQFA', 'Old room', 'new-soviet-union', 'x', '2025-01-01')"
        )
    old.close()
    with open_store(store_url) as store:
        assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
        assert store.room("KQFA").title == "Old room"
        assert store.room("KQFA").closed is False


def test_newer_schema_is_refused_with_a_clear_message(store_url: str) -> None:
    open_store(store_url).close()
    store = open_store(store_url)
    with store.backend.transaction(write=True) as cur:
        cur.execute("UPDATE dk_meta SET value = '99' WHERE key = 'schema_version'")
    store.close()
    with pytest.raises(StoreError, match=r"newer debate_kit.*version 99") as err:
        open_store(store_url)
    assert err.value.code == "schema-too-new"


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="belongs to another program"):
        open_store(str(path))
    with sqlite3.connect(path) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("customers",)], "nothing was added to the other program's file"


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("These are my lesson notes, not a database. " * 50)
    with pytest.raises(StoreError, match="not a debate_kit database"):
        open_store(str(path))


def test_unknown_url_scheme_is_refused() -> None:
    with pytest.raises(StoreError, match="Unknown database URL"):
        open_store("mysql://localhost/db")


def test_sqlite_uses_wal_and_a_busy_timeout(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store:
        backend = store.backend
        assert isinstance(backend, SQLiteBackend)
        with backend.transaction() as cur:
            cur.execute("PRAGMA journal_mode")
            assert cur.fetchone()[0] == "wal"
            cur.execute("PRAGMA busy_timeout")
            assert cur.fetchone()[0] >= 5000


class _V2Only(StoreBase):
    """Writes a version-2 database: votes were append-only events then."""

    def _prepare_schema(self) -> None:
        with self.backend.transaction(write=True) as cur:
            self._migrate(cur, 0)
            self._migrate(cur, 1)


def test_version_2_vote_events_become_one_vote_per_voter_with_its_changes(store_url: str) -> None:
    old = _V2Only(store_url)
    events = [("ann", "For"), ("ben", "Against"), ("ann", "Against"), ("ann", "Against"), ("ann", "For"),
              ("cy", "For"), ("ben", "Against")]
    with old.backend.transaction(write=True) as cur:
        cur.execute("INSERT INTO rooms (code, title, lesson, teacher_hash, created_at) "
                    "VALUES ('KQFA', 'Old room', 'new-soviet-union', 'x', '2025-01-01') RETURNING id")
        room = cur.fetchone()["id"]
        people = {}
        for name in ("ann", "ben", "cy"):
            cur.execute("INSERT INTO participants (room_id, name, token_hash, created_at) "
                        "VALUES (?, ?, ?, '2025-01-01') RETURNING id", (room, name, name))
            people[name] = cur.fetchone()["id"]
        polls = []
        for key in ("motion-main-pre", "motion-main-post"):
            cur.execute("INSERT INTO polls (room_id, key, question, kind, options, state, created_at) "
                        "VALUES (?, ?, ?, 'motion', ?, 'open', '2025-01-01') RETURNING id",
                        (room, key, "The motion", '["For", "Against"]'))
            polls.append(cur.fetchone()["id"])
        for i, (name, choice) in enumerate(events):
            cur.execute("INSERT INTO votes (poll_id, participant_id, choice, cast_at) VALUES (?, ?, ?, ?)",
                        (polls[0], people[name], choice, f"2025-01-01T10:00:0{i}"))
        cur.execute("INSERT INTO votes (poll_id, participant_id, choice, cast_at) VALUES (?, ?, 'For', 'x')",
                    (polls[1], people["ann"]))
    old.close()
    with open_store(store_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        got = {v.participant_id: (v.choice, v.first_choice, v.changes, v.cast_at)
               for v in store.vote_records(polls[0])}
        assert got == {people["ann"]: ("For", "For", 2, "2025-01-01T10:00:04"),
                       people["ben"]: ("Against", "Against", 0, "2025-01-01T10:00:06"),
                       people["cy"]: ("For", "For", 0, "2025-01-01T10:00:05")}
        assert store.votes(polls[1]) == {people["ann"]: "For"}
        store.cast_vote(polls[0], people["ben"], "For")  # votes go on from the converted rows
        ben = next(v for v in store.vote_records(polls[0]) if v.participant_id == people["ben"])
        assert (ben.choice, ben.first_choice, ben.changes) == ("For", "Against", 1)
        with store._read() as cur:
            cur.execute("SELECT COUNT(*) AS n FROM votes")
            assert cur.fetchone()["n"] == 4
