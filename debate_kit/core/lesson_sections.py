"""Reading one section file (``sections/NN-<id>.md``) into a :class:`Section`.

The reader checks the rules that concern its own file (ids, title, prompts and their kinds) and
records problems with file and line. Rules across files live in ``lesson_check``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from debate_kit.core.lesson_model import Prompt, Section
from debate_kit.core.lesson_parse import (
    Fields,
    Report,
    read_front_fields,
)
from debate_kit.core.vocabulary import PROMPT_KINDS

SECTION_KEYS = ("id", "title", "prompts")
PROMPT_KEYS = ("id", "kind", "text")


@dataclass
class Ids:
    """Ids already used, per kind, with where: finds duplicates across files."""

    seen: dict[tuple[str, str], str] = field(default_factory=dict)

    def claim(self, kind: str, value: str, where: str, fields: Fields, key: str = "id") -> bool:
        """Record ``value``; False (with a problem) if this kind already uses it."""
        first = self.seen.setdefault((kind, value), where)
        if first != where:
            fields.problem(key, f"the {kind} id '{value}' is used twice (first in {first})")
            return False
        return True


@dataclass(frozen=True)
class SectionFile:
    """A section and where its parts are in its file."""

    section: Section
    file: str
    line: int | None
    body: str
    body_line: int


def read_section(
    file: str, text: str, order: int, name_id: str, ids: Ids, report: Report
) -> SectionFile | None:
    """Read ``sections/NN-<id>.md``: front matter (id, title, prompts) and the essay text."""
    read = read_front_fields(text, file, report, "the section", SECTION_KEYS)
    if read is None:
        return None
    front, fields = read
    doc = fields.doc
    section_id = fields.ident()
    title = fields.text("title")
    if section_id is not None:
        if section_id != name_id:
            fields.problem("id", f"the file name says '{name_id}' but the id is '{section_id}'")
        ids.claim("section", section_id, f"{file}:{fields.line('id')}", fields)
    prompts = []
    for item in fields.items("prompts", required=True):
        prompt = _read_prompt(Fields(doc, item, "prompt", PROMPT_KEYS), ids)
        if prompt is not None:
            prompts.append(prompt)
    if not front.body.strip():
        report.add(file, front.body_line, "the section has no essay text after the front matter")
    if section_id is None or title is None:
        return None
    section = Section(section_id, title, order, front.body.strip(), tuple(prompts))
    return SectionFile(section, file, fields.line("id"), front.body, front.body_line)


def _read_prompt(fields: Fields, ids: Ids) -> Prompt | None:
    prompt_id = fields.ident()
    kind = fields.text("kind", required=False) or "other"
    text = fields.text("text")
    if kind not in PROMPT_KINDS:
        fields.problem("kind", f"{fields.what} has kind '{kind}'; use one of {', '.join(PROMPT_KINDS)}")
    if prompt_id is not None:
        ids.claim("prompt", prompt_id, f"{fields.doc.file}:{fields.line('id')}", fields)
    if prompt_id is None or text is None or kind not in PROMPT_KINDS:
        return None
    return Prompt(prompt_id, kind, text)
