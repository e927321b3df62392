"""An unfinished lesson (a new essay's scaffold, TODO placeholders and all) read without checking.

:func:`draft_lesson` reads what it can and never judges: it is only for making a draft notebook of a
lesson that does not pass ``lesson check`` yet (``debate-kit lesson new``). Reading the notebook back
checks everything, so a draft is refused until its placeholders are filled in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from debate_kit.core.lesson_check import GUIDE_FILE, READINGS_DIR, SECTIONS_DIR
from debate_kit.core.lesson_model import (
    AGREE_OPTIONS,
    DEFAULT_RUBRIC,
    CounterReading,
    GlossaryTerm,
    Lesson,
    Motion,
    PollSpec,
    Prompt,
    Section,
    Source,
)
from debate_kit.core.lesson_parse import Report, split_front_matter
from debate_kit.core.lesson_yaml import LESSON_FILE


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value).strip()


def _front(text: str) -> tuple[dict[str, Any], str]:
    front = split_front_matter(text, "", Report())
    if front is None:
        return {}, text
    return _mapping(yaml.safe_load(front.yaml_text)), front.body.strip()


def draft_lesson(files: Mapping[str, str], lesson_id: str) -> Lesson:
    """The lesson in ``files`` as far as it can be read; raises ``yaml.YAMLError`` on broken YAML."""
    head = _mapping(yaml.safe_load(files.get(LESSON_FILE, "")))
    essay = _mapping(head.get("essay"))
    sections, readings = [], []
    for order, name in enumerate(sorted(n for n in files if n.startswith(SECTIONS_DIR)), 1):
        data, body = _front(files[name])
        prompts = tuple(Prompt(_text(p, "id"), _text(p, "kind") or "other", _text(p, "text"))
                        for p in _items(data.get("prompts")))  # fmt: skip
        sections.append(Section(_text(data, "id"), _text(data, "title"), order, body, prompts))
    for name in sorted(n for n in files if n.startswith(READINGS_DIR)):
        data, body = _front(files[name])
        sources = tuple(Source(_text(s, "id"), _text(s, "outlet"), _text(s, "title"), _text(s, "date"),
                               _text(s, "url"), _text(s, "accessed")) for s in _items(data.get("sources")))
        answers = tuple(str(s) for s in data.get("sections") or [] if s is not None)
        readings.append(CounterReading(_text(data, "id"), _text(data, "title"), answers,
                                       _text(data, "written"), body, sources, _text(data, "checked")))
    polls = tuple(
        PollSpec(_text(p, "id"), _text(p, "section") or None, _text(p, "kind"), _text(p, "question"),
                 AGREE_OPTIONS if _text(p, "kind") == "agree" else tuple(map(str, p.get("options") or ())))
        for p in _items(head.get("polls"))
    )  # fmt: skip
    return Lesson(
        id=lesson_id, title=_text(head, "title"), essay_title=_text(essay, "title"),
        essay_origin=_text(essay, "origin"), essay_written=_text(essay, "written"),
        sections=tuple(sections), counter_readings=tuple(readings),
        motions=tuple(Motion(_text(m, "id"), _text(m, "text")) for m in _items(head.get("motions"))),
        polls=polls, rubric=DEFAULT_RUBRIC,
        glossary=tuple(GlossaryTerm(_text(g, "term"), _text(g, "definition"))
                       for g in _items(head.get("glossary"))),
        teacher_guide=files.get(GUIDE_FILE, "").strip(),
    )  # fmt: skip
