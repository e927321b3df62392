"""A lesson as a Jupyter notebook (nbformat 4 JSON as plain dicts): the lesson to read, cell by cell.

:func:`lesson_notebook` is pure: the same lesson and essay always give the same notebook. Every cell
carries ``metadata.debate_kit`` (``kind`` and ``id``, see ``readings/README.md``), so
:mod:`debate_kit.core.lesson_notebook_read` can turn an edited notebook back into lesson files. The
cell renderers here are also used to check that nothing but the editable text was changed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from debate_kit.core.lesson_markdown import escape, link_target, link_text, quote
from debate_kit.core.lesson_model import CounterReading, GlossaryTerm, Lesson, PollSpec, Prompt, Section

ANSWER_CODE = 'from debate_kit.lesson_cells import answer_box\n\nanswer_box("{lesson}", "{prompt}")'
START_CODE = 'from debate_kit.lesson_cells import lesson_start\n\nlesson_start("{lesson}")'
VOTE_CODE = 'from debate_kit.lesson_cells import poll_box\n\npoll_box("{lesson}", "{poll}")'
CODE_KINDS = ("start", "answer", "vote")
CELL_KINDS = ("lesson", "help", "start", "section", "prompt", "answer", "poll", "vote", "counter-reading",
              "glossary")
Cell = dict[str, Any]


def _cell(cell_type: str, source: str, kind: str, ident: str, **extra: Any) -> Cell:
    key = f"{kind}-{ident}"
    if len(key) > 64:  # nbformat's limit for cell ids
        key = f"{key[:51]}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
    cell: Cell = {
        "cell_type": cell_type,
        "id": key,
        "metadata": {"debate_kit": {"kind": kind, "id": ident, **extra}},
        "source": source.splitlines(keepends=True),
    }
    if cell_type == "code":  # the kit's code: the cells of CODE_KINDS
        cell["metadata"]["jupyter"] = {"source_hidden": True}
        cell.update(execution_count=None, outputs=[])
    return cell


def head_data(lesson: Lesson) -> dict[str, Any]:
    """lesson.yaml's settings that the title cell keeps in its metadata (polls and glossary have cells)."""
    rubric = {
        "min": lesson.rubric.min,
        "max": lesson.rubric.max,
        "criteria": [
            {"id": c.id, "label": c.label, **({"help": c.help} if c.help else {}),
             **({"cards": True} if c.cards else {})}
            for c in lesson.rubric.criteria
        ],
    }
    data: dict[str, Any] = {
        "id": lesson.id,
        "title": lesson.title,
        "essay": {
            "title": lesson.essay_title, "origin": lesson.essay_origin, "written": lesson.essay_written
        },
        "motions": [{"id": m.id, "text": m.text} for m in lesson.motions],
        "rubric": rubric,
    }
    if lesson.evaluative_words:
        data["evaluative_words"] = list(lesson.evaluative_words)
    if lesson.claims:  # the key claims to check (issue 19), kept like the other settings
        data["claims"] = [{"section": c.section, "quote": c.quote, "why": c.why} for c in lesson.claims]
    return data


def title_markdown(lesson: Lesson) -> str:
    motions = "\n".join(f"{n}. {escape(m.text)}" for n, m in enumerate(lesson.motions, 1))
    return (
        f"# {escape(lesson.title)}\n\n"
        f"A lesson on the essay *{escape(lesson.essay_title)}*.\n\n"
        f"**Where the essay comes from:** {escape(lesson.essay_origin)}\n\n"
        f"**When it was written:** {escape(lesson.essay_written)}\n\n"
        "**The class votes on each motion before and after the debate:**\n\n"
        f"{motions}"
    )


def help_markdown(lesson: Lesson) -> str:
    return (
        "## How to use this notebook\n\n"
        "Read the essay section by section. After each section come questions to think about, "
        "sometimes a poll, and counter-readings: short, dated texts with their sources that answer "
        "the essay. Run the cell under a question (or open this notebook as an app with Voila) to get "
        "an answer box.\n\n"
        "On your own, your answers are kept for you (in this browser, or as your JupyterHub user) and you "
        "can download them as a Markdown file. Opened from your teacher's link (with `?room=` and a "
        "code), you join the class room first and your answers go to your teacher.\n\n"
        f"*This notebook is made from the lesson folder `readings/{lesson.id}/` by "
        "`debate-kit lesson notebook`. A teacher can edit its questions, polls, counter-readings and "
        "glossary here and write them back with `debate-kit lesson from-notebook`; the essay's own "
        "text cannot be changed here (see readings/README.md in the debate_kit project).*"
    )


