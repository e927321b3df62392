"""A student's own answers as Markdown (the self-paced notebook's download): order, escaping, filename."""

from __future__ import annotations

from debate_kit.core.self_paced import NO_ANSWER, answers_filename, answers_markdown, literal
from tests.lesson_fixture import make_lesson


def test_each_question_with_its_answer_in_reading_order() -> None:
    text = answers_markdown(make_lesson(), {"opening-claim": "It claims history repeats.\nTwice.",
                                            "integration-counter": "  "}, saved_at="2026-12-04")
    assert text.startswith("# My answers: A new Soviet Union?\n")
    assert "Downloaded 2026-12-04." in text
    assert text.index("## 1. History repeating itself?") < text.index("## 2. Integration")
    assert "**Question (claim):** What does it claim?\n\n> It claims history repeats.\n> Twice.\n" in text
    assert text.count(NO_ANSWER) == 2  # a blank answer is no answer
    assert text.endswith("*1 of 3 questions answered.*\n")


def test_an_answer_cannot_make_html_or_markdown() -> None:
    hostile = "<script>alert(1)</script> [link](javascript:x) **bold**\n# Heading\n- item\n1. one\n> quote"
    text = answers_markdown(make_lesson(hostile=True), {"opening-claim": hostile})
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\[link\\](javascript:x)" in text and "\\*\\*bold\\*\\*" in text
    for line in ("> \\# Heading", "> \\- item", "> \\1. one", "> &gt; quote"):
        assert line in text.splitlines()
    assert literal("a & b") == "a &amp; b"


def test_the_filename_is_the_lesson_id() -> None:
    assert answers_filename("new-soviet-union") == "new-soviet-union-my-answers.md"
    assert answers_filename("../Evil id") == "evilid-my-answers.md"
    assert answers_filename("") == "lesson-my-answers.md"
