"""The results tables as files: one CSV per table, and one Excel workbook with a sheet per table.

Files are made in memory and offered as ``data:`` links, so nothing is left on the server. Text that a
student typed could start with ``=`` (a spreadsheet formula): in CSV such cells get a leading ``'``
(:func:`debate_kit.export.csv_text`: the one CSV writer and guard of every export), and in Excel every text
cell is stored as text.
"""

from __future__ import annotations

import base64
import io
import math

import pandas as pd

from debate_kit.export import csv_text
from debate_kit.results.tables import TITLES
from debate_kit.widgets._html import esc

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plain(value: object) -> object:
    """A cell value for a file: None for missing numbers, Python scalars instead of numpy ones."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()  # numpy scalar -> Python
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV with a header row (BOM first, so Excel reads accents right)."""
    rows = [[_plain(v) for v in row] for row in frame.itertuples(index=False)]
    return csv_text([str(c) for c in frame.columns], rows).encode("utf-8-sig")


def excel_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per table (named after the table), header row in bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for name, frame in tables.items():
        sheet = book.create_sheet(title=name[:31])
        sheet.append([str(c) for c in frame.columns])
        for cell in sheet[1]:
            cell.font = bold
        for row in frame.itertuples(index=False):
            sheet.append([_plain(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def data_link(data: bytes, mime: str, filename: str, text: str, css: str = "dk-download") -> str:
    """An ``<a download>`` link carrying ``data`` as a base64 ``data:`` URL."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a class="{esc(css)}" download="{esc(filename)}" href="data:{mime};base64,{encoded}">'
            f"{esc(text)}</a>")


def download_links(code: str, tables: dict[str, pd.DataFrame]) -> str:
    """HTML: the Excel workbook, then one CSV link per table."""
    excel = data_link(excel_bytes(tables), XLSX_MIME, f"results-{code}.xlsx",
                      f"Excel workbook (results-{code}.xlsx, one sheet per table)", "dk-download-xlsx")
    items = "".join(
        f"<li>{data_link(csv_bytes(frame), CSV_MIME, f'results-{code}-{name}.csv', TITLES.get(name, name))}"
        f" <span style='color:#555'>({len(frame)} rows)</span></li>"
        for name, frame in tables.items()
    )
    return f'<div class="dk-downloads"><p>{excel}</p><p>CSV files, one per table:</p><ul>{items}</ul></div>'
