"""A room's data as files: one CSV per table (header row first), or all of them in one zip.

The one export of the kit: ``debate-kit export``, the console's Export button and the results page's
downloads all guard their cells with :func:`debate_kit.core.spreadsheet.safe_cell`. Hashed secrets
are never exported. ``votes.csv`` keeps every vote event (a changed vote is a new row) and marks the
ones a later vote replaced (``superseded`` = 1), so counting rows with ``superseded = 0`` gives the
effective votes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from debate_kit.core.spreadsheet import safe_cell
from debate_kit.store import Store

Table = tuple[list[str], list[list[object]]]


def room_tables(store: Store, room_id: int) -> dict[str, Table]:
    """Table name -> (header, rows) for one room, secrets left out, votes marked when superseded."""
    tables = store.export_tables(room_id)
    header, rows = tables["votes"]
    index = {name: i for i, name in enumerate(header)}
    rows = sorted(rows, key=lambda row: int(row[index["id"]]))  # type: ignore[call-overload]

    def who(row: list[object]) -> tuple[object, object]:
        return row[index["poll_id"]], row[index["participant_id"]]

    latest = {who(row): row[index["id"]] for row in rows}  # id order: the last one per voter counts
    tables["votes"] = ([*header, "superseded"],
                       [[*row, int(latest[who(row)] != row[index["id"]])] for row in rows])
    return tables


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
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


def room_zip(store: Store, room_id: int, code: str) -> bytes:
    """The room's CSV files in one zip archive, in a folder named after the join code."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, (header, rows) in room_tables(store, room_id).items():
            archive.writestr(f"{code}/{table}.csv", csv_text(header, rows))
    return buffer.getvalue()
