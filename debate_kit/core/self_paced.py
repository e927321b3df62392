"""A student's own answers to a lesson as a Markdown file (the self-paced notebook's download).

Pure: the lesson and the answers in, the file's text and name out. Everything from the lesson or the
student is written literally: ``&``, ``<`` and ``>`` as entities (no raw HTML), Markdown's inline marks
and a line's leading block marks behind a backslash, so an answer cannot make a heading, a link or a
list. Each answer is a block quote under its question.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from debate_kit.core.lesson_markdown import escape, quote
from debate_kit.core.lesson_model import Lesson

NO_ANSWER = "*(no answer yet)*"
_INLINE_RE = re.compile(r"([\\`*_\[\]|~])")
_BLOCK_RE = re.compile(r"^(\s*)([#+=-]|\d+[.)])")


def literal(text: str) -> str:
    """``text`` as Markdown that shows it as typed, line for line."""
    lines = []
    for line in escape(text).replace("\r\n", "\n").split("\n"):
        line = _INLINE_RE.sub(r"\\\1", line)
        lines.append(_BLOCK_RE.sub(lambda m: m.group(1) + "\\" + m.group(2), line))
    return "\n".join(lines)


def answers_markdown(lesson: Lesson, answers: Mapping[str, str], saved_at: str = "") -> str:
    """The lesson's title, then each section with a question that has an answer: its questions, each with
    the student's answer (or :data:`NO_ANSWER`). ``saved_at`` (a date) is shown if given."""
    out = [f"# My answers: {literal(lesson.title)}", ""]
    out += [f"A lesson on the essay *{literal(lesson.essay_title)}*.", ""]
    if saved_at:
        out += [f"Downloaded {literal(saved_at)}.", ""]
    answered = 0
    for number, section in enumerate(lesson.sections, 1):
        if not section.prompts:
            continue
        out += [f"## {number}. {literal(section.title)}", ""]
        for prompt in section.prompts:
            text = (answers.get(prompt.id) or "").strip()
            answered += bool(text)
            out += [f"**Question ({literal(prompt.kind)}):** {literal(prompt.text)}", ""]
            out += [quote(literal(text)) if text else NO_ANSWER, ""]
    total = sum(len(s.prompts) for s in lesson.sections)
    out.append(f"*{answered} of {total} questions answered.*")
    return "\n".join(out) + "\n"


def answers_filename(lesson_id: str) -> str:
    """``<lesson id>-my-answers.md`` (a lesson id is letters, digits and hyphens; anything else dropped)."""
    safe = re.sub(r"[^a-z0-9-]", "", lesson_id.lower())[:60] or "lesson"
    return f"{safe}-my-answers.md"
