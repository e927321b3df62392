"""The students' link as a QR code: rows of "0"/"1" that the projector draws as one SVG path."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=64)
def qr_rows(text: str) -> tuple[str, ...]:
    """The QR matrix of ``text`` (error correction M), one string per row, with a 2-module border."""
    import segno  # teacher-only: keep it out of students' kernels

    qr = segno.make(text, error="m")
    rows = tuple("".join("1" if cell else "0" for cell in row) for row in qr.matrix_iter(border=2))
    return rows
