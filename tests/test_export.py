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
    store.cast_vote(poll.id, ann.id, "B")  # changed mind: one row, with the first choice and 1 change
    store.cast_vote(poll.id, bob.id, "A")
    store.save_answer(bob.id, "p1", "+SUM(1)")
    return room.id, room.code, poll.id


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_every_export_path_guards_cells_and_says_who_changed_their_vote(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    with open_store(db) as store:
        room_id, code, _poll = _room(store)
        files = {p.stem: p.read_bytes().decode() for p in write_csv(store, room_id, tmp_path / "a")}
        with zipfile.ZipFile(io.BytesIO(room_zip(store, room_id, code))) as archive:
            zipped = {Path(n).stem: archive.read(n).decode() for n in archive.namelist()
                      if "/readable/" not in n}  # the raw tables (readable ones: below)
    assert main(["export", code, "--db", db, "--out", str(tmp_path / "cli")]) == 0
    cli = {p.stem: p.read_bytes().decode() for p in (tmp_path / "cli").glob("*.csv")}
    assert files == zipped == cli, "one export: the same bytes by every path"
    names = [r["name"] for r in _rows(files["participants"])]
    assert names == ["'=cmd|' /C calc'!A0", "Bob"]
    assert _rows(files["answers"])[0]["text"] == "'+SUM(1)"
    votes = _rows(files["votes"])
    assert [(v["choice"], v["first_choice"], v["changes"]) for v in votes] == [
        ("B", "A", "1"), ("A", "A", "0")], "one row per voter, and who changed their vote"
    assert "hash" not in files["participants"] + files["rooms"]


def test_the_results_downloads_use_the_same_guard() -> None:
    pd = pytest.importorskip("pandas")
    from debate_kit.results.downloads import csv_bytes

    text = csv_bytes(pd.DataFrame({"name": NASTY})).decode("utf-8-sig")
    assert [r["name"] for r in _rows(text)] == [safe_cell(t) for t in NASTY]


# -- the readable files: names, prompt text, one column per criterion ---------------------------------

READABLE = {
    "votes": ["name", "motion", "before", "after", "changed", "vote changes"],
    "polls": ["name", "section", "question", "choice", "first choice", "changes"],
    "answers": ["name", "section", "prompt", "answer"],
    "people": ["name", "role", "debate", "speaker", "joined"],
    "reflections": ["name", "motion", "before", "after", "movement", "why", "mattered most"],
    "cards": ["name", "claim", "evidence", "source", "trust", "helps", "cited in"],
}
EVIL_NAME = "=HYPERLINK(\"http://x.example\",\"Ann\")"


def _cited_card(store: Store, room_id: int, key: str) -> None:
    """A debater's card with a formula for a claim, tagged by the teacher for their side's first speech."""
    round_ = [r for r in store.rounds(room_id) if r.published][-1]
    seat = next(s for s in store.seats(round_.id) if s.role == "proposition" and s.debate)
    store.set_phase(room_id, key, "reading")
    card_id = store.save_card(seat.participant_id, {
        "claim": "=1+1 the union is real", "evidence": "@ 28 programmes", "outlet": "Reuters",
        "behind": "A news agency.", "others": "The BBC agrees.", "trust": "high", "trust_reason": "Cited.",
        "reasoning": "Signed, not done.", "helps": "opposition"}).id
    store.set_phase(room_id, key, "debate")
    store.set_speech(room_id, key, label="Proposition rebuttal", speaker="", seconds=60, running=False,
                     left=60.0)
    store.tag_card_as_teacher(room_id, key, seat.debate, "1st proposition", card_id, True)
    store.set_phase(room_id, key, "results")


def _readable_room(db: str) -> tuple[int, str]:
    from debate_kit.demo import fill_demo_class

    with open_store(db) as store:
        room, key = fill_demo_class(store, students=8, seed=4)
        _cited_card(store, room.id, key)
        first = store.participants(room.id)[0]
        with store._tx(room.id) as cur:  # a student who typed a formula as their name
            cur.execute("UPDATE participants SET name = ? WHERE id = ?", (EVIL_NAME, first.id))
        store.save_answer(first.id, "opening-claim", "-1+1 it claims")
        return room.id, room.code


def _csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so Excel reads accents right"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_readable_files_by_every_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from debate_kit.demo import shipped_lesson
    from debate_kit.export import write_readable

    monkeypatch.setenv("DEBATE_KIT_READINGS", str(Path(__file__).resolve().parents[1] / "readings"))
    db = str(tmp_path / "c.sqlite3")
    room_id, code = _readable_room(db)
    lesson = shipped_lesson()
    with open_store(db) as store:
        with zipfile.ZipFile(io.BytesIO(room_zip(store, room_id, code))) as archive:
            zipped = {n.split("/readable/")[1]: archive.read(n) for n in archive.namelist()
                      if "/readable/" in n}
        written = {p.name: p.read_bytes() for p in write_readable(store, room_id, tmp_path / "w", lesson)}
        people = store.participants(room_id)
        polls = {p.key: p for p in store.polls(room_id)}
        main_post = polls["motion-main-post"]
        before, after = store.votes(polls["motion-main-pre"].id), store.votes(main_post.id)
        answers = [a for a in store.answers(room_id) if a.text.strip()]
        sheets = [s for r in store.rounds(room_id) for sp in store.speeches(r.id)
                  for s in store.scores(sp.id)]
        room = store.room_by_id(room_id)
    assert main(["export", code, "--db", db, "--out", str(tmp_path / "cli")]) == 0
    cli = {p.name: p.read_bytes() for p in (tmp_path / "cli" / "readable").glob("*.csv")}
    assert zipped == written == cli and set(cli) == {f"{n}.csv" for n in (*READABLE, "scores")}
    files = {name.removesuffix(".csv"): _csv(data) for name, data in cli.items()}
    for name, header in READABLE.items():
        assert files[name][0] == header, name
    for name, rows in files.items():  # no cell a spreadsheet would run
        assert not [c for row in rows for c in row if c.startswith(("=", "+", "-", "@", "\t", "\r"))], name
    names = {p.name for p in people} - {EVIL_NAME} | {"'" + EVIL_NAME}
    motion = main_post.question.removeprefix("After the debate: ")
    votes = [r for r in files["votes"][1:] if r[1] == motion]  # the main motion's, by its text
    assert len(votes) == len(set(before) | set(after)) and {r[0] for r in votes} <= names
    assert all(not r[1].startswith("motion-") for r in files["votes"][1:]), "the motion's text, not its id"
    assert {r[4] for r in votes} <= {"yes", "no", "voted only before", "voted only after"}
    assert {"voted only before", "voted only after"} <= {r[4] for r in votes}  # the demo's late and early
    assert {r[2] for r in votes if r[2]} <= {"For (Proposition)", "Against (Opposition)", "Undecided"}
    prompts = {p.id: (s.title, p.text) for s in lesson.sections for p in s.prompts}
    rows = files["answers"][1:]
    assert len(rows) == len(answers) and {r[0] for r in rows} <= names
    assert all((r[1], r[2]) in prompts.values() for r in rows), "prompt text and section title, not ids"
    assert ["'" + EVIL_NAME, lesson.sections[0].title, prompts["opening-claim"][1], "'-1+1 it claims"] in rows
    labels = [f"{c.label} ({room.rubric_min}-{room.rubric_max})" for c in lesson.rubric.criteria]
    header, *scores = files["scores"]
    assert header == ["round", "speech", "speaker", "side", "scorer", *labels, "total", "out of", "comment"]
    assert len(scores) == len(sheets) > 0
    for row in scores:
        marks = [int(v) for v in row[5:5 + len(labels)]]
        assert int(row[-3]) == sum(marks) and row[-2] == str(len(labels) * room.rubric_max)
        assert row[4] in names and row[3] in ("Proposition", "Opposition") and not row[2].isdigit()
    people_rows = files["people"][1:]
    assert sorted(r[0] for r in people_rows) == sorted(names)
    assert {r[1] for r in people_rows} <= {"Proposition", "Opposition", "Judge", "Audience", ""}
    reflections = files["reflections"][1:]  # the demo's, with the students' names and the motion's text
    assert reflections and {r[0] for r in reflections} <= names and {r[1] for r in reflections} <= {
        p.question.removeprefix("After the debate: ") for p in polls.values()}
    assert {r[4] for r in reflections} <= {"Moved towards For", "Moved towards Against", "Stayed"}
    (card,) = files["cards"][1:]  # a formula typed as a claim is text in the spreadsheet
    assert card[0] in names and card[1:3] == ["'=1+1 the union is real", "'@ 28 programmes"]
    assert card[6] == "Debate 1: 1st Proposition"
