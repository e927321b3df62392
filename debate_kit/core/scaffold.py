"""Turning an essay into the files of a new lesson, with TODO placeholders to fill in.

Sections come from the essay's Markdown headings if it has them; otherwise its paragraphs
(blank-line separated, or one per line if there are no blank lines) are grouped into 6 to 11
sections, splitting long paragraphs at sentence ends when there are fewer than 6. Each section gets
placeholder prompts and a placeholder counter-reading; ``lesson check`` reports each placeholder
until it is filled in, and the scaffold passes the check once they are.
"""

from __future__ import annotations

import itertools
import json
import re

from debate_kit.core.lesson_model import DEFAULT_RUBRIC
from debate_kit.core.lesson_parse import PLACEHOLDER

MIN_SECTIONS, MAX_SECTIONS = 6, 11
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")


def _q(text: str) -> str:
    """``text`` as a double-quoted YAML string."""
    return json.dumps(text, ensure_ascii=False)


def slug(text: str, words: int = 4) -> str:
    """A short id made from the first words of ``text`` ("" if it has none)."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words])


def split_essay(essay: str) -> list[tuple[str | None, str]]:
    """The essay's sections as (heading or None, text), in order."""
    lines = essay.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    parts = _by_headings(lines)
    if len(parts) >= 2:
        return parts
    paragraphs = _paragraphs(lines)
    return [(None, text) for text in _group(_split_sentences(paragraphs))]


def _by_headings(lines: list[str]) -> list[tuple[str | None, str]]:
    levels = [len(m.group(1)) for m in map(_HEADING_RE.match, lines) if m]
    if not levels:
        return []
    repeated = [level for level in set(levels) if levels.count(level) >= 2]
    level = min(repeated or levels)
    parts: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        match = _HEADING_RE.match(line)
        if match and len(match.group(1)) == level:
            parts.append((match.group(2), [line]))
        else:
            parts[-1][1].append(line)
    out = [(title, "\n".join(body).strip()) for title, body in parts]
    if out[0][1] and len(out) > 1:  # text before the first heading: an introduction
        return [("Introduction", out[0][1]), *out[1:]]
    return [part for part in out if part[1]]


def _paragraphs(lines: list[str]) -> list[str]:
    blocks, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if len(blocks) == 1:  # no blank lines: one paragraph per line
        blocks = [line.strip() for line in lines if line.strip()]
    return blocks


def _split_sentences(paragraphs: list[str]) -> list[str]:
    parts = list(paragraphs)
    while len(parts) < MIN_SECTIONS:
        longest = max(range(len(parts)), key=lambda i: len(parts[i].split()))
        ends = [m.end() for m in _SENTENCE_END_RE.finditer(parts[longest])]
        if not ends:
            break
        middle = len(parts[longest]) / 2
        cut = min(ends, key=lambda end: abs(end - middle))
        text = parts[longest]
        parts[longest : longest + 1] = [text[:cut].strip(), text[cut:].strip()]
    return parts


