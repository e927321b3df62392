"""The guard for cells a spreadsheet might run as formulas (CSV formula injection).

Text that a student typed can start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; a
spreadsheet opening the CSV would treat it as a formula. Such a cell gets a leading ``'``, the usual
guard: the spreadsheet shows the text as typed. Every export path uses :func:`safe_cell`.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value``, with a leading ``'`` if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
