"""The teacher guide as a notebook: ``notebooks/lessons/<id>-teacher-guide.ipynb`` (pure, no Jupyter).

A view for the teacher, made from the lesson: the guide (``teacher-guide.md``) in one Markdown cell per
``##`` part, then the lesson at a glance (motions, and per section its prompts by kind, polls, key claims
and counter-readings). No code cells, nothing to run, nothing read back: the guide is edited in
``teacher-guide.md`` (or in the lesson notebook's first cell) and this view made again by
``debate-kit lesson notebook``. It is a separate notebook so that the students' lesson notebook and
its Voila app never carry the teacher's notes. Lesson text is escaped as in the lesson notebook (no raw
HTML reaches a notebook).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from debate_kit.core.lesson_markdown import escape
from debate_kit.core.lesson_model import Lesson, Section
from debate_kit.core.lesson_notebook import _cell

SUFFIX = "-teacher-guide"
_PART_RE = re.compile(r"^## ", re.MULTILINE)
_SLUG_RE = re.compile(r"[^a-z0-9]+")


def guide_parts(guide: str) -> list[str]:
    """The guide split before each ``##`` heading (the text before the first one is the first part)."""
    starts = [0, *(m.start() for m in _PART_RE.finditer(guide))]
    parts = [guide[a:b].strip() for a, b in zip(starts, [*starts[1:], len(guide)], strict=True)]
    return [p for p in parts if p]


def _slug(part: str, number: int) -> str:
    heading = part.split("\n", 1)[0].lstrip("#").strip().lower()
    return f"{number:02d}-" + (_SLUG_RE.sub("-", heading).strip("-")[:40] or "part")


def note_markdown(lesson: Lesson) -> str:
    return (
        f"*For the teacher of \u201c{escape(lesson.title)}\u201d: not for students (do not share this "
        "notebook's link). Made from the lesson's `teacher-guide.md` and lesson files by "
        f"`debate-kit lesson notebook readings/{escape(lesson.id)}`; edit those and run it again. The "
        f"students' notebook is `{escape(lesson.id)}.ipynb`.*"
    )


def _section_glance(section: Section, number: int, lesson: Lesson) -> str:
    kinds = Counter(p.kind for p in section.prompts)
    prompts = ", ".join(f"{n} {escape(kind)}" for kind, n in sorted(kinds.items()))
    lines = [f"### {number}. {escape(section.title)}", "",
             f"- Prompts: {len(section.prompts)} ({prompts})" if section.prompts else "- Prompts: none"]
    polls = [p for p in lesson.polls if p.section == section.id]
    lines += [f"- Poll: {escape(p.question)}" for p in polls]
    claims = [c for c in lesson.claims if c.section == section.id]
    lines += [f"- Key claim: \u201c{escape(c.quote)}\u201d ({escape(c.why)})" for c in claims]
    readings = lesson.readings_for(section.id)
    lines += [f"- Counter-reading: {escape(r.title)} ({len(r.sources)} sources, facts checked "
              f"{escape(r.checked or r.written)})" for r in readings]
    return "\n".join(lines)


def glance_markdown(lesson: Lesson) -> str:
    """The lesson at a glance: its motions, then what each section asks and brings."""
    motions = "\n".join(f"- {escape(m.text)}" for m in lesson.motions)
    sections = "\n\n".join(_section_glance(s, n, lesson) for n, s in enumerate(lesson.sections, 1))
    return f"## The lesson at a glance\n\n**Motions**\n\n{motions}\n\n{sections}"


def guide_notebook(lesson: Lesson) -> dict[str, Any]:
    """The teacher guide of ``lesson`` as an nbformat 4.5 notebook (a plain dict, Markdown cells only)."""
    cells = [_cell("markdown", note_markdown(lesson), "guide-note", "for-the-teacher")]
    for number, part in enumerate(guide_parts(lesson.teacher_guide), 1):
        cells.append(_cell("markdown", escape(part), "guide", _slug(part, number)))
    cells.append(_cell("markdown", glance_markdown(lesson), "glance", "at-a-glance"))
    return {
        "cells": cells,
        "metadata": {
            "debate_kit": {"lesson": lesson.id, "view": "teacher-guide",
                           "made_by": "debate-kit lesson notebook"},
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "title": f"debate_kit: {lesson.title} (teacher guide)",
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
