"""A small lesson in code (two sections, one counter-reading, one motion, two polls) for tests that need
no lesson files. ``hostile=True`` adds markup in a title and a ``javascript:`` source link, for the
tests that check escaping."""

from __future__ import annotations

from debate_kit.core.lesson_model import (
    DEFAULT_RUBRIC,
    CounterReading,
    Lesson,
    Motion,
    PollSpec,
    Prompt,
    Section,
    Source,
)


def make_lesson(*, hostile: bool = False) -> Lesson:
    sections = (
        Section("opening", "History repeating itself?", 1, "First paragraph.\n\nSecond paragraph.",
                (Prompt("opening-claim", "claim", "What does it claim?"),
                 Prompt("opening-language", "language", "What does the wording suggest?"))),
        Section("integration", "Integration", 2, "The treaty was signed.",
                (Prompt("integration-counter", "counter", "How could someone answer?"),)),
    )
    sources = (Source("1", "TASS", "Union State news", "2024-01-06", "https://tass.com/x"),)
    if hostile:
        sources += (Source("2", "Evil", "Bad link", "2024", "javascript:alert(1)"),)
    title = "The treaty <b>in</b> practice" if hostile else "The treaty in practice"
    readings = (CounterReading("treaty", title, ("integration",), "2026-11-28",
                               "What was signed.\n\nWhat was done.", sources),)
    return Lesson(
        id="new-soviet-union", title="A new Soviet Union?", essay_title="The new Soviet Union",
        essay_origin="An anonymous essay.", essay_written="2024", sections=sections,
        counter_readings=readings,
        motions=(Motion("main", "This house believes the Union State is a new USSR."),),
        polls=(PollSpec("repeat-history", "opening", "agree", "History repeats itself.", ()),
               PollSpec("evidence", "integration", "choice", "Best evidence?", ("Treaties", "Polls"))),
        rubric=DEFAULT_RUBRIC, glossary=(), teacher_guide="",
    )
