"""One export, one spreadsheet guard: the CLI, the console's zip and the results page agree."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from debate_kit.cli import main
from debate_kit.core.spreadsheet import safe_cell
from debate_kit.export import room_zip, write_csv
from debate_kit.store import Store, open_store

NASTY = ["=HYPERLINK(\"http://x.example\",\"click\")", "+1+1", "-2", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.mark.parametrize("text", NASTY)
def test_formula_starts_are_guarded(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert safe_cell("plain") == "plain" and safe_cell(3) == 3 and safe_cell(None) is None


def _room(store: Store) -> tuple[int, str, int]:
    room, key = store.create_room("P3", "new-soviet-union")
    poll = store.add_poll(room.id, key, "p", "Q?", "choice", ("A", "B"))
    store.set_poll_state(poll.id, key, "open")
    ann = store.join(room.id, "=cmd|' /C calc'!A0", "a" * 32)
    bob = store.join(room.id, "Bob", "b" * 32)
    store.cast_vote(poll.id, ann.id, "A")
    store.cast_vote(poll.id, ann.id, "B")  # changed mind: the first event is superseded
    store.cast_vote(poll.id, bob.id, "A")
    store.save_answer(bob.id, "p1", "+SUM(1)")
    return room.id, room.code, poll.id


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_every_export_path_guards_cells_and_marks_superseded_votes(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    with open_store(db) as store:
        room_id, code, _poll = _room(store)
        files = {p.stem: p.read_bytes().decode() for p in write_csv(store, room_id, tmp_path / "a")}
        with zipfile.ZipFile(io.BytesIO(room_zip(store, room_id, code))) as archive:
            zipped = {Path(n).stem: archive.read(n).decode() for n in archive.namelist()}
    assert main(["export", code, "--db", db, "--out", str(tmp_path / "cli")]) == 0
    cli = {p.stem: p.read_bytes().decode() for p in (tmp_path / "cli").glob("*.csv")}
    assert files == zipped == cli, "one export: the same bytes by every path"
    names = [r["name"] for r in _rows(files["participants"])]
    assert names == ["'=cmd|' /C calc'!A0", "Bob"]
    assert _rows(files["answers"])[0]["text"] == "'+SUM(1)"
    votes = _rows(files["votes"])
    assert [(v["choice"], v["superseded"]) for v in votes] == [("A", "1"), ("B", "0"), ("A", "0")]
    assert sum(v["superseded"] == "0" for v in votes) == 2, "counting unsuperseded rows = effective votes"
    assert "hash" not in files["participants"] + files["rooms"]


def test_the_results_downloads_use_the_same_guard() -> None:
    pd = pytest.importorskip("pandas")
    from debate_kit.results.downloads import csv_bytes

    text = csv_bytes(pd.DataFrame({"name": NASTY})).decode("utf-8-sig")
    assert [r["name"] for r in _rows(text)] == [safe_cell(t) for t in NASTY]