def section_markdown(section: Section, number: int, total: int, essay_title: str) -> str:
    return (
        f"## {number}. {escape(section.title)}\n\n"
        f"{quote(escape(section.text))}\n\n"
        f"*From the essay “{escape(essay_title)}”, section {number} of {total}.*"
    )


def prompt_markdown(prompt: Prompt) -> str:
    return f"**Question ({prompt.kind}):** {escape(prompt.text)}"


def poll_markdown(poll: PollSpec) -> str:
    options = "\n".join(f"- {escape(option)}" for option in poll.options)
    return f"**Poll:** {escape(poll.question)}\n\n{options}"


def _source_line(source: Any) -> str:
    target = link_target(source.url)
    name = source.title or source.url
    shown = f"[{link_text(name)}]({target})" if target else escape(name)
    when = source.date if not source.accessed else f"{source.date}, read {source.accessed}"
    return f"- ({escape(source.id)}) {escape(source.outlet)}: {shown} ({escape(when)})"


def reading_markdown(reading: CounterReading, numbers: dict[str, int]) -> str:
    answered = ", ".join(str(numbers.get(s, s)) for s in reading.sections)
    label = "section" if len(reading.sections) == 1 else "sections"
    checked = f" · facts checked {escape(reading.checked)}" if reading.checked else ""
    sources = "\n".join(_source_line(s) for s in reading.sources)
    return (
        f"### Counter-reading: {escape(reading.title)}\n\n"
        f"*Answers {label} {escape(answered)} · written {escape(reading.written)}{checked}*\n\n"
        f"{escape(reading.body)}\n\n"
        f"**Sources**\n\n{sources}"
    )


def glossary_markdown(glossary: tuple[GlossaryTerm, ...]) -> str:
    terms = "\n".join(
        f"- **{escape(t.term)}**: {escape(t.definition).replace(chr(10), chr(10) + '  ')}" for t in glossary
    )
    return f"## Glossary\n\n{terms}".rstrip()


def _source_data(source: Any) -> dict[str, str]:
    data = {"id": source.id, "outlet": source.outlet, "title": source.title, "date": source.date,
            "accessed": source.accessed, "url": source.url}  # fmt: skip
    return {key: value for key, value in data.items() if value}


def lesson_cells(lesson: Lesson, essay: str) -> list[Cell]:
    """The notebook's cells, in reading order."""
    numbers = {s.id: n for n, s in enumerate(lesson.sections, 1)}
    cells = [
        _cell("markdown", title_markdown(lesson), "lesson", lesson.id, lesson=head_data(lesson),
              essay=essay, teacher_guide=lesson.teacher_guide),
        _cell("markdown", help_markdown(lesson), "help", "how-to-use"),
        _cell("code", START_CODE.format(lesson=lesson.id), "start", "start"),
    ]  # fmt: skip
    for poll in (p for p in lesson.polls if p.section is None):
        cells.append(_cell("markdown", poll_markdown(poll), "poll", poll.id, poll_kind=poll.kind))
    placed: set[str] = set()
    for section in lesson.sections:
        cells.append(_cell("markdown", section_markdown(section, numbers[section.id], len(numbers),
                                                        lesson.essay_title), "section", section.id))
        for prompt in section.prompts:
            cells.append(_cell("markdown", prompt_markdown(prompt), "prompt", prompt.id))
            code = ANSWER_CODE.format(lesson=lesson.id, prompt=prompt.id)
            cells.append(_cell("code", code, "answer", prompt.id))
        for poll in (p for p in lesson.polls if p.section == section.id):
            cells.append(_cell("markdown", poll_markdown(poll), "poll", poll.id, poll_kind=poll.kind))
            cells.append(_cell("code", VOTE_CODE.format(lesson=lesson.id, poll=poll.id), "vote", poll.id))
        for reading in lesson.readings_for(section.id):
            if reading.id in placed:
                continue
            placed.add(reading.id)
            cells.append(_cell(
                "markdown", reading_markdown(reading, numbers), "counter-reading", reading.id,
                sections=list(reading.sections), written=reading.written, checked=reading.checked,
                sources=[_source_data(s) for s in reading.sources],
            ))  # fmt: skip
    cells.append(_cell("markdown", glossary_markdown(lesson.glossary), "glossary", "glossary"))
    return cells


def lesson_notebook(lesson: Lesson, essay: str) -> dict[str, Any]:
    """The lesson as an nbformat 4.5 notebook (a plain dict); outputs are never included."""
    return {
        "cells": lesson_cells(lesson, essay),
        "metadata": {
            "debate_kit": {"lesson": lesson.id, "made_by": "debate-kit lesson notebook"},
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "title": f"debate_kit: {lesson.title}",
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def notebook_text(notebook: dict[str, Any]) -> str:
    """The notebook as the JSON text Jupyter writes (indent 1, sorted keys, a final newline)."""
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
