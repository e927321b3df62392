"""``lesson new``: an essay becomes lesson files whose only problems are the TODO placeholders."""

from __future__ import annotations

import re

import pytest

from debate_kit.core.lesson_check import read_lesson
from debate_kit.core.scaffold import scaffold_lesson, slug, split_essay

WITH_HEADINGS = """\
# The New Union

An essay about two states. It has an introduction.

## Old rivals

The Cold War shaped the world. History seems to repeat itself.

## New partners

Two leaders now work together. They share a vision.

## Old rivals

A second section with the same heading.
"""

SENTENCE = "This is sentence number {n} of the essay, and it makes a claim."
ONE_PER_LINE = "\n".join(SENTENCE.format(n=n) for n in range(9))  # no blank lines
TWENTY_PARAGRAPHS = "\n\n".join(f"Paragraph {n} says something. " * (n + 1) for n in range(20))
TWO_PARAGRAPHS = " ".join(SENTENCE.format(n=n) for n in range(8)) + "\n\nShort one."


def fill(files: dict[str, str]) -> dict[str, str]:
    """What a teacher does: replace every placeholder with real content."""
    body = "\n\n".join(
        " ".join([f"A dated fact from source {n} about this section [{n}]."] * 10) for n in (1, 2)
    )
    out = {}
    for name, text in files.items():
        text = text.replace('"TODO: YYYY-MM-DD"', "2025-01-31")
        text = text.replace('"TODO: https://..."', "https://example.org/report")
        text = re.sub(r'"TODO:[^"]*"', '"Filled in"', text)
        text = re.sub(r"^TODO:.*$", body if name.startswith("counter-") else "Filled in.", text,
                      flags=re.MULTILINE)  # fmt: skip
        out[name] = text
    return out


@pytest.mark.parametrize(
    ("essay", "sections"),
    [
        pytest.param(WITH_HEADINGS, 4, id="headings"),
        pytest.param(ONE_PER_LINE, 9, id="one-paragraph-per-line"),
        pytest.param(TWENTY_PARAGRAPHS, 10, id="twenty-paragraphs-grouped"),
        pytest.param(TWO_PARAGRAPHS, 6, id="two-paragraphs-split-at-sentences"),
        pytest.param("One sentence only", 1, id="one-sentence"),
    ],
)
def test_scaffold_passes_check_once_filled(essay: str, sections: int) -> None:
    files = scaffold_lesson(essay, "demo")
    assert len([name for name in files if name.startswith("sections/")]) == sections
    assert len([name for name in files if name.startswith("counter-readings/")]) == sections
    lesson, problems = read_lesson(files, folder="demo")
    assert lesson is None
    assert problems
    assert {p.message.split(":")[0] for p in problems} == {"placeholder not filled in"}
    lesson, problems = read_lesson(fill(files), folder="demo")
    assert problems == []
    assert lesson is not None
    assert len(lesson.sections) == sections
    assert " ".join(s.text for s in lesson.sections).split() == essay.split()


def test_sections_from_headings() -> None:
    files = scaffold_lesson(WITH_HEADINGS, "demo")
    assert sorted(name for name in files if name.startswith("sections/")) == [
        "sections/01-introduction.md",
        "sections/02-old-rivals.md",
        "sections/03-new-partners.md",
        "sections/04-old-rivals-4.md",
    ]
    assert 'title: "The New Union"' in files["lesson.yaml"]
    assert 'title: "Old rivals"' in files["sections/02-old-rivals.md"]
    assert files["essay.txt"] == WITH_HEADINGS


def test_paragraph_groups_are_in_order_and_balanced() -> None:
    parts = [text for _, text in split_essay(TWENTY_PARAGRAPHS)]
    assert " ".join(parts).split() == TWENTY_PARAGRAPHS.split()
    sizes = [len(part.split()) for part in parts]
    assert max(sizes) < 3 * min(sizes)


def test_windows_line_ends() -> None:
    parts = split_essay(WITH_HEADINGS.replace("\n", "\r\n"))
    assert [title for title, _ in parts] == ["Introduction", "Old rivals", "New partners", "Old rivals"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Old rivals", "old-rivals"), ("The Cold War: a new era?", "the-cold-war-a"), ("¿¡!", "")],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected
