"""Checking that the sections, read in order, are the essay word for word.

Words are compared after splitting on white space, so line breaks and blank lines may differ;
curly and straight quotes count as the same. Each difference is reported once, at the section
file and line where it is, with the matching line of ``essay.txt``.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from debate_kit.core.lesson_parse import Report

ESSAY_FILE = "essay.txt"
MAX_DIFFERENCES = 10
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


class Word:
    """One word of a file, and where it is."""

    __slots__ = ("file", "line", "text")

    def __init__(self, file: str, line: int, text: str) -> None:
        self.file, self.line, self.text = file, line, text


def file_words(file: str, text: str, first_line: int = 1) -> list[Word]:
    """The white-space separated words of ``text``, with the file line of each."""
    return [
        Word(file, number, token)
        for number, line in enumerate(text.splitlines(), first_line)
        for token in line.split()
    ]


def _excerpt(words: Sequence[Word]) -> str:
    shown = " ".join(w.text for w in words[:8])
    return f'"{shown} …"' if len(words) > 8 else f'"{shown}"'


def compare_with_essay(essay: list[Word], sections: list[Word], report: Report) -> None:
    """Record a problem for each place where the sections and the essay differ."""
    if not sections:
        return
    a = [w.text.translate(_QUOTES) for w in essay]
    b = [w.text.translate(_QUOTES) for w in sections]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    for tag, i1, i2, j1, j2 in changes[:MAX_DIFFERENCES]:
        at = sections[min(j1, len(sections) - 1)]
        essay_line = essay[min(i1, len(essay) - 1)].line if essay else 1
        if tag == "replace":
            message = (
                f"this differs from {ESSAY_FILE} (line {essay_line}): the section has "
                f"{_excerpt(sections[j1:j2])} where the essay has {_excerpt(essay[i1:i2])}"
            )
        elif tag == "delete":
            where = "here" if j1 < len(sections) else "after the last section"
            message = (
                f"words of {ESSAY_FILE} (line {essay_line}) are missing {where}: {_excerpt(essay[i1:i2])}"
            )
        else:
            message = f"these words are not in {ESSAY_FILE}: {_excerpt(sections[j1:j2])}"
        report.add(at.file, at.line, message)
    if len(changes) > MAX_DIFFERENCES:
        more = len(changes) - MAX_DIFFERENCES
        report.add(ESSAY_FILE, None, f"… and {more} more difference(s) with the sections")
