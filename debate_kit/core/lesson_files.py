"""Writing a lesson's files from plain data: the inverse of reading them, in the kit's own layout.

Values are written as they are (text, lists, mappings from a notebook's metadata), so whatever is
wrong with them is reported by :func:`debate_kit.core.lesson_check.read_lesson` when the files are
read back, with the same messages as for a lesson written by hand.
"""

from __future__ import annotations

from typing import Any

import yaml

from debate_kit.core.lesson_check import GUIDE_FILE, READINGS_DIR, SECTIONS_DIR
from debate_kit.core.lesson_essay import ESSAY_FILE
from debate_kit.core.lesson_yaml import LESSON_FILE


def dump(data: Any) -> str:
    """``data`` as block-style YAML, keys in the order given, long lines kept whole."""
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False
    )


def front_matter_file(front: dict[str, Any], body: str) -> str:
    """A Markdown file: YAML front matter between ``---`` lines, then ``body``."""
    return f"---\n{dump(front)}---\n{body.strip()}\n"


def section_file_name(number: int, section_id: Any) -> str:
    return f"{SECTIONS_DIR}{number:02d}-{section_id}.md"


def reading_file_name(reading_id: Any) -> str:
    return f"{READINGS_DIR}{reading_id}.md"


def lesson_files(
    head: dict[str, Any],
    sections: list[dict[str, Any]],
    readings: list[dict[str, Any]],
    essay: str,
    guide: str,
) -> dict[str, str]:
    """The files of a lesson folder as ``{relative path: text}``.

    ``head`` is lesson.yaml's mapping; each section has id, title, prompts and ``text`` (the essay's
    words); each reading has its front matter's keys and ``body``. Sections are numbered in order.
    """
    files = {LESSON_FILE: dump(head), ESSAY_FILE: essay, GUIDE_FILE: guide.strip() + "\n"}
    for number, section in enumerate(sections, 1):
        front = {key: value for key, value in section.items() if key != "text"}
        name = section_file_name(number, section.get("id"))
        files[name] = front_matter_file(front, section.get("text", ""))
    for reading in readings:
        front = {key: value for key, value in reading.items() if key != "body" and value not in ("", None)}
        files[reading_file_name(reading.get("id"))] = front_matter_file(front, reading.get("body", ""))
    return files
