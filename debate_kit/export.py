"""A room's data as files: one CSV per table (header row first), or all of them in one zip.

The one export of the kit: ``debate-kit export``, the console's Export button and the results page's
downloads all guard their cells with :func:`debate_kit.core.spreadsheet.safe_cell`. Hashed secrets
are never exported. ``votes.csv`` has one row per voter and poll: the current ``choice``, the
``first_choice`` and how many times the voter ``changes`` option (0: never changed their vote).

Next to the raw tables, ``readable/`` holds tables a teacher can open (:mod:`debate_kit.readable`:
names, prompt text, one column per rubric criterion), UTF-8 with a byte-order mark for Excel.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from pathlib import Path

from debate_kit.core.errors import DebateKitError
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.spreadsheet import safe_cell
from debate_kit.core.validation import check_id
from debate_kit.store import Room, Store

log = logging.getLogger("debate_kit.export")

Table = tuple[list[str], list[list[object]]]


def room_tables(store: Store, room_id: int) -> dict[str, Table]:
    """Table name -> (header, rows) for one room, secrets left out, votes in id order."""
    tables = store.export_tables(room_id)
    header, rows = tables["votes"]
    at = header.index("id")
    tables["votes"] = (header, sorted(rows, key=lambda row: int(row[at])))  # type: ignore[call-overload]
    return tables


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([[safe_cell(v) for v in row] for row in rows])
    return buffer.getvalue()


def write_csv(store: Store, room_id: int, folder: Path) -> list[Path]:
    """One CSV file per table in ``folder``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, (header, rows) in room_tables(store, room_id).items():
        path = folder / f"{table}.csv"
        path.write_text(csv_text(header, rows), encoding="utf-8", newline="")
        written.append(path)
    return written


def lesson_of(room: Room) -> Lesson | None:
    """The room's lesson from the lessons folder (for prompt and criterion text), or None."""
    from debate_kit import config
    from debate_kit.content import load_lesson

    try:
        return load_lesson(config.readings_dir() / check_id(room.lesson, "lesson"))
    except (DebateKitError, OSError, ValueError):  # missing or broken: the files show ids instead
        log.warning("debate_kit: lesson %r not loaded for the export", room.lesson)
        return None


def readable_files(store: Store, room_id: int, lesson: Lesson | None = None) -> dict[str, bytes]:
    """``readable/<name>.csv`` -> its bytes: the tables a teacher can open (UTF-8 with a BOM)."""
    from debate_kit.readable import FOLDER, readable_tables
    from debate_kit.results.records import read_records

    records = read_records(store, room_id, lesson or lesson_of(store.room_by_id(room_id)))
    return {f"{FOLDER}/{name}.csv": csv_text(header, rows).encode("utf-8-sig")
            for name, (header, rows) in readable_tables(records).items()}


def write_readable(store: Store, room_id: int, folder: Path, lesson: Lesson | None = None) -> list[Path]:
    """The readable tables in ``folder/readable``; returns the paths."""
    written = []
    for name, data in readable_files(store, room_id, lesson).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def room_zip(store: Store, room_id: int, code: str, lesson: Lesson | None = None) -> bytes:
    """The room's CSV files in one zip archive, in a folder named after the join code: the raw tables,
    and the readable ones in ``readable/``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, (header, rows) in room_tables(store, room_id).items():
            archive.writestr(f"{code}/{table}.csv", csv_text(header, rows))
        for name, data in readable_files(store, room_id, lesson).items():
            archive.writestr(f"{code}/{name}", data)
    return buffer.getvalue()
