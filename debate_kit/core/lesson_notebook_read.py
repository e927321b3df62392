"""Reading a lesson back from its notebook: cells -> lesson files -> the checked lesson.

:func:`read_notebook` takes the notebook's JSON (already decoded) and returns the lesson and its
files, or every problem found, each naming its cell ("cell 7", counting from 1 at the top). The
notebook's structure is checked first (metadata, kinds, ids, HTML); then its files are checked by
:func:`debate_kit.core.lesson_check.read_lesson` like any lesson folder; last, each cell is made
again from the lesson and compared, so an edit the files cannot hold is reported, never lost.
"""

from __future__ import annotations

import re
from typing import Any

from debate_kit.core.errors import LessonProblem
from debate_kit.core.lesson_check import read_lesson
from debate_kit.core.lesson_essay import ESSAY_FILE
from debate_kit.core.lesson_files import lesson_files, reading_file_name, section_file_name
from debate_kit.core.lesson_markdown import markdown_problems, normal_lines, unescape, unquote
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.lesson_notebook import CELL_KINDS, CODE_KINDS, lesson_cells
from debate_kit.core.lesson_parse import is_id
from debate_kit.core.lesson_yaml import LESSON_FILE

_SECTION_RE = re.compile(r"^## \d+\. (?P<title>.*)$")
_PROMPT_RE = re.compile(r"^\*\*Question \((?P<kind>[^)]*)\):\*\* (?P<text>.*)$", re.S)
_POLL_RE = re.compile(r"^\*\*Poll:\*\* (?P<question>.*)$")
_READING_RE = re.compile(r"^### Counter-reading: (?P<title>.*)$")
_TERM_RE = re.compile(r"^- \*\*(?P<term>.+?)\*\*: (?P<definition>.*)$")
_EDITABLE = {
    "lesson": "nothing (it is made from the cell's metadata and lesson.yaml's settings)",
    "help": "nothing (it is the same in every lesson)",
    "section": "the section's title (the essay's text cannot be changed here)",
    "prompt": "the question's text and kind (after '**Question (kind):**')",
    "start": "nothing (the code that starts the page is made by the kit)",
    "answer": "nothing (the answer box's code is made by the kit)",
    "vote": "nothing (the section poll's code is made by the kit)",
    "poll": "the question and, in a choice poll, the options (one '- ' line each)",
    "counter-reading": "the title and the text; the dates and sources are in the cell's metadata",
    "glossary": "the terms, one '- **term**: definition' line each",
}


