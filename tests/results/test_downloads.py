"""CSV and Excel downloads: every table, with its header, as data: links; formulas stay text."""

from __future__ import annotations

import base64
import csv
import io
import re

import pandas as pd
from openpyxl import load_workbook

from debate_kit.results.downloads import csv_bytes, download_links, excel_bytes
from debate_kit.results.records import read_records
from debate_kit.results.tables import TITLES, build_tables
from tests.results.conftest import Demo


def links(html: str) -> dict[str, bytes]:
    """download file name -> decoded bytes, for every data: link in ``html``."""
    found = re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([A-Za-z0-9+/=]+)"', html)
    return {name: base64.b64decode(data) for name, data in found}


def test_every_table_downloads_as_csv_and_as_an_excel_sheet(demo: Demo) -> None:
    tables = build_tables(read_records(demo.store, demo.room.id, demo.lesson))
    files = links(download_links(demo.room.code, tables))
    code = demo.room.code
    assert set(files) == {f"results-{code}.xlsx"} | {f"results-{code}-{n}.csv" for n in TITLES}
    for name, frame in tables.items():
        text = files[f"results-{code}-{name}.csv"].decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == list(frame.columns), name
        assert len(rows) == len(frame) + 1, name
    book = load_workbook(io.BytesIO(files[f"results-{code}.xlsx"]))
    assert book.sheetnames == list(TITLES)
    for name, frame in tables.items():
        sheet = book[name]
        assert [c.value for c in sheet[1]] == list(frame.columns), name
        assert sheet.max_row == len(frame) + 1, name
    swing = pd.read_excel(io.BytesIO(files[f"results-{code}.xlsx"]), sheet_name="swing")
    assert list(swing["votes_before"]) == list(tables["swing"]["votes_before"])


def test_empty_tables_keep_their_headers() -> None:
    frame = pd.DataFrame([], columns=["name", "text"])
    assert csv_bytes(frame).decode("utf-8-sig").splitlines() == ["name,text"]
    sheet = load_workbook(io.BytesIO(excel_bytes({"answers": frame})))["answers"]
    assert [c.value for c in sheet[1]] == ["name", "text"] and sheet.max_row == 1


def test_typed_formulas_stay_text() -> None:
    frame = pd.DataFrame([("=HYPERLINK(\"http://evil\",\"x\")", 3, None), ("-1+2", -2, 1.5)],
                         columns=["text", "n", "x"])
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert rows[1] == ["'=HYPERLINK(\"http://evil\",\"x\")", "3", ""]
    assert rows[2] == ["'-1+2", "-2", "1.5"]
    sheet = load_workbook(io.BytesIO(excel_bytes({"t": frame})))["t"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")
    assert sheet["B3"].value == -2 and sheet["C2"].value is None and sheet["C3"].value == 1.5
