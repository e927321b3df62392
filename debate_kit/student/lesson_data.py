"""A lesson as plain data for the student page (docs/student-protocol.md, "The lesson").

Only what students read: the essay's sections, prompts and counter-readings with their sources.
Sent once per page (a cacheable file on the light page, a trait in notebooks), not with every view.
"""

from __future__ import annotations

from typing import Any

from debate_kit.core.lesson_model import Lesson


def split_paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def lesson_data(lesson: Lesson) -> dict[str, Any]:
    return {
        "id": lesson.id,
        "title": lesson.essay_title,
        "origin": lesson.essay_origin,
        "sections": [
            {
                "id": section.id,
                "title": section.title,
                "paragraphs": split_paragraphs(section.text),
                "prompts": [{"id": p.id, "kind": p.kind, "text": p.text} for p in section.prompts],
                "readings": [
                    {"id": r.id, "title": r.title, "written": r.written,
                     "paragraphs": split_paragraphs(r.body),
                     "sources": [{"id": s.id, "outlet": s.outlet, "title": s.title, "date": s.date,
                                  "url": s.url} for s in r.sources]}
                    for r in lesson.readings_for(section.id)
                ],
            }
            for section in lesson.sections
        ],
        "claims": [{"section": c.section, "quote": c.quote, "why": c.why} for c in lesson.claims],
    }