class _Reader:
    def __init__(self) -> None:
        self.problems: list[LessonProblem] = []
        self.head: dict[str, Any] | None = None
        self.essay = self.guide = ""
        self.sections: list[dict[str, Any]] = []
        self.readings: list[dict[str, Any]] = []
        self.polls: list[dict[str, Any]] = []
        self.glossary: list[dict[str, str]] = []
        self.where: dict[tuple[str, str], int] = {}  # (kind, id) -> cell number
        self.files: dict[str, int] = {}  # lesson file -> cell number

    def problem(self, number: int | None, message: str) -> None:
        self.problems.append(LessonProblem(f"cell {number}" if number else "the notebook", None, message))

    def cell(self, number: int, cell: Any) -> None:
        if not isinstance(cell, dict):
            self.problem(number, "this is not a notebook cell")
            return
        meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        info = meta.get("debate_kit")
        if not isinstance(info, dict) or not info.get("kind") or not info.get("id"):
            self.problem(number, "this cell has no debate_kit metadata (kind and id), so it is not part of "
                         "the lesson: delete it, or give it metadata as readings/README.md shows")
            return
        kind, ident = info["kind"], info["id"]
        if kind not in CELL_KINDS:
            self.problem(number, f"this cell's kind '{kind}' is unknown; use one of {', '.join(CELL_KINDS)}")
            return
        if not isinstance(ident, str) or not is_id(ident):
            self.problem(number, f"this cell's id {ident!r} should use only lowercase letters, digits and "
                         "hyphens (like 'opening-claim')")
            return
        want = "code" if kind in CODE_KINDS else "markdown"
        if cell.get("cell_type") != want:
            self.problem(number, f"a {kind} cell should be a {want} cell, not {cell.get('cell_type')!r}")
            return
        first = self.where.setdefault((kind, ident), number)
        if first != number:
            self.problem(number, f"the {kind} id '{ident}' is used twice (first in cell {first}); "
                         "give it a new id")
            return
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if not isinstance(source, str):
            self.problem(number, "this cell's text is not text")
            return
        if want == "markdown":
            bad = markdown_problems(source)
            for message in bad:
                self.problem(number, message)
            if not bad:
                getattr(self, "_" + kind.replace("-", "_"))(number, ident, info, normal_lines(source))

    def _lesson(self, number: int, ident: str, info: dict[str, Any], lines: list[str]) -> None:
        if self.head is not None:
            self.problem(number, "the notebook has a second lesson cell; keep only the first")
            return
        head, essay, guide = info.get("lesson"), info.get("essay"), info.get("teacher_guide")
        if not isinstance(head, dict) or not isinstance(essay, str) or not isinstance(guide, str):
            self.problem(number, "the lesson cell's metadata should hold 'lesson' (lesson.yaml's settings), "
                         "'essay' (essay.txt) and 'teacher_guide' (teacher-guide.md)")
            return
        self.head, self.essay, self.guide = dict(head), essay, guide
        for name in (LESSON_FILE, ESSAY_FILE, "teacher-guide.md"):
            self.files[name] = number

    def _help(self, number: int, ident: str, info: dict[str, Any], lines: list[str]) -> None:
        pass  # compared with the kit's text at the end

    def _section(self, number: int, ident: str, info: dict[str, Any], lines: list[str]) -> None:
        match = _SECTION_RE.match(lines[0]) if lines else None
        quoted = [line for line in lines[2:-2]] if len(lines) >= 5 else []
        text = unquote(quoted) if match else None
        if match is None or text is None:
            self.problem(number, "a section cell should be '## N. Title', a blank line, the essay's text as "
                         "a quote ('> ' lines), a blank line, and the 'From the essay' line")
            return
        self.sections.append({"id": ident, "title": unescape(match["title"]), "prompts": [],
                              "text": unescape(text)})  # fmt: skip
        self.files[section_file_name(len(self.sections), ident)] = number

    def _prompt(self, number: int, ident: str, info: dict[str, Any], lines: list[str]) -> None:
        match = _PROMPT_RE.match("\n".join(lines))
        if match is None or not self.sections:
            self.problem(number, "a question cell should read '**Question (kind):** text' and come after "
                         "its section's cell")
            return
        prompt = {"id": ident, "kind": match["kind"], "text": unescape(match["text"])}
        self.sections[-1]["prompts"].append(prompt)

    def _poll(self, number: int, ident: str, info: dict[str, Any], lines: list[str]) -> None:
        match = _POLL_RE.match(lines[0]) if lines else None
        options = [unescape(line[2:]) for line in lines[2:] if line.startswith("- ")]
        if match is None or len(options) != len(lines[2:]):
            self.problem(number, "a poll cell should read '**Poll:** question', a blank line, then one "
                         "'- option' line per option")
            return
        poll = {"id": ident, "section": self.sections[-1]["id"] if self.sections else None,
                "kind": info.get("poll_kind"), "question": unescape(match["question"])}  # fmt: skip
        if poll["section"] is None:
            del poll["section"]
        if info.get("poll_kind") != "agree":
            poll["options"] = options
        self.polls.append(poll)

    def _counter_reading(self, number: int, ident: str, info: dict[str, Any], lines: list[str]) -> None:
        match = _READING_RE.match(lines[0]) if lines else None
        end = max((i for i, line in enumerate(lines) if line == "**Sources**"), default=None)
        if match is None or end is None or end < 4:
            self.problem(number, "a counter-reading cell should be '### Counter-reading: Title', the line "
                         "about its sections and dates, its text, then '**Sources**' and the sources")
            return
        reading = {key: info.get(key) for key in ("sections", "written", "checked", "sources")}
        self.readings.append({"id": ident, "title": unescape(match["title"]), **reading,
                              "body": unescape("\n".join(lines[4:end]))})  # fmt: skip
        self.files[reading_file_name(ident)] = number

    def _glossary(self, number: int, ident: str, info: dict[str, Any], lines: list[str]) -> None:
        for line in lines[2:]:
            match = _TERM_RE.match(line)
            if match:
                term = {"term": unescape(match["term"]), "definition": unescape(match["definition"])}
                self.glossary.append(term)
            elif line.startswith("  ") and self.glossary:
                self.glossary[-1]["definition"] += "\n" + unescape(line[2:])
            else:
                self.problem(number, "each glossary line should read '- **term**: definition', "
                             f"not '{line[:40]}'")

    def cell_of(self, problem: LessonProblem) -> int | None:
        """The cell a problem in the lesson's files belongs to (a poll or prompt named in it first)."""
        for (kind, ident), number in self.where.items():
            if kind in ("poll", "prompt") and f"{kind} '{ident}'" in problem.message:
                return number
        return self.files.get(problem.file) or self.where.get(("glossary", "glossary"))


