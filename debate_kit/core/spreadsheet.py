"""The guard for cells a spreadsheet might run as formulas (CSV formula injection).

Text that a student typed can start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; a
spreadsheet opening the CSV would treat it as a formula. Such a cell gets a leading ``'``, the usual
guard: the spreadsheet shows the text as typed. Invisible format characters (a bidi override that
reverses how a cell reads) are removed too, for text stored before the store removed them on the way in.
Every export path uses :func:`safe_cell`.
"""

from __future__ import annotations

from debate_kit.core.validation import strip_invisible

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value``, without invisible format characters, with a leading ``'`` if it is text a spreadsheet
    would read as a formula."""
    if not isinstance(value, str):
        return value
    value = strip_invisible(value)
    return "'" + value if value.startswith(FORMULA_START) else value
