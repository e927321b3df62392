"""Warnings of ``lesson check``: paragraphs above grade 12 and evaluative words in the kit's voice.

Each test plants one hard paragraph or one evaluative word in a copy of a valid lesson and checks
that the warning names the file and line; quotations, code blocks and clean lessons stay silent.
"""

from __future__ import annotations

import pytest

from debate_kit.core.lesson_check import lesson_warnings, read_lesson
from debate_kit.core.lesson_style import (
    DEFAULT_EVALUATIVE_WORDS,
    PARAGRAPH_GRADE_LIMIT,
    evaluative_words_in,
    without_quotations,
)
from debate_kit.core.readability import fk_grade
from tests.core.test_lesson_check import P1, edited, good_files

READING = "counter-readings/facts.md"
HARD = (
    "Notwithstanding considerable international condemnation, the intergovernmental institutions "
    "responsible for multilateral electoral observation characterised the administration of the "
    "presidential ballot as fundamentally incompatible with internationally recognised democratic "
    "commitments undertaken voluntarily by participating governments [1]."
)


def reading_line(files: dict, text: str) -> int:
    """The file line on which ``text`` starts in the counter-reading."""
    lines = files[READING].splitlines()
    return next(n for n, row in enumerate(lines, 1) if text in row)


def messages(files: dict) -> list[str]:
    return [str(w) for w in lesson_warnings(files, folder="demo")]


def test_the_valid_lesson_has_no_warnings() -> None:
    assert messages(good_files()) == []


def test_a_paragraph_above_grade_12_is_a_warning_not_an_error() -> None:
    assert fk_grade(HARD) > PARAGRAPH_GRADE_LIMIT
    files = edited(READING, P1, P1 + "\n\n" + HARD)
    lesson, problems = read_lesson(files, folder="demo")
    assert lesson is not None and problems == []  # still a valid lesson
    line = reading_line(files, "Notwithstanding")
    found = messages(files)
    assert len(found) == 1
    assert found[0].startswith(f"{READING}:{line}: warning: this paragraph reads at grade ")
    assert "above 12" in found[0]


def test_short_and_simple_paragraphs_are_not_flagged() -> None:
    files = edited(READING, P1, P1 + "\n\nThe army held drills in May [1].")
    assert messages(files) == []


@pytest.mark.parametrize("word", ["clearly", "biggest", "very", "of course", "sham"])
def test_an_evaluative_word_in_the_kit_voice_is_flagged(word: str) -> None:
    sentence = f"This was {word} the turning point of the year [1]."
    files = edited(READING, P1, P1 + " " + sentence)
    found = messages(files)
    assert found == [
        f"{READING}:{reading_line(files, sentence)}: warning: '{word}' judges rather than "
        "reports; in the kit's own voice use a neutral word, or quote and name who said it"
    ]


@pytest.mark.parametrize(
    "quoted",
    [
        'The EU called the vote a "sham" [1].',
        "The EU called the vote a “sham” [1].",
        "The EU called the vote a 'sham' [1].",
        'Putin spoke of a "very convincing victory" [1].',
    ],
)
def test_a_quotation_is_a_named_partys_words_and_is_not_flagged(quoted: str) -> None:
    assert messages(edited(READING, P1, P1 + " " + quoted)) == []


def test_the_teacher_guide_is_the_kits_voice_too_but_code_blocks_are_not() -> None:
    guide = (
        "# Guide\n\nGoals: weigh evidence.\n\n```\nclearly-named-command --very\n```\n\n"
        "This is clearly the best plan.\n"
    )
    files = good_files()
    files["teacher-guide.md"] = guide
    found = messages(files)
    assert found == [
        "teacher-guide.md:9: warning: 'clearly' judges rather than reports; in the kit's own "
        "voice use a neutral word, or quote and name who said it"
    ]


def test_a_lesson_extends_the_list_in_lesson_yaml() -> None:
    sentence = "The drills were a staggering show of force [1]."
    files = edited(READING, P1, P1 + " " + sentence)
    assert messages(files) == []  # "staggering" is not on the default list
    files["lesson.yaml"] += 'evaluative_words: ["staggering", "heroic"]\n'
    lesson, problems = read_lesson(files, folder="demo")
    assert problems == [] and lesson is not None
    assert lesson.evaluative_words == ("staggering", "heroic")
    found = messages(files)
    assert len(found) == 1 and "'staggering' judges" in found[0]


def test_evaluative_words_must_be_a_list_of_texts() -> None:
    files = good_files()
    files["lesson.yaml"] += "evaluative_words: {staggering: yes}\n"
    _, problems = read_lesson(files, folder="demo")
    assert [str(p) for p in problems] == [
        "lesson.yaml:22: 'evaluative_words' in the lesson 'demo' should be a list"
    ]


def test_a_lesson_with_problems_gets_no_warnings_yet() -> None:
    files = edited(READING, P1, P1 + "\n\n" + HARD)
    files.pop("teacher-guide.md")
    assert read_lesson(files, folder="demo")[0] is None
    assert messages(files) == []


def test_word_matching() -> None:
    assert evaluative_words_in("Putin's very own words", ["very"]) == ["very"]
    assert evaluative_words_in("an unfairly long wait; a fairground", ["fair"]) == []
    assert evaluative_words_in("Of  course it was\nfair", ["fair", "of course"]) == [
        "of course",
        "fair",
    ]
    assert evaluative_words_in("‘very’ and \"clearly\"", DEFAULT_EVALUATIVE_WORDS) == []
    assert without_quotations("a 'b' c") == "a     c"
    assert without_quotations("Belarus's army and Russia's") == "Belarus's army and Russia's"