def read_notebook(notebook: Any) -> tuple[Lesson | None, dict[str, str] | None, list[LessonProblem]]:
    """The lesson in ``notebook`` and its files, or (None, None, every problem with its cell)."""
    reader = _Reader()
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list) or notebook.get("nbformat") != 4:
        reader.problem(None, "this is not a Jupyter notebook (nbformat 4) with a list of cells")
        return None, None, reader.problems
    for number, cell in enumerate(cells, 1):
        reader.cell(number, cell)
    if reader.head is None and not reader.problems:
        reader.problem(None, "the notebook has no lesson cell (kind 'lesson'); make it with "
                       "`debate-kit lesson notebook`")
    if reader.head is None:  # every other cell is still checked with the lesson's files
        return None, None, reader.problems
    head = {**reader.head, "polls": reader.polls, "glossary": reader.glossary}
    files = lesson_files(head, reader.sections, reader.readings, reader.essay, reader.guide)
    lesson, problems = read_lesson(files, folder=str(head.get("id")))
    for problem in problems:
        where = f"{problem.file}:{problem.line}" if problem.line else problem.file
        message = problem.message
        if problem.file.startswith("sections/") and ESSAY_FILE in message:
            message = ("the essay's own text cannot be changed in the notebook; undo the edit (to change "
                       "the essay, edit essay.txt and the section files, then make the notebook again): "
                       f"{message}")
        reader.problem(reader.cell_of(problem), f"{message} (in {where})")
    if lesson is None or reader.problems:
        return None, None, reader.problems
    _compare(cells, lesson, reader)
    return (None, None, reader.problems) if reader.problems else (lesson, files, [])


def _compare(cells: list[Any], lesson: Lesson, reader: _Reader) -> None:
    """Report each cell whose text differs from the same cell made again from the lesson."""
    made = {(c["metadata"]["debate_kit"]["kind"], c["metadata"]["debate_kit"]["id"]): c
            for c in lesson_cells(lesson, reader.essay)}  # fmt: skip
    for (kind, ident), number in reader.where.items():
        if (kind, ident) not in made:
            reader.problem(number, f"this answer box's question '{ident}' is not in the lesson; "
                           "delete the cell")
            continue
        given, again = cells[number - 1].get("source", ""), made[kind, ident]["source"]
        given = "".join(given) if isinstance(given, list) else given
        if normal_lines(unescape(given)) != normal_lines(unescape("".join(again))):
            reader.problem(number, f"this change cannot be written back: in {kind} cells you can edit only "
                           f"{_EDITABLE[kind]}; undo the change or make it in the lesson's files")
