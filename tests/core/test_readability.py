"""Word counts, syllables and Flesch-Kincaid grades, checked against values worked out by hand."""

from __future__ import annotations

import pytest

from debate_kit.core.readability import (
    ReadabilityRow,
    fk_grade,
    readability_row,
    sentence_count,
    strip_markup,
    syllables,
    word_count,
    words,
)

SYLLABLES = {
    "cat": 1, "the": 1, "make": 1, "while": 1, "free": 1, "jumped": 1, "played": 1, "makes": 1,
    "table": 2, "little": 2, "wanted": 2, "boxes": 2, "cities": 2, "agree": 2, "lovely": 2,
    "statement": 2, "yellow": 2, "Russia": 2, "every": 2, "people": 2,
    "beautiful": 3, "history": 3, "politics": 3,
    "education": 4, "political": 4, "understanding": 4,
    "international": 5, "readability": 5,
    "1999": 1,
}  # fmt: skip


@pytest.mark.parametrize(("word", "count"), SYLLABLES.items(), ids=list(SYLLABLES))
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        # 6 words, 1 sentence, 6 syllables: 0.39 * 6 + 11.8 * 1 - 15.59
        pytest.param("The cat sat on the mat.", -1.45, id="one-sentence"),
        # 11 words, 2 sentences, 11 syllables: 0.39 * 5.5 + 11.8 * 1 - 15.59
        pytest.param("The cat sat on the mat. The dog ate the bone.", -1.645, id="two-sentences"),
        # 5 words, 1 sentence, 5 + 4 + 2 + 4 + 4 = 19 syllables: 0.39 * 5 + 11.8 * 19 / 5 - 15.59
        pytest.param("International education improves political understanding.", 31.2, id="hard"),
        pytest.param("The cat sat on the mat [1, 2].", -1.45, id="citations-ignored"),
        pytest.param("**The** cat sat on [the mat](https://example.org/a-b-c).", -1.45, id="markdown"),
        pytest.param("", 0.0, id="empty"),
    ],
)
def test_fk_grade(text: str, grade: float) -> None:
    assert fk_grade(text) == pytest.approx(grade)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param("Its re-election and Putin's plan [3] in 1999.", 7, id="hyphen-apostrophe"),
        pytest.param("# Heading\n\n- one item [1, 2]\n", 3, id="markdown"),
        pytest.param("Curly ’quotes’ are not words.", 5, id="quotes"),
        pytest.param("  \n ", 0, id="blank"),
    ],
)
def test_word_count(text: str, count: int) -> None:
    assert word_count(text) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param("One. Two! Three? Four", 3, id="end-marks"),
        pytest.param("A heading\n\nOne. Two.", 3, id="paragraph-without-mark"),
        pytest.param("It rose 3.5 percent in the U.K. market.", 2, id="decimal-and-abbreviation"),
        pytest.param('He said "stop." Then left...', 2, id="quote-and-ellipsis"),
        pytest.param("", 0, id="empty"),
    ],
)
def test_sentence_count(text: str, count: int) -> None:
    assert sentence_count(text) == count


def test_strip_markup() -> None:
    assert strip_markup("## Title\n> *quoted* [link](http://x.org) [2-4]") == "Title\nquoted link "


def test_words() -> None:
    assert words("Belarus’s re-election, 2024!") == ["Belarus’s", "re-election", "2024"]


def test_readability_row() -> None:
    assert readability_row("r", "The cat sat on the mat.") == ReadabilityRow("r", 6, -1.4)
