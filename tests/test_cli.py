"""The debate-kit command: rooms, export, delete, and the errors it prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate_kit.cli import main
from debate_kit.store import open_store


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "class.sqlite3")


def test_rooms_lists_nothing_then_a_room(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "rooms"]) == 0
    assert "No rooms yet" in capsys.readouterr().out
    with open_store(db) as store:
        room, _ = store.create_room("Period 3", "new-soviet-union")
        store.join(room.id, "Ann", "device-token-ann-0123456789")
    assert main(["--db", db, "rooms"]) == 0
    out = capsys.readouterr().out
    assert room.code in out and "Period 3" in out and "1 people" in out


def test_export_writes_csv_files(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db) as store:
        room, _ = store.create_room("Period 3", "new-soviet-union")
    out = tmp_path / "export"
    assert main(["--db", db, "export", room.code.lower(), "--out", str(out)]) == 0
    assert (out / "rooms.csv").read_text().splitlines()[1].split(",")[1] == room.code
    assert len(list(out.glob("*.csv"))) == 9


def test_delete_removes_the_room(db: str) -> None:
    with open_store(db) as store:
        room, _ = store.create_room("Period 3", "new-soviet-union")
    assert main(["--db", db, "delete", room.code, "--yes"]) == 0
    with open_store(db) as store:
        assert store.rooms() == []


def test_unknown_room_is_a_clear_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "export", "QQQQ"]) == 1
    assert "There is no room QQQQ" in capsys.readouterr().err


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database " * 100)
    assert main(["--db", str(notes), "rooms"]) == 1
    assert "not a debate_kit database" in capsys.readouterr().err


def test_teacher_key_replaces_the_key(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db) as store:
        room, old = store.create_room("Period 3", "new-soviet-union")
    assert main(["--db", db, "teacher-key", room.code]) == 0
    new = capsys.readouterr().out.splitlines()[1].strip()
    with open_store(db) as store:
        assert store.is_teacher(room.id, new)
        assert not store.is_teacher(room.id, old)
