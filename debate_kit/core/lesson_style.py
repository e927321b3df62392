"""Warnings about how a lesson is written: hard paragraphs and evaluative words in the kit's voice.

These are warnings, not problems: a lesson with warnings still loads. ``lesson check`` prints them
after its ``OK:`` line so that a teacher can fix them before class (rules in ``readings/README.md``):

- a paragraph of a counter-reading above :data:`PARAGRAPH_GRADE_LIMIT` on the Flesch-Kincaid
  scale (students are 15 to 18; aim for grade 8 to 10);
- an evaluative word ("biggest", "clearly", "very"...) in the kit's own voice, that is in a
  counter-reading or the teacher guide and outside quotation marks. A quotation is a named
  party's own words and is not flagged. :data:`DEFAULT_EVALUATIVE_WORDS` is the default list; a
  lesson adds its own with ``evaluative_words:`` in ``lesson.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from debate_kit.core.errors import LessonProblem
from debate_kit.core.lesson_parse import Report, split_front_matter
from debate_kit.core.lesson_readings import paragraphs
from debate_kit.core.readability import fk_grade, words

PARAGRAPH_GRADE_LIMIT = 12.0
MIN_PARAGRAPH_WORDS = 20  # a heading or a one-line note is too short for a reading grade

# Words that judge rather than report. The kit states facts and gives each side in its own words,
# so these belong only inside quotation marks (or attributed: "X said ..."). Short on purpose.
DEFAULT_EVALUATIVE_WORDS: tuple[str, ...] = (
    "biggest",
    "clearly",
    "obviously",
    "undoubtedly",
    "of course",
    "fair",
    "unfair",
    "very",
    "sham",
    "regime",
    "dictator",
    "puppet",
)

# Quoted passages: "…", “…”, ‘…’ and '…' (an apostrophe inside a word, as in Putin's, is not a quote).
_QUOTED_RE = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’|(?<![\w'])'[^'\n]*'(?![\w])")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")


def without_quotations(text: str) -> str:
    """``text`` with every quoted passage blanked out (same length, so columns stay put)."""
    return _QUOTED_RE.sub(lambda m: " " * len(m.group(0)), text)


def evaluative_words_in(text: str, wanted: Iterable[str]) -> list[str]:
    """The words of ``wanted`` that ``text`` uses outside quotation marks, in order of use."""
    plain = without_quotations(text)
    found: list[tuple[int, str]] = []
    for word in dict.fromkeys(w.strip().lower() for w in wanted if w.strip()):
        pattern = r"(?<![\w\-’'])" + r"\s+".join(map(re.escape, word.split())) + r"(?![\w\-])"
        match = re.search(pattern, plain, re.IGNORECASE)
        if match:
            found.append((match.start(), word))
    return [word for _, word in sorted(found)]


def style_warnings(
    texts: Mapping[str, str],
    extra_words: Iterable[str] = (),
    readings_dir: str = "counter-readings/",
    guide_file: str = "teacher-guide.md",
) -> list[LessonProblem]:
    """Warnings for the lesson's files (``{relative path: text}``), in file and line order."""
    wanted = (*DEFAULT_EVALUATIVE_WORDS, *extra_words)
    out: list[LessonProblem] = []
    for name in sorted(texts):
        if name.startswith(readings_dir):
            front = split_front_matter(texts[name], name, Report())
            if front is None:
                continue
            for line, paragraph in paragraphs(front.body, front.body_line):
                out.extend(_hard_paragraph(name, line, paragraph))
                out.extend(_evaluative(name, line, paragraph, wanted))
        elif name == guide_file:
            for line, paragraph in _prose_paragraphs(texts[name]):
                out.extend(_evaluative(name, line, paragraph, wanted))
    return out


def _hard_paragraph(file: str, line: int, paragraph: str) -> list[LessonProblem]:
    if len(words(paragraph)) < MIN_PARAGRAPH_WORDS:
        return []
    grade = fk_grade(paragraph)
    if grade <= PARAGRAPH_GRADE_LIMIT:
        return []
    return [
        LessonProblem(
            file,
            line,
            f"warning: this paragraph reads at grade {grade:.1f}, above {PARAGRAPH_GRADE_LIMIT:g} "
            "for students aged 15 to 18; use shorter sentences or split it",
        )
    ]


def _evaluative(file: str, line: int, paragraph: str, wanted: Iterable[str]) -> list[LessonProblem]:
    out = []
    for offset, row in enumerate(paragraph.splitlines()):
        for word in evaluative_words_in(row, wanted):
            out.append(
                LessonProblem(
                    file,
                    line + offset,
                    f"warning: '{word}' judges rather than reports; in the kit's own voice use a "
                    "neutral word, or quote and name who said it",
                )
            )
    return out


def _prose_paragraphs(text: str) -> list[tuple[int, str]]:
    """Paragraphs of a Markdown file outside code blocks, with the line each starts on."""
    kept, fenced = [], False
    for row in text.splitlines():
        if _FENCE_RE.match(row):
            fenced = not fenced
            kept.append("")
            continue
        kept.append("" if fenced else row)
    return paragraphs("\n".join(kept), 1)
