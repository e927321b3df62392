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
    assert len(list(out.glob("*.csv"))) == 13  # one per table: cards, marks, reflections, speech cards


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


def test_options_are_accepted_after_the_command_as_the_readme_writes_them(db: str) -> None:
    from debate_kit.cli import build_parser

    for argv in (["serve", "--db", db, "--no-browser", "--port", "9000"],
                 ["--db", db, "serve", "--no-browser", "--port", "9000"]):
        args = build_parser().parse_args(argv)
        assert args.db == db and args.port == 9000 and args.no_browser
    assert main(["rooms", "--db", db]) == 0
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert "debate-kit serve [--port 8866] [--db URL]" in readme


def test_database_passwords_are_never_printed() -> None:
    from debate_kit.store.backends import redact_url

    assert redact_url("postgresql://kit:s3cret@db.example:5432/class") == "postgresql://kit:***@db.example:5432/class"
    assert redact_url("postgresql://kit@db.example/class") == "postgresql://kit@db.example/class"
    assert redact_url("sqlite:////tmp/x.sqlite3") == "sqlite:////tmp/x.sqlite3"
    with pytest.raises(Exception) as refused:
        open_store("mysql://kit:s3cret@db.example/class")
    assert "s3cret" not in str(refused.value)


def test_package_data_globs_name_files_that_exist() -> None:
    import glob
    import tomllib

    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]
    for pattern in config["package-data"]["debate_kit"]:
        assert glob.glob(str(root / "debate_kit" / pattern)), f"package-data {pattern} matches nothing"
    for files in config["data-files"].values():
        for name in files:  # a file, or a glob that matches files (setuptools expands data-files globs)
            assert [p for p in glob.glob(str(root / name)) if Path(p).is_file()], f"data-files {name}"


@pytest.mark.voila
def test_serve_stops_cleanly_and_leaves_no_temporary_folder(tmp_path: Path) -> None:
    import re

    from debate_kit.testing import VoilaServer

    notebooks = Path(__file__).resolve().parent / "notebooks"
    server = VoilaServer(f"sqlite:///{tmp_path / 'c.sqlite3'}", notebooks=notebooks, workdir=tmp_path).start()
    server.stop()  # Ctrl+C (SIGINT), as a teacher stops it
    log = server.log()
    found = re.search(r"file://(/\S+)/teacher-console\.html", log)
    assert found, log
    assert not Path(found.group(1)).exists(), "serve removes its temporary folder"
    assert "Traceback" not in log and "KeyboardInterrupt" not in log
    assert server.token not in log
    assert server.proc is not None and server.proc.returncode == 0
