"""Word counts and the Flesch-Kincaid grade level of a text.

Flesch-Kincaid grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59 (Kincaid et al.,
1975). Syllables come from a small rule-based counter (vowel groups, silent endings), which is right
for most common English words and close enough for a reading-level estimate; a number counts as one
syllable. Markdown marks and citation numbers such as ``[1, 3]`` are ignored.
"""

from __future__ import annotations

import re
from typing import NamedTuple

GRADE_LIMIT = 11.0  # readings above this grade are flagged as hard for 15-year-olds

_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SENTENCE_END_RE = re.compile(r"[.!?]+(?=[\s\"'”’)\]]|$)")
_CITATION_RE = re.compile(r"\[\s*\d+(?:\s*[,;–-]\s*\d+)*\s*\]")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS_RE = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)|[*_`]+", re.MULTILINE)
_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
_EXCEPTIONS = {"every": 2, "people": 2, "business": 2, "different": 3, "evening": 2, "being": 2}


class ReadabilityRow(NamedTuple):
    """One line of a readability report."""

    id: str
    words: int
    grade: float


def strip_markup(text: str) -> str:
    """The text without citation numbers, link targets and Markdown marks."""
    text = _CITATION_RE.sub("", text)
    text = _LINK_RE.sub(r"\1", text)
    return _MARKS_RE.sub("", text)


def words(text: str) -> list[str]:
    """The words of ``text``; "re-election" and "Putin's" are one word each."""
    return _WORD_RE.findall(text)


def word_count(text: str) -> int:
    """How many words ``text`` has, not counting citation numbers and Markdown marks."""
    return len(words(strip_markup(text)))


def sentence_count(text: str) -> int:
    """Sentences: each run of . ! ? ends one; a paragraph without an end mark counts as one."""
    total = 0
    for block in re.split(r"\n\s*\n", text):
        if words(block):
            total += max(1, len(_SENTENCE_END_RE.findall(block.strip())))
    return total


def syllables(word: str) -> int:
    """An estimate of the syllables in one English word (at least 1)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1  # a number or a symbol
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUP_RE.findall(w))
    if w.endswith("e") and not w.endswith(("ee", "ye")) and not re.search(r"[^aeiouy]le$", w):
        count -= 1  # silent e: make, while
    elif re.search(r"[^aeiouysxzcg]es$", w) or re.search(r"[^aeioutd]ed$", w):
        count -= 1  # makes, jumped, played
    if re.search(r"[^aeiouy]e(?:ly|ment|ful|ness)$", w):
        count -= 1  # lovely, statement
    return max(1, count)


def fk_grade(text: str) -> float:
    """The Flesch-Kincaid grade level of ``text`` (0.0 for a text without words)."""
    plain = strip_markup(text)
    found = words(plain)
    if not found:
        return 0.0
    sentences = max(1, sentence_count(plain))
    total_syllables = sum(syllables(w) for w in found)
    return 0.39 * len(found) / sentences + 11.8 * total_syllables / len(found) - 15.59


def readability_row(row_id: str, text: str) -> ReadabilityRow:
    """Words and grade (rounded to one decimal) for one text."""
    return ReadabilityRow(row_id, word_count(text), round(fk_grade(text), 1))