def _group(paragraphs: list[str]) -> list[str]:
    """Contiguous groups of paragraphs, at most MAX_SECTIONS, of about equal length."""
    if len(paragraphs) <= MAX_SECTIONS:
        return paragraphs
    count = min(MAX_SECTIONS, max(MIN_SECTIONS, (len(paragraphs) + 1) // 2))
    sizes = [len(p.split()) for p in paragraphs]
    total = sum(sizes)
    before = [sum(sizes[:i]) for i in range(len(sizes) + 1)]
    cuts = [0]
    for k in range(1, count):
        low, high = cuts[-1] + 1, len(paragraphs) - (count - k)
        ideal = total * k / count
        cuts.append(min(range(low, high + 1), key=lambda i: abs(before[i] - ideal)))
    cuts.append(len(paragraphs))
    return ["\n\n".join(paragraphs[a:b]) for a, b in itertools.pairwise(cuts)]


def _essay_title(essay: str) -> str | None:
    for line in essay.splitlines():
        if line.strip():
            match = _HEADING_RE.match(line.strip())
            return match.group(2) if match and len(match.group(1)) == 1 else None
    return None


def _title_from(text: str) -> str:
    found = text.split()
    return " ".join(found[:6]) + (" …" if len(found) > 6 else "")


def scaffold_lesson(essay: str, lesson_id: str) -> dict[str, str]:
    """The files of a new lesson for ``essay``, as ``{relative path: text}``."""
    files = {"essay.txt": essay if essay.endswith("\n") else essay + "\n"}
    ids: list[str] = []
    for number, (heading, text) in enumerate(split_essay(essay), 1):
        base = (slug(heading) if heading else "") or f"part-{number}"
        section_id = base if base not in ids else f"{base}-{number}"
        ids.append(section_id)
        title = heading or _title_from(text)
        files[f"sections/{number:02d}-{section_id}.md"] = _section_file(section_id, title, text)
        files[f"counter-readings/answer-{section_id}.md"] = _reading_file(section_id)
    files["lesson.yaml"] = _lesson_file(lesson_id, _essay_title(essay))
    files["teacher-guide.md"] = (
        f"# Teacher guide\n\n{PLACEHOLDER}: the learning goals of this lesson.\n\n"
        f"{PLACEHOLDER}: the lesson plan (timings, who does what, when the class votes).\n"
    )
    return files


def _section_file(section_id: str, title: str, text: str) -> str:
    return (
        f"---\nid: {section_id}\ntitle: {_q(title)}\nprompts:\n"
        f"  - id: {section_id}-claim\n    kind: claim\n"
        f"    text: {_q(PLACEHOLDER + ': ask what this section claims, and on what evidence.')}\n"
        f"  - id: {section_id}-counter\n    kind: counter\n"
        f"    text: {_q(PLACEHOLDER + ': ask how someone who disagrees would answer.')}\n"
        f"---\n{text}\n"
    )


def _reading_file(section_id: str) -> str:
    source = (
        "  - id: {n}\n"
        f"    outlet: {_q(PLACEHOLDER + ': who published it')}\n"
        f"    title: {_q(PLACEHOLDER + ': the headline')}\n"
        f"    date: {_q(PLACEHOLDER + ': YYYY-MM-DD')}\n"
        f"    url: {_q(PLACEHOLDER + ': https://...')}\n"
    )
    return (
        f"---\nid: answer-{section_id}\n"
        f"title: {_q(PLACEHOLDER + ': a title for this counter-reading')}\n"
        f"sections: [{section_id}]\n"
        f"written: {_q(PLACEHOLDER + ': YYYY-MM-DD')}\n"
        f"checked: {_q(PLACEHOLDER + ': YYYY-MM-DD')}\n"
        f"sources:\n{source.format(n=1)}{source.format(n=2)}---\n"
        f"{PLACEHOLDER}: write 150 to 400 words that answer this section with dated facts. "
        "Cite the sources by number after each fact, like this [1] or this [1, 2].\n"
    )


def _lesson_file(lesson_id: str, essay_title: str | None) -> str:
    criteria = "".join(
        f"    - {{id: {c.id}, label: {_q(c.label)}, help: {_q(c.help)}}}\n" for c in DEFAULT_RUBRIC.criteria
    )
    return (
        "# The lesson: see readings/README.md for every key.\n"
        f"id: {lesson_id}\n"
        f"title: {_q(PLACEHOLDER + ': the title students see')}\n"
        "essay:\n"
        f"  title: {_q(essay_title or PLACEHOLDER + ': the essay title')}\n"
        f"  origin: {_q(PLACEHOLDER + ': where the essay comes from (one or two sentences)')}\n"
        f"  written: {_q(PLACEHOLDER + ': when it was written, and how you know')}\n"
        "motions:\n"
        "  - id: main\n"
        f"    text: {_q(PLACEHOLDER + ': This house believes that ...')}\n"
        "polls: []\n"
        f"rubric:\n  min: {DEFAULT_RUBRIC.min}\n  max: {DEFAULT_RUBRIC.max}\n"
        f"  criteria:\n{criteria}"
        "glossary: []\n"
        "# The essay's key claims for students to check with evidence cards (optional): section, quote\n"
        "# (copied exactly from the essay) and why it matters. See readings/README.md.\n"
        "claims: []\n"
    )
